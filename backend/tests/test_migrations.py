from __future__ import annotations

import asyncio

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from backend.app import migrations
from backend.app.db import create_engine
from backend.app.models import Base


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
