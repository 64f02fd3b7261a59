"""Engine, sessions and the one transaction helper used by requests, jobs and the CLI."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session

from backend.app.errors import DomainError

_holds_sqlite_lock: ContextVar[bool] = ContextVar("holds_sqlite_lock", default=False)


def create_engine(database_url: str, *, echo: bool = False) -> AsyncEngine:
    """Build the async engine; SQLite gets WAL, foreign keys and a busy timeout."""
    url = make_url(database_url)
    kwargs: dict[str, Any] = {"echo": echo}
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"timeout": 30}
    else:
        kwargs.update(pool_size=10, max_overflow=20, pool_pre_ping=True, pool_recycle=1800)
    engine = create_async_engine(url, **kwargs)
    if url.get_backend_name() == "sqlite":
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        event.listen(engine.sync_engine, "begin", _sqlite_begin)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Take transactions out of the driver's hands so that _sqlite_begin can open them.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    # SQLite has one writer: taking the write lock up front makes a transaction wait for it
    # (busy_timeout) instead of failing when a read later upgrades to a write.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def is_sqlite(engine: AsyncEngine) -> bool:
    return engine.dialect.name == "sqlite"


class Database:
    """Owns the engine and hands out one session per unit of work."""

    def __init__(self, database_url: str, *, echo: bool = False) -> None:
        self.url = database_url
        self.engine = create_engine(database_url, echo=echo)
        self._sqlite_writer = asyncio.Lock() if is_sqlite(self.engine) else None
        # A class of our own per database, so session events listen to this database only.
        self.sync_session_class: type[Session] = type("NovaSession", (Session,), {})
        self.sessionmaker = async_sessionmaker(
            self.engine, expire_on_commit=False, sync_session_class=self.sync_session_class
        )

    @asynccontextmanager
    async def session_scope(self) -> AsyncIterator[AsyncSession]:
        """One transaction: commit on success, roll back on any error."""
        if self._sqlite_writer is None:
            async with self._transaction() as session:
                yield session
            return
        # SQLite has one writer. Queue our own transactions here, in order, rather than in
        # SQLite's busy handler, whose growing sleeps make the tail latency explode.
        if _holds_sqlite_lock.get():
            raise RuntimeError("nested session_scope() on SQLite would wait for itself")
        async with self._sqlite_writer:
            token = _holds_sqlite_lock.set(True)
            try:
                async with self._transaction() as session:
                    yield session
            finally:
                _holds_sqlite_lock.reset(token)

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[AsyncSession]:
        async with self.sessionmaker() as session:
            try:
                yield session
                await session.commit()
            except DomainError as exc:
                await (session.commit() if exc.keep_changes else session.rollback())
                raise
            except BaseException:
                await session.rollback()
                raise

    async def dispose(self) -> None:
        await self.engine.dispose()
