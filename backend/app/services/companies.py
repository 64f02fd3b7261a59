"""Companies: create (with duplicate detection), read, partial update, archive, timeline."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.errors import Conflict
from backend.app.models import Company
from backend.app.repositories import companies as company_repository
from backend.app.services import crm_access
from backend.app.services import crm_privacy as privacy
from backend.app.services import crm_records as records
from backend.app.services import crm_values as values
from backend.app.services.actors import Actor

ENTITY = "company"
_PLAIN_FIELDS = ("name", "industry", "size", "address")


async def get_record(session: AsyncSession, *, actor: Actor, company_id: uuid.UUID) -> Company:
    """The company itself, for other CRM services (visibility checked)."""
    company = await company_repository.get(session, company_id)
    return crm_access.ensure_visible(actor, company, ENTITY)


async def get_writable(session: AsyncSession, *, actor: Actor, company_id: uuid.UUID) -> Company:
    company = await company_repository.get(session, company_id)
    return crm_access.ensure_writable(actor, company, ENTITY)


async def get(session: AsyncSession, *, actor: Actor, company_id: uuid.UUID) -> privacy.View:
    company = await get_record(session, actor=actor, company_id=company_id)
    return privacy.company_view(company, actor)


async def views(companies: list[Company], actor: Actor) -> list[privacy.View]:
    return [privacy.company_view(c, actor) for c in companies]


async def list_companies(
    session: AsyncSession,
    *,
    actor: Actor,
    filters: dict[str, Any],
    sort: str = "-updated_at",
    cursor: str | None = None,
    limit: int = 50,
) -> records.RecordPage:
    async def to_view(rows: list[Company]) -> list[privacy.View]:
        return await views(rows, actor)

    return await records.list_records(
        session,
        actor=actor,
        model=Company,
        entity_type=ENTITY,
        filters=filters,
        sort=sort,
        cursor=cursor,
        limit=limit,
        to_view=to_view,
    )


async def _ensure_unique(
    session: AsyncSession, actor: Actor, domain: str | None, exclude_id: uuid.UUID | None
) -> None:
    if not domain:
        return
    duplicate = await company_repository.find_by_domain(
        session, domain, scope=records.scope_filter(actor), exclude_id=exclude_id
    )
    if duplicate is not None:
        raise Conflict(
            f"a company with the domain {domain} already exists; pass ?force=true to create "
            "another one anyway",
            duplicate_id=str(duplicate.id),
        )


def _search(company: Company) -> str:
    return values.search_text(company.name, company.domain)


async def create(
    session: AsyncSession, *, actor: Actor, company_in: dict[str, Any], force: bool = False
) -> privacy.View:
    """Create a company; 409 with duplicate_id when its domain is taken, unless forced."""
    owner_id, team_id = await crm_access.resolve_owner(
        session, actor=actor, owner_id=company_in.get("owner_id")
    )
    domain = values.normalise_domain(company_in.get("domain"))
    if not force:
        await _ensure_unique(session, actor, domain, None)
    tags = values.normalise_tags(company_in.get("tags"))
    company = Company(
        **{f: company_in.get(f) for f in _PLAIN_FIELDS},
        domain=domain,
        tags=tags,
        owner_id=owner_id,
        team_id=team_id,
    )
    company.search_text = _search(company)
    company_repository.add(session, company)
    await records.finish_create(
        session, actor=actor, entity_type=ENTITY, record=company, record_in=company_in, forced=force
    )
    return privacy.company_view(company, actor)


async def update(
    session: AsyncSession,
    *,
    actor: Actor,
    company_id: uuid.UUID,
    changes: dict[str, Any],
    if_match: int | None = None,
    force: bool = False,
) -> privacy.View:
    """Apply a partial update; 409 with the current record when If-Match is stale."""
    company = await get_writable(session, actor=actor, company_id=company_id)
    records.check_version(company, if_match, privacy.company_view(company, actor))
    wanted = {f: changes[f] for f in _PLAIN_FIELDS if f in changes and changes[f] is not None}
    if "domain" in changes:
        wanted["domain"] = values.normalise_domain(changes["domain"])
        if wanted["domain"] != company.domain and not force:
            await _ensure_unique(session, actor, wanted["domain"], company.id)
    for field in ("industry", "size", "address"):
        if field in changes and changes[field] is None:
            wanted[field] = None
    if "owner_id" in changes:
        wanted["owner_id"], wanted["team_id"] = await crm_access.resolve_owner(
            session, actor=actor, owner_id=changes["owner_id"]
        )
    if "tags" in changes:
        wanted["tags"] = values.normalise_tags(changes["tags"])
    changed = records.apply_changes(company, wanted)
    if changed:
        company.search_text = _search(company)
        await records.finish_update(
            session, actor=actor, entity_type=ENTITY, record=company, changed=changed
        )
    return privacy.company_view(company, actor)


async def delete(
    session: AsyncSession, *, actor: Actor, company_id: uuid.UUID, if_match: int | None = None
) -> None:
    """Archive the company: it leaves the lists, its history stays."""
    company = await get_writable(session, actor=actor, company_id=company_id)
    records.check_version(company, if_match, privacy.company_view(company, actor))
    await records.archive(session, actor=actor, entity_type=ENTITY, record=company)
