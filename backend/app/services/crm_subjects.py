"""Data-subject rights on a contact: export everything held on them, or erase them."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.models.base import utcnow
from backend.app.permissions import Permission
from backend.app.repositories import activities as activity_repository
from backend.app.repositories import contacts as contact_repository
from backend.app.repositories import crm_lists as list_repository
from backend.app.repositories import deals as deal_repository
from backend.app.services import companies as company_service
from backend.app.services import contact_addresses as addresses_service
from backend.app.services import contacts as contact_service
from backend.app.services import crm_events
from backend.app.services import crm_privacy as privacy
from backend.app.services import crm_records as records
from backend.app.services.actors import Actor

ERASED_NAME = "Erased"
ERASED_BODY = "[erased at the data subject's request]"


async def export_contact(
    session: AsyncSession, *, actor: Actor, contact_id: uuid.UUID
) -> dict[str, Any]:
    """All the data held on one contact, as JSON (audited)."""
    contact = await contact_service.get_record(session, actor=actor, contact_id=contact_id)
    actor.require(Permission.CRM_SEE_PERSONAL)
    company = None
    if contact.company_id is not None:
        company = await company_service.get(session, actor=actor, company_id=contact.company_id)
    deals = await deal_repository.of_contact(session, contact.id)
    activities = await contact_repository.activities_of(session, contact.id)
    document = {
        "exported_at": utcnow(),
        "contact": privacy.contact_view(contact, actor),
        "company": company,
        "deals": [privacy.deal_view(d, actor) for d in deals],
        "activities": [privacy.activity_view(a, actor) for a in activities],
    }
    await records.audit(
        session,
        actor=actor,
        action="subject_exported",
        entity_type="contact",
        record_id=contact.id,
        deals=len(deals),
        activities=len(activities),
    )
    return records.jsonable(document)


async def erase_contact(
    session: AsyncSession, *, actor: Actor, contact_id: uuid.UUID
) -> privacy.View:
    """Anonymise a contact: identity and free text go, deals and counts stay (audited)."""
    contact = await contact_service.get_record(session, actor=actor, contact_id=contact_id)
    actor.require(Permission.CRM_ERASE)
    if contact.erased_at is None:
        contact.first_name, contact.last_name = ERASED_NAME, ""
        addresses_service.clear(contact)
        contact.job_title = None
        contact.consents, contact.tags, contact.search_text = {}, [], ""
        contact.erased_at = utcnow()
        await records.flush(session)
        await list_repository.set_tags(session, "contact", contact.id, [])
        erased = await activity_repository.erase_bodies(
            session, contact_id=contact.id, body=ERASED_BODY
        )
        await crm_events.record(
            session,
            actor=actor,
            type="erased",
            subject=contact,
            body="Personal data erased",
            details={"activities_blanked": erased},
        )
        await records.audit(
            session,
            actor=actor,
            action="erased",
            entity_type="contact",
            record_id=contact.id,
            activities_blanked=erased,
        )
    return privacy.contact_view(contact, actor)
