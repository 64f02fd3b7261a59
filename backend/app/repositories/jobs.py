"""SQL for the jobs table: enqueue, claim with a lease, finish, retry, dead-letter."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.models import Job, JobStatus


def add(session: AsyncSession, job: Job) -> Job:
    session.add(job)
    return job


async def exists_with_dedupe_key(session: AsyncSession, dedupe_key: str) -> bool:
    return (await session.scalar(select(Job.id).where(Job.dedupe_key == dedupe_key))) is not None


def _claimable(now: datetime) -> Any:
    # Queued and due, or running under a lease that expired (its worker died).
    return or_(
        and_(Job.status == JobStatus.QUEUED, Job.run_at <= now),
        and_(Job.status == JobStatus.RUNNING, Job.locked_until < now),
    )


async def claim_due(
    session: AsyncSession, *, worker_id: str, now: datetime, lease: timedelta, limit: int
) -> list[Job]:
    """Lease up to ``limit`` due jobs to one worker; other workers skip the rows it holds."""
    query = (
        select(Job)
        .where(_claimable(now))
        .order_by(Job.run_at, Job.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    jobs = list(await session.scalars(query))
    for job in jobs:
        _lease(job, worker_id, now, lease)
    await session.flush()
    return jobs


async def claim_by_ids(
    session: AsyncSession, job_ids: list[int], *, worker_id: str, now: datetime, lease: timedelta
) -> list[Job]:
    """Lease the claimable jobs among ``job_ids`` (a broker may deliver an id twice)."""
    query = (
        select(Job)
        .where(Job.id.in_(job_ids), _claimable(now))
        .order_by(Job.id)
        .with_for_update(skip_locked=True)
    )
    jobs = list(await session.scalars(query))
    for job in jobs:
        _lease(job, worker_id, now, lease)
    await session.flush()
    return jobs


def _lease(job: Job, worker_id: str, now: datetime, lease: timedelta) -> None:
    job.status = JobStatus.RUNNING
    job.attempts += 1
    job.locked_by = worker_id
    job.locked_until = now + lease


async def get_for_update(session: AsyncSession, job_id: int) -> Job | None:
    return await session.get(Job, job_id, with_for_update=True, populate_existing=True)


async def get(session: AsyncSession, job_id: int) -> Job | None:
    return await session.get(Job, job_id, populate_existing=True)


async def counts_by_status(session: AsyncSession) -> dict[str, int]:
    rows = await session.execute(select(Job.status, func.count()).group_by(Job.status))
    return {status: int(n) for status, n in rows.all()}


async def oldest_queued_run_at(session: AsyncSession) -> datetime | None:
    query = select(func.min(Job.run_at)).where(Job.status == JobStatus.QUEUED)
    return await session.scalar(query)


async def ids_queued_before(session: AsyncSession, before: datetime, limit: int) -> list[int]:
    query = select(Job.id).where(_claimable(before)).order_by(Job.run_at, Job.id).limit(limit)
    return list(await session.scalars(query))


async def list_dead(session: AsyncSession, limit: int) -> list[Job]:
    query = select(Job).where(Job.status == JobStatus.DEAD).order_by(Job.id.desc()).limit(limit)
    return list(await session.scalars(query))


async def delete_finished_before(session: AsyncSession, before: datetime) -> int:
    result = await session.execute(
        delete(Job).where(Job.status == JobStatus.SUCCEEDED, Job.finished_at < before)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def requeue_dead(session: AsyncSession, job_id: int, now: datetime) -> bool:
    result = await session.execute(
        update(Job)
        .where(Job.id == job_id, Job.status == JobStatus.DEAD)
        .values(status=JobStatus.QUEUED, attempts=0, run_at=now, last_error=None)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]
