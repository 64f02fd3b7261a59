"""SQL for the ids of inbound activities already processed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.models import BotProcessedActivity


async def claim(session: AsyncSession, key: str) -> bool:
    """Insert the key; False when another delivery of the same activity got there first."""
    try:
        async with session.begin_nested():
            session.add(BotProcessedActivity(key=key))
    except IntegrityError:
        return False
    return True


async def purge_before(session: AsyncSession, moment: datetime) -> int:
    result = await session.execute(
        delete(BotProcessedActivity).where(BotProcessedActivity.created_at < moment)
    )
    return int(getattr(result, "rowcount", 0) or 0)
