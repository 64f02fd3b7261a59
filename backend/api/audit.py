"""The audit log: verification of the hash chain and a filtered, paginated listing."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from backend.api.deps import CurrentActor, SessionDep
from backend.api.schemas_audit import AuditEntryRead, AuditVerification
from backend.api.schemas_common import PROBLEM_RESPONSES, Page
from backend.app.services import audit as audit_service

router = APIRouter(prefix="/audit", tags=["audit"], responses=PROBLEM_RESPONSES)


@router.get("/verify", response_model=AuditVerification)
async def verify_audit_chain(actor: CurrentActor, session: SessionDep) -> AuditVerification:
    """Recompute the chain; ``first_broken_id`` names the first entry changed or missing."""
    result = await audit_service.verify(session, actor=actor)
    return AuditVerification(
        ok=result.ok, entries=result.entries, first_broken_id=result.first_broken_id
    )


@router.get("", response_model=Page[AuditEntryRead])
async def list_audit_entries(
    actor: CurrentActor,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: Annotated[int | None, Query(description="id to continue below")] = None,
    action: Annotated[str | None, Query(description="action prefix, e.g. auth.")] = None,
    actor_id: str | None = None,
    target_type: str | None = None,
    target_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Page[AuditEntryRead]:
    """Entries newest first."""
    rows = await audit_service.list_entries(
        session,
        actor=actor,
        limit=limit + 1,
        before_id=cursor,
        action_prefix=action,
        actor_id=actor_id,
        target_type=target_type,
        target_id=target_id,
        since=since,
        until=until,
    )
    next_cursor = str(rows[limit - 1].id) if len(rows) > limit else None
    return Page(
        items=[AuditEntryRead.model_validate(r) for r in rows[:limit]], next_cursor=next_cursor
    )
