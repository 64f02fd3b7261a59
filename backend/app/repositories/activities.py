"""SQL for activities and timelines (no commits: the caller's transaction decides)."""

from __future__ import annotations

import uuid

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.models import Activity


async def get(session: AsyncSession, activity_id: uuid.UUID) -> Activity | None:
    return await session.get(Activity, activity_id)


def add(session: AsyncSession, activity: Activity) -> Activity:
    session.add(activity)
    return activity


async def timeline(
    session: AsyncSession,
    *,
    link: str,
    record_id: uuid.UUID,
    after: tuple[object, uuid.UUID] | None,
    limit: int,
) -> list[Activity]:
    """A record's activities and events, newest first (uses the (link, created_at) index)."""
    column = getattr(Activity, link)
    query = select(Activity).where(column == record_id, Activity.archived_at.is_(None))
    if after is not None:
        created, last_id = after
        query = query.where(
            (Activity.created_at < created)
            | ((Activity.created_at == created) & (Activity.id < last_id))
        )
    query = query.order_by(Activity.created_at.desc(), Activity.id.desc()).limit(limit)
    return list(await session.scalars(query))


async def erase_bodies(session: AsyncSession, *, contact_id: uuid.UUID, body: str) -> int:
    """Blank the free text of a contact's activities (erasure keeps the events themselves)."""
    result = await session.execute(
        update(Activity)
        .where(Activity.contact_id == contact_id)
        .values(body=body, compliance={}, version=Activity.version + 1)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
