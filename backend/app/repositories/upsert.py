"""INSERT ... ON CONFLICT for the engine in use: both SQLite and PostgreSQL speak it."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


def insert_for(session: AsyncSession, table: Any) -> Any:
    """An ``insert(table)`` that offers ``on_conflict_do_nothing`` on this session's engine."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)
