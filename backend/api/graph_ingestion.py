"""Operations view of the ingestion: queue, subscriptions, and requeueing dead letters.

The dead letters themselves are listed by GET /api/v1/operations/queue.
"""

from __future__ import annotations

from fastapi import APIRouter

from backend.api.deps import CurrentActor, SessionDep, SettingsDep
from backend.api.schemas_common import PROBLEM_RESPONSES
from backend.api.schemas_graph import DeadLetterRead, IngestionStatusRead, SubscriptionRead
from backend.app.services import ingestion_queue as queue_service

router = APIRouter(prefix="/graph/ingestion", tags=["graph"], responses=PROBLEM_RESPONSES)


@router.get("", response_model=IngestionStatusRead)
async def get_ingestion_status(
    actor: CurrentActor, session: SessionDep, settings: SettingsDep
) -> IngestionStatusRead:
    """Jobs by status, the age of the oldest due job, and each Graph subscription."""
    status = await queue_service.get_status(session, actor=actor, backend=settings.queue_backend)
    return IngestionStatusRead(
        queue_backend=status.backend,
        jobs=status.counts,
        oldest_age_seconds=status.oldest_age_seconds,
        subscriptions=[SubscriptionRead.model_validate(s) for s in status.subscriptions],
    )


@router.post("/dead-letters/{job_id}/requeue", response_model=DeadLetterRead)
async def requeue_dead_letter(
    job_id: int, actor: CurrentActor, session: SessionDep
) -> DeadLetterRead:
    """Run a dead job again with a fresh set of attempts (admin)."""
    job = await queue_service.requeue_dead_letter(session, actor=actor, job_id=job_id)
    return DeadLetterRead.from_job(job)
