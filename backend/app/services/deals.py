"""Deals: amounts as decimals with a currency, pipeline stages, won/lost with a reason."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.errors import InvalidInput
from backend.app.models import Deal
from backend.app.models.base import utcnow
from backend.app.repositories import crm_lists as list_repository
from backend.app.repositories import deals as deal_repository
from backend.app.repositories import pipelines as pipeline_repository
from backend.app.services import companies as company_service
from backend.app.services import contacts as contact_service
from backend.app.services import crm_access, crm_events
from backend.app.services import crm_privacy as privacy
from backend.app.services import crm_records as records
from backend.app.services import crm_values as values
from backend.app.services import pipelines as pipeline_service
from backend.app.services.actors import Actor
from backend.app.services.crm_text import CrmTextScreener

ENTITY = "deal"
STATUSES = ("open", "won", "lost")


async def get_record(session: AsyncSession, *, actor: Actor, deal_id: uuid.UUID) -> Deal:
    deal = await deal_repository.get(session, deal_id)
    return crm_access.ensure_visible(actor, deal, ENTITY)


async def get_writable(session: AsyncSession, *, actor: Actor, deal_id: uuid.UUID) -> Deal:
    deal = await deal_repository.get(session, deal_id)
    return crm_access.ensure_writable(actor, deal, ENTITY)


async def views(session: AsyncSession, deals: list[Deal], actor: Actor) -> list[privacy.View]:
    links = await deal_repository.contact_ids(session, [d.id for d in deals])
    return [privacy.deal_view(d, actor, links.get(d.id, [])) for d in deals]


async def _view(session: AsyncSession, deal: Deal, actor: Actor) -> privacy.View:
    return (await views(session, [deal], actor))[0]


async def get(session: AsyncSession, *, actor: Actor, deal_id: uuid.UUID) -> privacy.View:
    return await _view(session, await get_record(session, actor=actor, deal_id=deal_id), actor)


async def list_deals(
    session: AsyncSession,
    *,
    actor: Actor,
    filters: dict[str, Any],
    sort: str = "-updated_at",
    cursor: str | None = None,
    limit: int = 50,
) -> records.RecordPage:
    async def to_view(rows: list[Deal]) -> list[privacy.View]:
        return await views(session, rows, actor)

    return await records.list_records(
        session,
        actor=actor,
        model=Deal,
        entity_type=ENTITY,
        filters=filters,
        sort=sort,
        cursor=cursor,
        limit=limit,
        to_view=to_view,
    )


async def _check_links(session: AsyncSession, actor: Actor, deal_in: dict[str, Any]) -> None:
    if deal_in.get("company_id") is not None:
        await company_service.get_record(session, actor=actor, company_id=deal_in["company_id"])
    for contact_id in deal_in.get("contact_ids") or []:
        await contact_service.get_record(session, actor=actor, contact_id=contact_id)


async def create(
    session: AsyncSession,
    *,
    actor: Actor,
    screener: CrmTextScreener,
    deal_in: dict[str, Any],
) -> privacy.View:
    """Create an open deal in a stage (default: the default pipeline's first stage)."""
    owner_id, team_id = await crm_access.resolve_owner(
        session, actor=actor, owner_id=deal_in.get("owner_id")
    )
    await _check_links(session, actor, deal_in)
    pipeline, stage = await pipeline_service.resolve_stage(
        session, pipeline_id=deal_in.get("pipeline_id"), stage_id=deal_in.get("stage_id")
    )
    screened = await screener.screen(deal_in.get("description"))
    tags = values.normalise_tags(deal_in.get("tags"))
    deal = Deal(
        title=deal_in["title"],
        description=screened.text or None,
        compliance=screened.report,
        company_id=deal_in.get("company_id"),
        amount=values.normalise_amount(deal_in.get("amount") or 0),
        currency=values.normalise_currency(deal_in.get("currency") or "EUR"),
        pipeline_id=pipeline.id,
        stage_id=stage.id,
        expected_close_date=deal_in.get("expected_close_date"),
        probability=(
            deal_in["probability"] if deal_in.get("probability") is not None else stage.probability
        ),
        status="open",
        tags=tags,
        owner_id=owner_id,
        team_id=team_id,
        search_text=values.search_text(deal_in["title"]),
    )
    deal_repository.add(session, deal)
    await session.flush()
    await deal_repository.set_contacts(session, deal.id, list(deal_in.get("contact_ids") or []))
    await list_repository.set_tags(session, ENTITY, deal.id, tags)
    await screener.notify(
        session,
        actor=actor,
        screened=screened,
        target_type=ENTITY,
        target_id=str(deal.id),
        field="description",
    )
    audit_in = {k: v for k, v in deal_in.items() if v is not None and k != "description"}
    await records.audit(
        session,
        actor=actor,
        action="created",
        entity_type=ENTITY,
        record_id=deal.id,
        changes=audit_in | ({"description": "…"} if screened.text else {}),
        redacted=screened.report.get("redacted", []),
    )
    return await _view(session, deal, actor)


async def _stage_change(
    session: AsyncSession, actor: Actor, deal: Deal, changes: dict[str, Any]
) -> dict[str, Any]:
    if "stage_id" not in changes and "pipeline_id" not in changes:
        return {}
    pipeline, stage = await pipeline_service.resolve_stage(
        session,
        pipeline_id=changes.get("pipeline_id") or deal.pipeline_id,
        stage_id=changes.get("stage_id"),
    )
    return {"pipeline_id": pipeline.id, "stage_id": stage.id}


def _status_change(deal: Deal, changes: dict[str, Any]) -> dict[str, Any]:
    status = changes.get("status")
    if status is None or status == deal.status:
        return {"close_reason": changes["close_reason"]} if "close_reason" in changes else {}
    if status not in STATUSES:
        raise InvalidInput(f"status: one of {', '.join(STATUSES)}")
    reason = changes.get("close_reason")
    if status == "lost" and not reason:
        raise InvalidInput(
            "close_reason: a lost deal needs a reason",
            errors=[{"loc": ["body", "close_reason"], "msg": "required", "type": "missing"}],
        )
    if status == "open":
        return {"status": "open", "closed_at": None, "close_reason": None}
    return {"status": status, "closed_at": utcnow(), "close_reason": reason}


async def _wanted(
    session: AsyncSession, actor: Actor, deal: Deal, changes: dict[str, Any]
) -> dict[str, Any]:
    await _check_links(session, actor, changes)
    wanted: dict[str, Any] = {}
    for field in ("title", "expected_close_date", "probability", "company_id"):
        if field in changes and (changes[field] is not None or field != "title"):
            wanted[field] = changes[field]
    if changes.get("amount") is not None:
        wanted["amount"] = values.normalise_amount(changes["amount"])
    if changes.get("currency") is not None:
        wanted["currency"] = values.normalise_currency(changes["currency"])
    if "owner_id" in changes:
        wanted["owner_id"], wanted["team_id"] = await crm_access.resolve_owner(
            session, actor=actor, owner_id=changes["owner_id"]
        )
    if "tags" in changes:
        wanted["tags"] = values.normalise_tags(changes["tags"])
    wanted |= await _stage_change(session, actor, deal, changes)
    wanted |= _status_change(deal, changes)
    return wanted


async def update(
    session: AsyncSession,
    *,
    actor: Actor,
    screener: CrmTextScreener,
    deal_id: uuid.UUID,
    changes: dict[str, Any],
    if_match: int | None = None,
) -> privacy.View:
    """Apply a partial update; stage changes, wins and losses go on the timeline."""
    deal = await get_writable(session, actor=actor, deal_id=deal_id)
    records.check_version(deal, if_match, await _view(session, deal, actor))
    before_stage, before_status = deal.stage_id, deal.status
    wanted = await _wanted(session, actor, deal, changes)
    screened = None
    if "description" in changes:
        screened = await screener.screen(changes["description"])
        wanted["description"] = screened.text or None
        wanted["compliance"] = screened.report
    changed = records.apply_changes(deal, wanted)
    if "title" in changed:
        deal.search_text = values.search_text(deal.title)
    if changes.get("contact_ids") is not None:
        await deal_repository.set_contacts(session, deal.id, list(changes["contact_ids"]))
        changed["contact_ids"] = [str(c) for c in changes["contact_ids"]]
        deal.updated_at = utcnow()  # a new version, so clients holding the old ETag reload
    if not changed:
        return await _view(session, deal, actor)
    await records.flush(session)
    if "tags" in changed:
        await list_repository.set_tags(session, ENTITY, deal.id, deal.tags)
    await _timeline(session, actor, deal, before_stage, before_status)
    if screened is not None:
        await screener.notify(
            session,
            actor=actor,
            screened=screened,
            target_type=ENTITY,
            target_id=str(deal.id),
            field="description",
        )
    await records.audit(
        session,
        actor=actor,
        action="updated",
        entity_type=ENTITY,
        record_id=deal.id,
        changes=changed,
    )
    return await _view(session, deal, actor)


async def _timeline(
    session: AsyncSession, actor: Actor, deal: Deal, before_stage: uuid.UUID, before_status: str
) -> None:
    if deal.stage_id != before_stage:
        names = {
            s.id: s.name for s in await pipeline_repository.stages(session, [deal.pipeline_id])
        }
        old = await pipeline_repository.get_stage(session, before_stage)
        body = f"Stage: {old.name if old else '?'} → {names.get(deal.stage_id, '?')}"
        await crm_events.record(
            session,
            actor=actor,
            type="stage_changed",
            subject=deal,
            body=body,
            details={"from_stage_id": str(before_stage), "to_stage_id": str(deal.stage_id)},
        )
    if deal.status != before_status:
        kind = {"won": "deal_won", "lost": "deal_lost", "open": "deal_reopened"}[deal.status]
        body = f"Deal {deal.status}" + (f": {deal.close_reason}" if deal.close_reason else "")
        await crm_events.record(
            session,
            actor=actor,
            type=kind,
            subject=deal,
            body=body,
            details={"from_status": before_status, "to_status": deal.status},
        )


async def delete(
    session: AsyncSession, *, actor: Actor, deal_id: uuid.UUID, if_match: int | None = None
) -> None:
    """Archive the deal: it leaves the lists and the pipeline, its history stays."""
    deal = await get_writable(session, actor=actor, deal_id=deal_id)
    records.check_version(deal, if_match, await _view(session, deal, actor))
    await records.archive(session, actor=actor, entity_type=ENTITY, record=deal)
