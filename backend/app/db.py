"""Engine, sessions and the one transaction helper used by requests, jobs and the CLI."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
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

log = logging.getLogger("nova.db")
_holds_sqlite_lock: ContextVar[bool] = ContextVar("holds_sqlite_lock", default=False)
_AFTER_COMMIT = "nova_after_commit"
AfterCommit = Callable[[], Awaitable[None]]


def after_commit(session: AsyncSession, action: AfterCommit) -> None:
    """Run ``action`` once this session's transaction has committed; never if it rolls back.

    For I/O that must not hold the transaction open (on SQLite, the one writer lock): outbound
    messages, cache updates. It runs after ``session_scope`` has released the transaction; a
    failure is logged, since the data it follows is already committed.
    """
    session.info.setdefault(_AFTER_COMMIT, []).append(action)


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


@asynccontextmanager
async def savepoint(session: AsyncSession) -> AsyncIterator[None]:
    """A SAVEPOINT inside the session's transaction; rolled back, it also drops the
    after-commit actions queued inside it (they would describe work that was undone)."""
    queued: list[AfterCommit] = session.info.setdefault(_AFTER_COMMIT, [])
    mark = len(queued)
    try:
        async with session.begin_nested():
            yield
    except BaseException:
        del queued[mark:]
        raise


async def _run_after_commit(actions: list[AfterCommit]) -> None:
    for action in actions:
        try:
            await action()
        except Exception:
            log.exception("an after-commit action failed")


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
        actions: list[AfterCommit] = []
        try:
            if self._sqlite_writer is None:
                async with self._transaction(actions) as session:
                    yield session
                return
            # SQLite has one writer. Queue our own transactions here, in order, rather than in
            # SQLite's busy handler, whose growing sleeps make the tail latency explode.
            if _holds_sqlite_lock.get():
                raise RuntimeError("nested session_scope() on SQLite would wait for itself")
            async with self._sqlite_writer:
                token = _holds_sqlite_lock.set(True)
                try:
                    async with self._transaction(actions) as session:
                        yield session
                finally:
                    _holds_sqlite_lock.reset(token)
        finally:
            await _run_after_commit(actions)  # empty unless the transaction committed

    @asynccontextmanager
    async def _transaction(self, actions: list[AfterCommit]) -> AsyncIterator[AsyncSession]:
        async with self.sessionmaker() as session:
            try:
                yield session
                await session.commit()
                actions.extend(session.info.pop(_AFTER_COMMIT, ()))
            except DomainError as exc:
                if exc.keep_changes:
                    await session.commit()
                    actions.extend(session.info.pop(_AFTER_COMMIT, ()))
                else:
                    await session.rollback()
                raise
            except BaseException:
                await session.rollback()
                raise

    async def dispose(self) -> None:
        await self.engine.dispose()
