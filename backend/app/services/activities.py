"""Activities (notes, calls, meetings, tasks) and the timelines of companies, contacts, deals."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.errors import InvalidInput
from backend.app.models import Activity, Company, Contact, Deal
from backend.app.repositories import activities as activity_repository
from backend.app.services import companies as company_service
from backend.app.services import contacts as contact_service
from backend.app.services import crm_access, crm_events
from backend.app.services import crm_privacy as privacy
from backend.app.services import crm_records as records
from backend.app.services import crm_values as values
from backend.app.services import deals as deal_service
from backend.app.services.actors import Actor
from backend.app.services.crm_text import CrmTextScreener

ENTITY = "activity"
_LINKS = {"company": "company_id", "contact": "contact_id", "deal": "deal_id"}


async def get_record(session: AsyncSession, *, actor: Actor, activity_id: uuid.UUID) -> Activity:
    activity = await activity_repository.get(session, activity_id)
    return crm_access.ensure_visible(actor, activity, ENTITY)


async def get_writable(session: AsyncSession, *, actor: Actor, activity_id: uuid.UUID) -> Activity:
    activity = await activity_repository.get(session, activity_id)
    return crm_access.ensure_writable(actor, activity, ENTITY)


async def get(session: AsyncSession, *, actor: Actor, activity_id: uuid.UUID) -> privacy.View:
    activity = await get_record(session, actor=actor, activity_id=activity_id)
    return privacy.activity_view(activity, actor)


async def list_activities(
    session: AsyncSession,
    *,
    actor: Actor,
    filters: dict[str, Any],
    sort: str = "-updated_at",
    cursor: str | None = None,
    limit: int = 50,
) -> records.RecordPage:
    async def to_view(rows: list[Activity]) -> list[privacy.View]:
        return [privacy.activity_view(a, actor) for a in rows]

    return await records.list_records(
        session,
        actor=actor,
        model=Activity,
        entity_type=ENTITY,
        filters=filters,
        sort=sort,
        cursor=cursor,
        limit=limit,
        to_view=to_view,
    )


async def _linked(
    session: AsyncSession, actor: Actor, activity_in: dict[str, Any]
) -> tuple[Deal | None, Contact | None, Company | None]:
    """The records an activity is about; the actor must be allowed to write on each."""
    deal = contact = company = None
    if activity_in.get("deal_id") is not None:
        deal = await deal_service.get_writable(session, actor=actor, deal_id=activity_in["deal_id"])
    if activity_in.get("contact_id") is not None:
        contact = await contact_service.get_writable(
            session, actor=actor, contact_id=activity_in["contact_id"]
        )
    if activity_in.get("company_id") is not None:
        company = await company_service.get_writable(
            session, actor=actor, company_id=activity_in["company_id"]
        )
    return deal, contact, company


async def create(
    session: AsyncSession,
    *,
    actor: Actor,
    screener: CrmTextScreener,
    activity_in: dict[str, Any],
) -> privacy.View:
    """Add a note, call, meeting or task; secrets in the body are redacted before storage."""
    if activity_in["type"] not in crm_events.USER_TYPES:
        raise InvalidInput(f"type: one of {', '.join(crm_events.USER_TYPES)}")
    deal, contact, company = await _linked(session, actor, activity_in)
    subject = deal or contact or company
    if subject is None:
        raise InvalidInput("an activity needs a company_id, contact_id or deal_id")
    screened = await screener.screen(activity_in.get("body") or "")
    company_id = activity_in.get("company_id") or (deal or contact or company).company_id  # type: ignore[union-attr]
    activity = Activity(
        type=activity_in["type"],
        body=screened.text,
        compliance=screened.report,
        due_at=activity_in.get("due_at"),
        is_done=bool(activity_in.get("is_done")),
        deal_id=deal.id if deal else None,
        contact_id=contact.id if contact else None,
        company_id=company_id,
        owner_id=actor.user_id,
        team_id=subject.team_id,
    )
    activity_repository.add(session, activity)
    await session.flush()
    await screener.notify(
        session,
        actor=actor,
        screened=screened,
        target_type=ENTITY,
        target_id=str(activity.id),
        field="body",
    )
    await records.audit(
        session,
        actor=actor,
        action="created",
        entity_type=ENTITY,
        record_id=activity.id,
        changes={k: v for k, v in activity_in.items() if v is not None},
        redacted=screened.report.get("redacted", []),
    )
    return privacy.activity_view(activity, actor)


async def update(
    session: AsyncSession,
    *,
    actor: Actor,
    screener: CrmTextScreener,
    activity_id: uuid.UUID,
    changes: dict[str, Any],
    if_match: int | None = None,
) -> privacy.View:
    """Edit the body, due date or done flag of a note, call, meeting or task."""
    activity = await get_writable(session, actor=actor, activity_id=activity_id)
    records.check_version(activity, if_match, privacy.activity_view(activity, actor))
    if activity.type not in crm_events.USER_TYPES:
        raise InvalidInput("timeline events cannot be edited")
    wanted: dict[str, Any] = {k: changes[k] for k in ("due_at", "is_done") if k in changes}
    screened = None
    if changes.get("body") is not None:
        screened = await screener.screen(changes["body"])
        wanted["body"], wanted["compliance"] = screened.text, screened.report
    changed = records.apply_changes(activity, wanted)
    if changed:
        await records.flush(session)
        if screened is not None:
            await screener.notify(
                session,
                actor=actor,
                screened=screened,
                target_type=ENTITY,
                target_id=str(activity.id),
                field="body",
            )
        await records.audit(
            session,
            actor=actor,
            action="updated",
            entity_type=ENTITY,
            record_id=activity.id,
            changes=changed,
        )
    return privacy.activity_view(activity, actor)


async def delete(
    session: AsyncSession, *, actor: Actor, activity_id: uuid.UUID, if_match: int | None = None
) -> None:
    activity = await get_writable(session, actor=actor, activity_id=activity_id)
    records.check_version(activity, if_match, privacy.activity_view(activity, actor))
    await records.archive(session, actor=actor, entity_type=ENTITY, record=activity)


async def timeline(
    session: AsyncSession,
    *,
    actor: Actor,
    entity_type: str,
    record_id: uuid.UUID,
    cursor: str | None = None,
    limit: int = 50,
) -> records.RecordPage:
    """A company's, contact's or deal's notes, calls, tasks and events, newest first."""
    if entity_type == "company":
        await company_service.get_record(session, actor=actor, company_id=record_id)
    elif entity_type == "contact":
        await contact_service.get_record(session, actor=actor, contact_id=record_id)
    else:
        await deal_service.get_record(session, actor=actor, deal_id=record_id)
    limit = max(1, min(limit, records.MAX_PAGE))
    after = values.decode_cursor(cursor, "datetime") if cursor else None
    rows = await activity_repository.timeline(
        session, link=_LINKS[entity_type], record_id=record_id, after=after, limit=limit + 1
    )
    next_cursor = None
    if len(rows) > limit:
        next_cursor = values.encode_cursor(rows[limit - 1].created_at, rows[limit - 1].id)
    items = [privacy.activity_view(a, actor) for a in rows[:limit]]
    return records.RecordPage(items=items, next_cursor=next_cursor)
