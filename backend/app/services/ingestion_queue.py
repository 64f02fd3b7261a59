"""The queue seen from outside: depth, age, dead letters, requeue, and the sweeper's pick."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.db import Database
from backend.app.errors import NotFound
from backend.app.metrics import QUEUE_DEPTH, QUEUE_OLDEST_AGE
from backend.app.models import GraphSubscription, Job, JobStatus
from backend.app.permissions import Permission
from backend.app.repositories import graph_subscriptions as graph_repository
from backend.app.repositories import jobs as job_repository
from backend.app.services import audit as audit_service
from backend.app.services import jobs as job_service
from backend.app.services.actors import Actor


@dataclass(frozen=True)
class QueueStatus:
    backend: str
    counts: dict[str, int]
    oldest_age_seconds: float
    subscriptions: list[GraphSubscription]


async def get_status(session: AsyncSession, *, actor: Actor, backend: str) -> QueueStatus:
    """Depth by status, age of the oldest due job, and the Graph subscriptions."""
    actor.require(Permission.OPERATIONS_READ)
    counts = await job_repository.counts_by_status(session)
    oldest = await job_repository.oldest_queued_run_at(session)
    now = datetime.now(UTC)
    age = max(0.0, (now - oldest).total_seconds()) if oldest else 0.0
    for status in JobStatus:
        QUEUE_DEPTH.labels(status=status.value).set(counts.get(status.value, 0))
    QUEUE_OLDEST_AGE.set(age)
    return QueueStatus(
        backend=backend,
        counts={s.value: counts.get(s.value, 0) for s in JobStatus},
        oldest_age_seconds=age,
        subscriptions=await graph_repository.list_all(session),
    )


async def requeue_dead_letter(session: AsyncSession, *, actor: Actor, job_id: int) -> Job:
    """Give a dead job a fresh set of attempts (after fixing what made it fail)."""
    actor.require(Permission.OPERATIONS_MANAGE)
    if not await job_repository.requeue_dead(session, job_id, datetime.now(UTC)):
        raise NotFound("no dead-lettered job with this id")
    job = await job_repository.get(session, job_id)
    assert job is not None
    # Wake the local workers or publish the id to the broker once this commits.
    session.info.setdefault(job_service.ENQUEUED_KEY, []).append(job_id)
    await audit_service.record(
        session,
        actor=actor,
        action="operations.job.requeued",
        target_type="job",
        target_id=str(job_id),
        details={"kind": job.kind},
    )
    return job


async def lost_job_ids(session: AsyncSession, *, grace: timedelta, limit: int) -> list[int]:
    """Jobs due for longer than ``grace`` or whose lease expired: the broker lost them."""
    return await job_repository.ids_queued_before(session, datetime.now(UTC) - grace, limit)


async def seconds_until_due(database: Database, job_id: int) -> float:
    """How long a job waits before its next attempt (0 when it is due or not queued)."""
    async with database.session_scope() as session:
        job = await job_repository.get(session, job_id)
    if job is None or job.status != JobStatus.QUEUED:
        return 0.0
    return max(0.0, (job.run_at - datetime.now(UTC)).total_seconds())
