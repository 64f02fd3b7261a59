"""SQL for the ids of inbound activities already processed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.models import BotProcessedActivity
from backend.app.repositories.upsert import insert_for


async def claim(session: AsyncSession, key: str) -> bool:
    """Insert the key; False when another delivery of the same activity got there first."""
    # One statement, no savepoint: a concurrent delivery waits for ours, then inserts nothing.
    result = await session.execute(
        insert_for(session, BotProcessedActivity).values(key=key).on_conflict_do_nothing()
    )
    return bool(getattr(result, "rowcount", 0))


async def exists(session: AsyncSession, key: str) -> bool:
    found = await session.scalar(
        select(BotProcessedActivity.key).where(BotProcessedActivity.key == key)
    )
    return found is not None


async def purge_before(session: AsyncSession, moment: datetime) -> int:
    result = await session.execute(
        delete(BotProcessedActivity).where(BotProcessedActivity.created_at < moment)
    )
    return int(getattr(result, "rowcount", 0) or 0)
