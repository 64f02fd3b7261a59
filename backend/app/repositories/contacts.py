"""SQL for contacts (no commits: the caller's transaction decides)."""

from __future__ import annotations

import uuid

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.models import Activity, Contact, DealContact
from backend.app.repositories.crm_lists import ListFilter, filtered


async def get(session: AsyncSession, contact_id: uuid.UUID) -> Contact | None:
    return await session.get(Contact, contact_id)


def add(session: AsyncSession, contact: Contact) -> Contact:
    session.add(contact)
    return contact


async def find_duplicate(
    session: AsyncSession,
    *,
    email_key: str | None,
    phone: str | None,
    scope: ListFilter,
    exclude_id: uuid.UUID | None = None,
) -> Contact | None:
    """A live contact with the same email or phone among those the caller can see."""
    matches = []
    if email_key:
        matches.append(Contact.email_key == email_key)
    if phone:
        matches.append(Contact.phone == phone)
    if not matches:
        return None
    query = filtered(Contact, "contact", scope).where(or_(*matches))
    if exclude_id is not None:
        query = query.where(Contact.id != exclude_id)
    found: Contact | None = await session.scalar(query.order_by(Contact.created_at).limit(1))
    return found


async def existing_keys(
    session: AsyncSession, *, email_keys: list[str], phones: list[str], scope: ListFilter
) -> tuple[dict[str, uuid.UUID], dict[str, uuid.UUID]]:
    """Which of these emails and phones already belong to a visible contact, and to which."""
    emails: dict[str, uuid.UUID] = {}
    found_phones: dict[str, uuid.UUID] = {}
    if email_keys:
        query = filtered(Contact, "contact", scope).where(Contact.email_key.in_(email_keys))
        for row in await session.execute(query.with_only_columns(Contact.email_key, Contact.id)):
            emails.setdefault(row.email_key, row.id)
    if phones:
        query = filtered(Contact, "contact", scope).where(Contact.phone.in_(phones))
        for row in await session.execute(query.with_only_columns(Contact.phone, Contact.id)):
            found_phones.setdefault(row.phone, row.id)
    return emails, found_phones


async def move_links(
    session: AsyncSession, *, source_id: uuid.UUID, target_id: uuid.UUID
) -> dict[str, int]:
    """Move the activities and deal links of one contact to another."""
    activities = await session.execute(
        update(Activity)
        .where(Activity.contact_id == source_id)
        .values(contact_id=target_id)
        .execution_options(synchronize_session=False)
    )
    already = select(DealContact.deal_id).where(DealContact.contact_id == target_id)
    deals = await session.execute(
        update(DealContact)
        .where(and_(DealContact.contact_id == source_id, DealContact.deal_id.not_in(already)))
        .values(contact_id=target_id)
        .execution_options(synchronize_session=False)
    )
    await session.execute(delete(DealContact).where(DealContact.contact_id == source_id))
    return {
        "activities": int(activities.rowcount or 0),  # type: ignore[attr-defined]
        "deals": int(deals.rowcount or 0),  # type: ignore[attr-defined]
    }


async def deal_ids(session: AsyncSession, contact_id: uuid.UUID) -> list[uuid.UUID]:
    rows = await session.scalars(
        select(DealContact.deal_id).where(DealContact.contact_id == contact_id)
    )
    return list(rows)


async def activities_of(session: AsyncSession, contact_id: uuid.UUID) -> list[Activity]:
    query = select(Activity).where(Activity.contact_id == contact_id).order_by(Activity.created_at)
    return list(await session.scalars(query))
