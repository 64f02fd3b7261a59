"""SQL for deals and their contacts (no commits: the caller's transaction decides)."""

from __future__ import annotations

import uuid
from collections import defaultdict

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.models import Deal, DealContact


async def get(session: AsyncSession, deal_id: uuid.UUID) -> Deal | None:
    return await session.get(Deal, deal_id)


def add(session: AsyncSession, deal: Deal) -> Deal:
    session.add(deal)
    return deal


async def contact_ids(
    session: AsyncSession, deal_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[uuid.UUID]]:
    """The contacts of each deal, in one query."""
    result: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    if not deal_ids:
        return result
    rows = await session.execute(
        select(DealContact.deal_id, DealContact.contact_id)
        .where(DealContact.deal_id.in_(deal_ids))
        .order_by(DealContact.contact_id)
    )
    for row in rows:
        result[row.deal_id].append(row.contact_id)
    return result


async def set_contacts(
    session: AsyncSession, deal_id: uuid.UUID, contact_ids: list[uuid.UUID]
) -> None:
    await session.execute(delete(DealContact).where(DealContact.deal_id == deal_id))
    if contact_ids:
        await session.execute(
            insert(DealContact), [{"deal_id": deal_id, "contact_id": c} for c in contact_ids]
        )


async def of_contact(session: AsyncSession, contact_id: uuid.UUID) -> list[Deal]:
    linked = select(DealContact.deal_id).where(DealContact.contact_id == contact_id)
    return list(
        await session.scalars(select(Deal).where(Deal.id.in_(linked)).order_by(Deal.created_at))
    )
