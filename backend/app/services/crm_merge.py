"""Merging duplicates: everything linked to the merged record moves to the survivor."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.errors import Conflict, InvalidInput
from backend.app.models import Company, Contact, CrmMerge
from backend.app.models.base import utcnow
from backend.app.repositories import companies as company_repository
from backend.app.repositories import contacts as contact_repository
from backend.app.repositories import crm_lists as list_repository
from backend.app.services import companies as company_service
from backend.app.services import contact_addresses as addresses_service
from backend.app.services import contacts as contact_service
from backend.app.services import crm_events
from backend.app.services import crm_records as records
from backend.app.services import crm_values as values
from backend.app.services.actors import Actor

_CONTACT_FILL = ("last_name", "job_title", "company_id")
_COMPANY_FILL = ("domain", "industry", "size", "address")


def _fill(survivor: Any, merged: Any, fields: tuple[str, ...]) -> list[str]:
    """Copy the merged record's values into the survivor's empty fields."""
    filled = []
    for field in fields:
        if not getattr(survivor, field) and getattr(merged, field):
            setattr(survivor, field, getattr(merged, field))
            filled.append(field)
    return filled


def _check_pair(survivor_id: uuid.UUID, merged: Contact | Company) -> None:
    if merged.id == survivor_id:
        raise InvalidInput("merged_id: a record cannot be merged into itself")
    if merged.merged_into_id is not None:
        raise Conflict("this record was already merged", survivor_id=str(merged.merged_into_id))


async def _finish(
    session: AsyncSession,
    *,
    actor: Actor,
    entity_type: str,
    survivor: Contact | Company,
    merged: Contact | Company,
    moved: dict[str, int],
    filled: list[str],
) -> dict[str, Any]:
    survivor.tags = values.normalise_tags([*survivor.tags, *merged.tags])
    merged.merged_into_id = survivor.id
    merged.archived_at = utcnow()
    await records.flush(session)
    await list_repository.set_tags(session, entity_type, survivor.id, survivor.tags)
    session.add(
        CrmMerge(
            entity_type=entity_type,
            survivor_id=survivor.id,
            merged_id=merged.id,
            moved=moved,
            filled_fields={"fields": filled},
            actor_id=actor.user_id,
        )
    )
    await crm_events.record(
        session,
        actor=actor,
        type="merged",
        subject=survivor,
        body=f"Merged a duplicate {entity_type} into this one",
        details={"merged_id": str(merged.id), "moved": moved, "filled_fields": filled},
    )
    await records.audit(
        session,
        actor=actor,
        action="merged",
        entity_type=entity_type,
        record_id=survivor.id,
        merged_id=str(merged.id),
        moved=moved,
        filled_fields=filled,
    )
    return {
        "survivor_id": survivor.id,
        "merged_id": merged.id,
        "moved": moved,
        "filled_fields": filled,
    }


async def merge_contacts(
    session: AsyncSession, *, actor: Actor, survivor_id: uuid.UUID, merged_id: uuid.UUID
) -> dict[str, Any]:
    """Fold one contact into another; the merged one is archived and points at the survivor."""
    survivor = await contact_service.get_writable(session, actor=actor, contact_id=survivor_id)
    merged = await contact_service.get_writable(session, actor=actor, contact_id=merged_id)
    _check_pair(survivor_id, merged)
    moved = await contact_repository.move_links(session, source_id=merged.id, target_id=survivor.id)
    filled = _fill(survivor, merged, _CONTACT_FILL)
    had = {"email": survivor.email, "phone": survivor.phone}
    # The duplicate's addresses and numbers move over (each kept once, the survivor's first).
    addresses, moved_addresses = addresses_service.merged(survivor, merged)
    addresses_service.store(survivor, addresses)
    addresses_service.clear(merged)
    moved |= moved_addresses
    filled += [f for f in ("email", "phone") if not had[f] and getattr(survivor, f)]
    survivor.consents = {**merged.consents, **survivor.consents}
    contact_service.refresh_keys(survivor)
    contact_service.refresh_keys(merged)
    return await _finish(
        session,
        actor=actor,
        entity_type="contact",
        survivor=survivor,
        merged=merged,
        moved=moved,
        filled=filled,
    )


async def merge_companies(
    session: AsyncSession, *, actor: Actor, survivor_id: uuid.UUID, merged_id: uuid.UUID
) -> dict[str, Any]:
    """Fold one company into another: its contacts, deals and activities move over."""
    survivor = await company_service.get_writable(session, actor=actor, company_id=survivor_id)
    merged = await company_service.get_writable(session, actor=actor, company_id=merged_id)
    _check_pair(survivor_id, merged)
    moved = await company_repository.move_links(session, source_id=merged.id, target_id=survivor.id)
    filled = _fill(survivor, merged, _COMPANY_FILL)
    survivor.search_text = values.search_text(survivor.name, survivor.domain)
    return await _finish(
        session,
        actor=actor,
        entity_type="company",
        survivor=survivor,
        merged=merged,
        moved=moved,
        filled=filled,
    )
