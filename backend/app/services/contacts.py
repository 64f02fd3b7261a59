"""Contacts: create (with duplicate detection), read, partial update, archive, consents.

A contact's emails and phones are handled by ``contact_addresses``.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.errors import Conflict
from backend.app.models import Contact
from backend.app.models.base import utcnow
from backend.app.repositories import contacts as contact_repository
from backend.app.services import companies as company_service
from backend.app.services import contact_addresses as addresses_service
from backend.app.services import crm_access
from backend.app.services import crm_privacy as privacy
from backend.app.services import crm_records as records
from backend.app.services import crm_values as values
from backend.app.services.actors import Actor

ENTITY = "contact"
_NULLABLE_FIELDS = ("job_title",)


async def get_record(session: AsyncSession, *, actor: Actor, contact_id: uuid.UUID) -> Contact:
    """The contact itself, for other CRM services (visibility checked)."""
    contact = await contact_repository.get(session, contact_id)
    return crm_access.ensure_visible(actor, contact, ENTITY)


async def get_writable(session: AsyncSession, *, actor: Actor, contact_id: uuid.UUID) -> Contact:
    contact = await contact_repository.get(session, contact_id)
    return crm_access.ensure_writable(actor, contact, ENTITY)


async def get(session: AsyncSession, *, actor: Actor, contact_id: uuid.UUID) -> privacy.View:
    contact = await get_record(session, actor=actor, contact_id=contact_id)
    return privacy.contact_view(contact, actor)


async def list_contacts(
    session: AsyncSession,
    *,
    actor: Actor,
    filters: dict[str, Any],
    sort: str = "-updated_at",
    cursor: str | None = None,
    limit: int = 50,
) -> records.RecordPage:
    """Contacts you can see; ?q= reaches personal fields only if you see them unmasked."""

    async def to_view(rows: list[Contact]) -> list[privacy.View]:
        return [privacy.contact_view(c, actor) for c in rows]

    return await records.list_records(
        session,
        actor=actor,
        model=Contact,
        entity_type=ENTITY,
        filters=filters,
        sort=sort,
        cursor=cursor,
        limit=limit,
        to_view=to_view,
    )


def consents(raw: dict[str, Any] | None, previous: dict[str, Any] | None = None) -> dict[str, Any]:
    """Consent per purpose, each with when it was given or withdrawn and where it came from."""
    result = dict(previous or {})
    now = utcnow().isoformat()
    for purpose, consent in (raw or {}).items():
        result[purpose.strip().lower()] = {
            "granted": bool(consent["granted"]),
            "source": str(consent.get("source") or "api"),
            "recorded_at": now,
        }
    return result


async def ensure_unique(
    session: AsyncSession,
    *,
    actor: Actor,
    addresses: addresses_service.Addresses,
    exclude_id: uuid.UUID | None = None,
) -> None:
    """409 with duplicate_id when a visible contact has any of these emails or phones."""
    duplicate = await contact_repository.find_duplicate(
        session,
        email_keys=addresses.email_keys(),
        phones=addresses.phones,
        scope=records.scope_filter(actor),
        exclude_id=exclude_id,
    )
    if duplicate is not None:
        raise Conflict(
            "a contact with this email or phone already exists; pass ?force=true to create "
            "another one anyway",
            duplicate_id=str(duplicate.id),
        )


def refresh_keys(contact: Contact) -> None:
    contact.search_text = values.search_text(
        contact.first_name, contact.last_name, *addresses_service.search_parts(contact)
    )


async def create(
    session: AsyncSession, *, actor: Actor, contact_in: dict[str, Any], force: bool = False
) -> privacy.View:
    """Create a contact; 409 with duplicate_id on any same email or phone, unless forced."""
    owner_id, team_id = await crm_access.resolve_owner(
        session, actor=actor, owner_id=contact_in.get("owner_id")
    )
    addresses = addresses_service.given(contact_in)
    if contact_in.get("company_id") is not None:
        await company_service.get_record(session, actor=actor, company_id=contact_in["company_id"])
    if not force:
        await ensure_unique(session, actor=actor, addresses=addresses)
    tags = values.normalise_tags(contact_in.get("tags"))
    contact = Contact(
        first_name=contact_in["first_name"],
        last_name=contact_in.get("last_name") or "",
        job_title=contact_in.get("job_title"),
        company_id=contact_in.get("company_id"),
        consents=consents(contact_in.get("consents")),
        tags=tags,
        owner_id=owner_id,
        team_id=team_id,
    )
    addresses_service.store(contact, addresses)
    refresh_keys(contact)
    contact_repository.add(session, contact)
    await records.finish_create(
        session, actor=actor, entity_type=ENTITY, record=contact, record_in=contact_in, forced=force
    )
    return privacy.contact_view(contact, actor)


async def _wanted(
    session: AsyncSession, actor: Actor, contact: Contact, changes: dict[str, Any]
) -> dict[str, Any]:
    wanted: dict[str, Any] = {}
    for field in ("first_name", "last_name"):
        if changes.get(field) is not None:
            wanted[field] = changes[field]
    for field in _NULLABLE_FIELDS:
        if field in changes:
            wanted[field] = changes[field]
    if "company_id" in changes:
        if changes["company_id"] is not None:
            await company_service.get_record(session, actor=actor, company_id=changes["company_id"])
        wanted["company_id"] = changes["company_id"]
    if "owner_id" in changes:
        wanted["owner_id"], wanted["team_id"] = await crm_access.resolve_owner(
            session, actor=actor, owner_id=changes["owner_id"]
        )
    if "tags" in changes:
        wanted["tags"] = values.normalise_tags(changes["tags"])
    if changes.get("consents"):
        wanted["consents"] = consents(changes["consents"], contact.consents)
    return wanted


def _store_addresses(contact: Contact, lists: dict[str, list[str]]) -> dict[str, Any]:
    """Store the changed lists; the changed fields for the audit (the primary ones too)."""
    before = addresses_service.of(contact)
    after = addresses_service.Addresses(
        emails=lists.get("emails", before.emails), phones=lists.get("phones", before.phones)
    )
    addresses_service.store(contact, after)
    changed: dict[str, Any] = dict(lists)
    if before.emails[:1] != after.emails[:1]:
        changed["email"] = contact.email
    if before.phones[:1] != after.phones[:1]:
        changed["phone"] = contact.phone
    return changed


async def update(
    session: AsyncSession,
    *,
    actor: Actor,
    contact_id: uuid.UUID,
    changes: dict[str, Any],
    if_match: int | None = None,
    force: bool = False,
) -> privacy.View:
    """Apply a partial update; 409 with the current record when If-Match is stale."""
    contact = await get_writable(session, actor=actor, contact_id=contact_id)
    records.check_version(contact, if_match, privacy.contact_view(contact, actor))
    wanted = await _wanted(session, actor, contact, changes)
    lists = addresses_service.changed(contact, changes)
    if not force and lists:
        new = addresses_service.added(contact, lists)
        await ensure_unique(session, actor=actor, addresses=new, exclude_id=contact.id)
    changed = records.apply_changes(contact, wanted)
    if lists:
        changed |= _store_addresses(contact, lists)
    if changed:
        refresh_keys(contact)
        await records.finish_update(
            session, actor=actor, entity_type=ENTITY, record=contact, changed=changed
        )
    return privacy.contact_view(contact, actor)


async def delete(
    session: AsyncSession, *, actor: Actor, contact_id: uuid.UUID, if_match: int | None = None
) -> None:
    """Archive the contact: it leaves the lists, its history stays."""
    contact = await get_writable(session, actor=actor, contact_id=contact_id)
    records.check_version(contact, if_match, privacy.contact_view(contact, actor))
    await records.archive(session, actor=actor, entity_type=ENTITY, record=contact)
