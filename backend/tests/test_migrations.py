from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from backend.app import migrations
from backend.app.db import create_engine
from backend.app.models import Base, ContactEmail, ContactPhone
from backend.app.models.base import UTCDateTime


async def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    async with engine.connect() as connection:
        names = await connection.run_sync(lambda sync: set(inspect(sync).get_table_names()))
    await engine.dispose()
    return names - {"alembic_version"}


async def _drift(url: str) -> list[object]:
    engine = create_engine(url)
    async with engine.connect() as connection:
        diff = await connection.run_sync(
            lambda sync: compare_metadata(
                MigrationContext.configure(sync, opts={"compare_type": True}), Base.metadata
            )
        )
    await engine.dispose()
    return list(diff)


def test_migrations_upgrade_downgrade_upgrade_when_database_empty(empty_database_url: str) -> None:
    migrations.upgrade(empty_database_url)
    assert asyncio.run(_tables(empty_database_url)) == set(Base.metadata.tables)
    migrations.downgrade(empty_database_url, "base")
    assert asyncio.run(_tables(empty_database_url)) == set()
    migrations.upgrade(empty_database_url)
    assert asyncio.run(_tables(empty_database_url)) == set(Base.metadata.tables)


def test_models_and_migrations_do_not_drift(migrated_database_url: str) -> None:
    assert asyncio.run(_drift(migrated_database_url)) == []


def test_migration_files_have_a_date_prefix() -> None:
    from pathlib import Path

    versions = Path(migrations.__file__).resolve().parents[1] / "migrations" / "versions"
    names = [p.name for p in versions.glob("*.py")]
    assert names
    assert all(name[:8].isdigit() and name[8] == "_" for name in names)


_OLD_CONTACT = sa.table(
    "contact",
    sa.column("id", sa.Uuid()),
    sa.column("first_name", sa.String()),
    sa.column("last_name", sa.String()),
    sa.column("email", sa.String()),
    sa.column("email_key", sa.String()),
    sa.column("phone", sa.String()),
    sa.column("consents", sa.JSON()),
    sa.column("tags", sa.JSON()),
    sa.column("search_text", sa.String()),
    sa.column("version", sa.Integer()),
    sa.column("created_at", UTCDateTime()),
    sa.column("updated_at", UTCDateTime()),
)


async def _execute(url: str, statement: Any) -> list[Any]:
    engine = create_engine(url)
    async with engine.begin() as connection:
        result = await connection.execute(statement)
        rows = list(result.all()) if result.returns_rows else []
    await engine.dispose()
    return rows


def test_single_email_and_phone_become_the_first_items_when_contacts_are_migrated(
    empty_database_url: str,
) -> None:
    url = empty_database_url
    migrations.upgrade(url, "20261128_0005")
    with_both, without = uuid.uuid4(), uuid.uuid4()
    now = datetime.now(UTC)
    common = {"consents": {}, "tags": [], "search_text": "", "version": 1}
    asyncio.run(
        _execute(
            url,
            sa.insert(_OLD_CONTACT).values(
                [
                    {
                        "id": with_both,
                        "first_name": "Ada",
                        "last_name": "Lovelace",
                        "email": "Ada@example.com",
                        "email_key": "ada@example.com",
                        "phone": "+442079460958",
                        "created_at": now,
                        "updated_at": now,
                        **common,
                    },
                    {
                        "id": without,
                        "first_name": "Bo",
                        "last_name": "",
                        "email": None,
                        "email_key": None,
                        "phone": None,
                        "created_at": now,
                        "updated_at": now,
                        **common,
                    },
                ]
            ),
        )
    )

    migrations.upgrade(url)
    emails = asyncio.run(
        _execute(
            url,
            sa.select(
                ContactEmail.contact_id,
                ContactEmail.email_key,
                ContactEmail.email,
                ContactEmail.position,
            ),
        )
    )
    assert [tuple(r) for r in emails] == [(with_both, "ada@example.com", "Ada@example.com", 0)]
    phones = asyncio.run(
        _execute(url, sa.select(ContactPhone.contact_id, ContactPhone.phone, ContactPhone.position))
    )
    assert [tuple(r) for r in phones] == [(with_both, "+442079460958", 0)]

    migrations.downgrade(url, "20261128_0005")
    assert not {"contact_email", "contact_phone"} & asyncio.run(_tables(url))
    kept = asyncio.run(_execute(url, sa.select(_OLD_CONTACT.c.email, _OLD_CONTACT.c.phone)))
    assert sorted(tuple(r) for r in kept if r[0]) == [("Ada@example.com", "+442079460958")]
