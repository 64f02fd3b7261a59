"""Steps every CRM use case shares: scoped lists, cursors, versions, changes and the audit."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from backend.app.errors import Conflict, InvalidInput
from backend.app.models import Activity, Company, Contact, Deal
from backend.app.models.base import utcnow
from backend.app.permissions import Permission
from backend.app.repositories import crm_lists as list_repository
from backend.app.repositories.crm_lists import ListFilter, Sort
from backend.app.services import audit as audit_service
from backend.app.services import crm_access
from backend.app.services import crm_privacy as privacy
from backend.app.services import crm_values as values
from backend.app.services.actors import Actor

Record = TypeVar("Record", Company, Contact, Deal, Activity)
MAX_PAGE = 200

# Sortable fields per list and how their cursor values are typed.
SORTS: dict[str, dict[str, str]] = {
    "company": {"updated_at": "datetime", "created_at": "datetime", "name": "text"},
    "contact": {"updated_at": "datetime", "created_at": "datetime", "last_name": "text"},
    "deal": {
        "updated_at": "datetime",
        "created_at": "datetime",
        "title": "text",
        "amount": "decimal",
    },
    "activity": {"updated_at": "datetime", "created_at": "datetime"},
}


@dataclass(frozen=True)
class RecordPage:
    items: list[privacy.View]
    next_cursor: str | None


def scope_filter(actor: Actor, **filters: Any) -> ListFilter:
    """Filters plus the caller's visibility scope (sales: own team and own records).

    Text search matches personal fields only for callers who may see them in clear.
    """
    scope = crm_access.read_scope(actor)
    q_personal = actor.can(Permission.CRM_SEE_PERSONAL)
    if scope is None:
        return ListFilter(q_personal=q_personal, **filters)
    return ListFilter(
        scoped=True,
        scope_team_id=scope.team_id,
        scope_user_id=scope.user_id,
        q_personal=q_personal,
        **filters,
    )


def parse_sort(entity_type: str, sort: str, cursor: str | None) -> Sort:
    """'-updated_at' → newest first; the cursor resumes after the last row of a page."""
    descending = sort.startswith("-")
    field = sort.removeprefix("-")
    kinds = SORTS[entity_type]
    if field not in kinds:
        raise InvalidInput(f"sort: one of {', '.join(sorted(kinds))}, optionally prefixed by '-'")
    after = values.decode_cursor(cursor, kinds[field]) if cursor else None
    return Sort(field=field, descending=descending, after=after)


async def list_records(
    session: AsyncSession,
    *,
    actor: Actor,
    model: type[Record],
    entity_type: str,
    filters: dict[str, Any],
    sort: str,
    cursor: str | None,
    limit: int,
    to_view: Callable[[list[Record]], Any],
) -> RecordPage:
    """One page of a list, in a stable order, with the cursor of the next page."""
    order = parse_sort(entity_type, sort, cursor)
    limit = max(1, min(limit, MAX_PAGE))
    rows = await list_repository.list_page(
        session,
        model,
        entity_type,
        filters=scope_filter(actor, **filters),
        sort=order,
        limit=limit + 1,
    )
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        next_cursor = values.encode_cursor(getattr(last, order.field), last.id)
    return RecordPage(items=await to_view(rows[:limit]), next_cursor=next_cursor)


def jsonable(view: privacy.View) -> dict[str, Any]:
    """A view as plain JSON values (for problem details and exports)."""

    def default(value: Any) -> Any:
        if isinstance(value, datetime | date):
            return value.isoformat()
        if isinstance(value, Decimal | uuid.UUID):
            return str(value)
        raise TypeError(type(value).__name__)

    return dict(json.loads(json.dumps(view, default=default)))


def check_version(record: Record, if_match: int | None, current: privacy.View) -> None:
    """409 with the current representation when the client edited an older version."""
    if if_match is not None and if_match != record.version:
        raise Conflict(
            f"the record changed since version {if_match}; it is now at version "
            f"{record.version}: reload, reapply your change and send the new ETag",
            current=jsonable(current),
        )


def apply_changes(record: Any, changes: dict[str, Any]) -> dict[str, Any]:
    """Set the fields that really change; return them."""
    changed: dict[str, Any] = {}
    for field, value in changes.items():
        if getattr(record, field) != value:
            setattr(record, field, value)
            changed[field] = value
    return changed


async def flush(session: AsyncSession) -> None:
    """Flush, turning a lost race on the version column into a 409."""
    try:
        await session.flush()
    except StaleDataError as exc:
        raise Conflict("the record was changed by someone else meanwhile; reload it") from exc


async def finish_create(
    session: AsyncSession,
    *,
    actor: Actor,
    entity_type: str,
    record: Company | Contact,
    record_in: dict[str, Any],
    **details: Any,
) -> None:
    """Flush a new record, index its tags and audit what was given (personal values left out)."""
    await session.flush()
    await list_repository.set_tags(session, entity_type, record.id, record.tags)
    changes = {k: v for k, v in record_in.items() if v is not None}
    await audit(
        session,
        actor=actor,
        action="created",
        entity_type=entity_type,
        record_id=record.id,
        changes=changes,
        **details,
    )


async def finish_update(
    session: AsyncSession,
    *,
    actor: Actor,
    entity_type: str,
    record: Company | Contact,
    changed: dict[str, Any],
) -> None:
    """Flush the changed fields, re-index the tags if they changed, and audit the change."""
    await flush(session)
    if "tags" in changed:
        await list_repository.set_tags(session, entity_type, record.id, record.tags)
    await audit(
        session,
        actor=actor,
        action="updated",
        entity_type=entity_type,
        record_id=record.id,
        changes=changed,
    )


async def archive(session: AsyncSession, *, actor: Actor, entity_type: str, record: Record) -> None:
    """Archive the record (once): it leaves the lists, its history stays."""
    if record.archived_at is not None:
        return
    record.archived_at = utcnow()
    await flush(session)
    await audit(
        session, actor=actor, action="archived", entity_type=entity_type, record_id=record.id
    )


async def audit(
    session: AsyncSession,
    *,
    actor: Actor,
    action: str,
    entity_type: str,
    record_id: uuid.UUID | None,
    changes: dict[str, Any] | None = None,
    **details: Any,
) -> None:
    """Record who did what to which record; personal values never enter the log."""
    body = dict(details)
    if changes is not None:
        body.update(privacy.audit_changes(entity_type, changes))
    await audit_service.record(
        session,
        actor=actor,
        action=f"crm.{entity_type}.{action}",
        target_type=entity_type,
        target_id=str(record_id) if record_id else None,
        details=body,
    )
