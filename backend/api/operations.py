"""Read-only operational views for admins and officers: the jobs queue and its dead letters."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query

from backend.api.deps import CurrentActor, SessionDep
from backend.api.schemas_common import PROBLEM_RESPONSES
from backend.api.schemas_operations import QueueDeadLetterRead, QueueHealthRead
from backend.app.models import JobStatus
from backend.app.services import operations as operations_service

router = APIRouter(prefix="/operations", tags=["operations"], responses=PROBLEM_RESPONSES)


@router.get("/queue", response_model=QueueHealthRead)
async def read_queue_health(
    actor: CurrentActor,
    session: SessionDep,
    dead_limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> QueueHealthRead:
    """Jobs by status, waiting depth, oldest waiting job and the latest dead letters."""
    health = await operations_service.get_queue_health(
        session, actor=actor, now=datetime.now(UTC), dead_limit=dead_limit
    )
    return QueueHealthRead(
        counts=health.counts,
        depth=health.counts.get(JobStatus.QUEUED.value, 0)
        + health.counts.get(JobStatus.RUNNING.value, 0),
        oldest_queued_age_seconds=health.oldest_queued_age_seconds,
        dead_letters=[
            QueueDeadLetterRead(
                id=job.id,
                kind=job.kind,
                attempts=job.attempts,
                max_attempts=job.max_attempts,
                last_error=job.last_error,
                created_at=job.created_at,
                finished_at=job.finished_at,
            )
            for job in health.dead_letters
        ],
    )
