"""Dashboard statistics, retention settings, the compliance audit trail, and own coaching."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query

from backend.api.deps import CurrentActor, SessionDep, ToolkitDep
from backend.api.schemas_audit import AuditEntryRead, AuditVerification
from backend.api.schemas_common import PROBLEM_RESPONSES, Page
from backend.api.schemas_compliance import CoachingRead, RetentionRead, RetentionUpdate, StatsRead
from backend.app.services import audit as audit_service
from backend.app.services import compliance_coaching as coaching_service
from backend.app.services import compliance_retention as retention_service
from backend.app.services import compliance_stats as stats_service
from backend.app.services import users as user_service

router = APIRouter(prefix="/compliance", tags=["compliance"], responses=PROBLEM_RESPONSES)


@router.get("/stats", response_model=StatsRead)
async def read_stats(
    actor: CurrentActor,
    session: SessionDep,
    since: datetime | None = None,
    until: datetime | None = None,
) -> StatsRead:
    """Alerts per day, category, severity and status; mean time to acknowledge and resolve."""
    until = until or datetime.now(UTC)
    since = since or until - timedelta(days=30)
    stats = await stats_service.stats(session, actor=actor, since=since, until=until)
    return StatsRead(since=since, until=until, **stats.__dict__)


@router.get("/retention", response_model=RetentionRead)
async def read_retention(actor: CurrentActor, session: SessionDep) -> RetentionRead:
    return RetentionRead(**await retention_service.get_settings(session, actor=actor))


@router.put("/retention", response_model=RetentionRead)
async def update_retention(
    retention_in: RetentionUpdate, actor: CurrentActor, session: SessionDep
) -> RetentionRead:
    """Days to keep raw evidence and closed alerts, per category (admins)."""
    changes = {k: v for k, v in retention_in.model_dump().items() if v}
    return RetentionRead(
        **await retention_service.update_settings(session, actor=actor, changes=changes)
    )


@router.get("/audit", response_model=Page[AuditEntryRead])
async def list_compliance_audit(
    actor: CurrentActor,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: int | None = None,
    action: Annotated[str, Query(description="action prefix")] = "compliance.",
    actor_id: str | None = None,
    target_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Page[AuditEntryRead]:
    """The audit trail of officer actions, reveals, policy changes and retention deletions."""
    rows = await audit_service.list_entries(
        session,
        actor=actor,
        limit=limit + 1,
        before_id=cursor,
        action_prefix=action,
        actor_id=actor_id,
        target_id=target_id,
        since=since,
        until=until,
    )
    next_cursor = str(rows[limit - 1].id) if len(rows) > limit else None
    return Page(
        items=[AuditEntryRead.model_validate(r) for r in rows[:limit]], next_cursor=next_cursor
    )


@router.get("/audit/verify", response_model=AuditVerification)
async def verify_compliance_audit(actor: CurrentActor, session: SessionDep) -> AuditVerification:
    """Verify the whole hash chain (compliance entries are part of it)."""
    result = await audit_service.verify(session, actor=actor)
    return AuditVerification(
        ok=result.ok, entries=result.entries, first_broken_id=result.first_broken_id
    )


@router.get("/coaching/me", response_model=list[CoachingRead])
async def my_coaching(
    actor: CurrentActor, session: SessionDep, toolkit: ToolkitDep
) -> list[CoachingRead]:
    """The signed-in employee's own coaching history (needs a linked Microsoft account)."""
    me = await user_service.get_me(session, actor=actor)
    if me.entra_object_id is None:
        return []
    items = await coaching_service.list_for_person(
        session, toolkit=toolkit, object_id=me.entra_object_id
    )
    return [CoachingRead.model_validate(c) for c in items]
