"""contact addresses: several emails and phones per contact (ADR-0011)

Revision ID: 20261128_0006
Revises: 20261128_0005
Create Date: 2026-11-28 07:30:00.000000

Each contact's single email and phone become the first row of ``contact_email`` and
``contact_phone``; the columns on ``contact`` stay as the primary address and number. The
indexes on ``contact.email_key`` and ``contact.phone`` go: duplicates are looked up in the child
tables. A downgrade keeps the primary values (still on ``contact``) and drops the others.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261128_0006"
down_revision: str | None = "20261128_0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _create_child(table: str, key_column: sa.Column[str], *columns: sa.Column[str]) -> None:
    """A table of one value per row of a contact, keyed by (contact_id, key), key indexed."""
    key = key_column.name
    op.create_table(
        table,
        sa.Column("contact_id", sa.Uuid(), nullable=False),
        key_column,
        *columns,
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f(f"fk_{table}_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("contact_id", key, name=op.f(f"pk_{table}")),
    )
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f"ix_{table}_{key}"), [key], unique=False)


def _drop_child(table: str, key: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.drop_index(batch_op.f(f"ix_{table}_{key}"))
    op.drop_table(table)


def upgrade() -> None:
    _create_child(
        "contact_email",
        sa.Column("email_key", sa.String(length=320), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
    )
    _create_child("contact_phone", sa.Column("phone", sa.String(length=32), nullable=False))

    # The key computed by the application when there is one; lower() is the same for ASCII.
    op.execute(
        "INSERT INTO contact_email (contact_id, email_key, email, position) "
        "SELECT id, COALESCE(email_key, LOWER(email)), email, 0 FROM contact "
        "WHERE email IS NOT NULL AND email <> ''"
    )
    op.execute(
        "INSERT INTO contact_phone (contact_id, phone, position) "
        "SELECT id, phone, 0 FROM contact WHERE phone IS NOT NULL AND phone <> ''"
    )

    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_email_key"))
        batch_op.drop_index(batch_op.f("ix_contact_phone"))


def downgrade() -> None:
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_phone"), ["phone"], unique=False)
        batch_op.create_index(batch_op.f("ix_contact_email_key"), ["email_key"], unique=False)
    _drop_child("contact_phone", "phone")
    _drop_child("contact_email", "email_key")
