"""SQL for contacts (no commits: the caller's transaction decides)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select, and_, delete, insert, select, union, update
from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.models import Activity, Contact, ContactEmail, ContactPhone, DealContact
from backend.app.repositories.crm_lists import ListFilter, filtered
from backend.app.repositories.crm_lists import insert_many as insert_records


async def get(session: AsyncSession, contact_id: uuid.UUID) -> Contact | None:
    return await session.get(Contact, contact_id)


def add(session: AsyncSession, contact: Contact) -> Contact:
    session.add(contact)
    return contact


def _holding(email_keys: list[str], phones: list[str]) -> Select[Any]:
    """The ids of contacts holding any of these email keys or phone numbers."""
    parts = []
    if email_keys:
        parts.append(select(ContactEmail.contact_id).where(ContactEmail.email_key.in_(email_keys)))
    if phones:
        parts.append(select(ContactPhone.contact_id).where(ContactPhone.phone.in_(phones)))
    holders = union(*parts).subquery() if len(parts) > 1 else parts[0].subquery()
    return select(holders.c.contact_id)


async def find_duplicate(
    session: AsyncSession,
    *,
    email_keys: list[str],
    phones: list[str],
    scope: ListFilter,
    exclude_id: uuid.UUID | None = None,
) -> Contact | None:
    """A live contact with any of these emails or phones among those the caller can see."""
    if not email_keys and not phones:
        return None
    query = filtered(Contact, "contact", scope).where(Contact.id.in_(_holding(email_keys, phones)))
    if exclude_id is not None:
        query = query.where(Contact.id != exclude_id)
    found: Contact | None = await session.scalar(query.order_by(Contact.created_at).limit(1))
    return found


async def existing_keys(
    session: AsyncSession, *, email_keys: list[str], phones: list[str], scope: ListFilter
) -> tuple[dict[str, uuid.UUID], dict[str, uuid.UUID]]:
    """Which of these emails and phones already belong to a visible contact, and to which."""
    visible = filtered(Contact, "contact", scope).with_only_columns(Contact.id)
    emails: dict[str, uuid.UUID] = {}
    found_phones: dict[str, uuid.UUID] = {}
    if email_keys:
        query = select(ContactEmail.email_key, ContactEmail.contact_id).where(
            ContactEmail.email_key.in_(email_keys), ContactEmail.contact_id.in_(visible)
        )
        for key, contact_id in await session.execute(query):
            emails.setdefault(key, contact_id)
    if phones:
        query = select(ContactPhone.phone, ContactPhone.contact_id).where(
            ContactPhone.phone.in_(phones), ContactPhone.contact_id.in_(visible)
        )
        for phone, contact_id in await session.execute(query):
            found_phones.setdefault(phone, contact_id)
    return emails, found_phones


async def insert_many(
    session: AsyncSession,
    contacts: list[dict[str, Any]],
    *,
    emails: list[dict[str, Any]],
    phones: list[dict[str, Any]],
) -> None:
    """Bulk insert contacts (their tags indexed), then their email and phone rows."""
    await insert_records(session, Contact, "contact", contacts)
    if emails:
        await session.execute(insert(ContactEmail), emails)
    if phones:
        await session.execute(insert(ContactPhone), phones)


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
