"""graph chat users: where the chat catch-up of each known tenant user stands (ADR-0013)

Revision ID: 20261128_0007
Revises: 20261128_0006
Create Date: 2026-11-28 12:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import backend.app.models.base

revision: str = "20261128_0007"
down_revision: str | None = "20261128_0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _moment(name: str, *, nullable: bool = True) -> sa.Column[object]:
    return sa.Column(name, backend.app.models.base.UTCDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "graph_chat_user",
        sa.Column("aad_object_id", sa.String(length=64), nullable=False),
        _moment("swept_until"),
        _moment("requested_until"),
        _moment("window_end"),
        sa.Column("next_link", sa.Text(), nullable=True),
        sa.Column("messages_seen", sa.Integer(), nullable=False),
        _moment("gone_at"),
        sa.Column("id", sa.Uuid(), nullable=False),
        _moment("created_at", nullable=False),
        _moment("updated_at", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_graph_chat_user")),
        sa.UniqueConstraint("aad_object_id", name=op.f("uq_graph_chat_user_aad_object_id")),
    )


def downgrade() -> None:
    op.drop_table("graph_chat_user")
