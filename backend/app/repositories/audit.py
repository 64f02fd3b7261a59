"""SQL for the audit chain: the head row that serialises appends, and the entries."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.models import AuditEntry, AuditHead
from backend.app.repositories.upsert import insert_for

HEAD_ID = 1


async def lock_head(session: AsyncSession, genesis_hash: str) -> AuditHead:
    """Take the head row's write lock (held until commit), creating the row on first use."""
    await session.execute(
        insert_for(session, AuditHead)
        .values(id=HEAD_ID, last_id=0, last_hash=genesis_hash, entries=0)
        .on_conflict_do_nothing(index_elements=[AuditHead.id])
    )
    # A no-op update takes the row lock on every engine before the head is read.
    await session.execute(
        update(AuditHead).where(AuditHead.id == HEAD_ID).values(entries=AuditHead.entries)
    )
    head = await session.get(AuditHead, HEAD_ID, populate_existing=True, with_for_update=True)
    assert head is not None
    return head


async def get_head(session: AsyncSession) -> AuditHead | None:
    return await session.get(AuditHead, HEAD_ID, populate_existing=True)


def add_entry(session: AsyncSession, entry: AuditEntry) -> None:
    session.add(entry)


async def iter_entries(session: AsyncSession, batch: int = 1000) -> AsyncIterator[AuditEntry]:
    """Every entry in id order, fetched in batches so memory stays flat."""
    last_id = 0
    while True:
        query = (
            select(AuditEntry).where(AuditEntry.id > last_id).order_by(AuditEntry.id).limit(batch)
        )
        rows = list(await session.scalars(query))
        if not rows:
            return
        for row in rows:
            yield row
        last_id = rows[-1].id
        session.expunge_all()


async def list_page(
    session: AsyncSession,
    *,
    limit: int,
    before_id: int | None,
    action_prefix: str | None = None,
    actor_id: str | None = None,
    target_type: str | None = None,
    target_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[AuditEntry]:
    """Newest first, filtered; ``before_id`` is the cursor."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if before_id is not None:
        query = query.where(AuditEntry.id < before_id)
    if action_prefix:
        query = query.where(AuditEntry.action.startswith(action_prefix))
    if actor_id:
        query = query.where(AuditEntry.actor_id == actor_id)
    if target_type:
        query = query.where(AuditEntry.target_type == target_type)
    if target_id:
        query = query.where(AuditEntry.target_id == target_id)
    if since:
        query = query.where(AuditEntry.created_at >= since)
    if until:
        query = query.where(AuditEntry.created_at < until)
    return list(await session.scalars(query))
