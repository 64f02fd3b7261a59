"""Durable background jobs: enqueue inside the caller's transaction, run with retries.

The jobs table is the truth. Consumers (the in-process pool, Celery workers) only carry job
ids; whichever claims a job first holds a lease, so a job runs once at a time, and its
effects commit in the same transaction that marks it succeeded.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeGuard

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.db import Database, savepoint
from backend.app.metrics import JOB_DURATION, JOBS_DEAD, JOBS_PROCESSED
from backend.app.models import Job, JobStatus
from backend.app.repositories import jobs as job_repository

log = logging.getLogger("nova.jobs")

JobHandler = Callable[[AsyncSession, dict[str, Any]], Awaitable[None]]
ENQUEUED_KEY = "nova.enqueued_job_ids"
MAX_BACKOFF_SECONDS = 600


class JobError(Exception):
    """A job failure whose message is safe to store and log (no secrets, no PII)."""


class PermanentJobError(JobError):
    """A failure retrying cannot fix: the job goes straight to the dead-letter state."""


@dataclass
class JobRegistry:
    """Maps a job kind to the coroutine that runs it."""

    handlers: dict[str, JobHandler] = field(default_factory=dict)

    def register(self, kind: str, handler: JobHandler) -> None:
        if kind in self.handlers:
            raise ValueError(f"job kind {kind!r} registered twice")
        self.handlers[kind] = handler

    def get(self, kind: str) -> JobHandler | None:
        return self.handlers.get(kind)


async def enqueue(
    session: AsyncSession,
    *,
    kind: str,
    payload: dict[str, Any],
    run_at: datetime | None = None,
    dedupe_key: str | None = None,
    max_attempts: int = 5,
) -> Job | None:
    """Add a job to the caller's transaction; None when ``dedupe_key`` is already taken."""
    job = Job(
        kind=kind,
        payload=payload,
        run_at=run_at or datetime.now(UTC),
        dedupe_key=dedupe_key,
        max_attempts=max_attempts,
    )
    if dedupe_key is None:
        job_repository.add(session, job)
        await session.flush()
    else:
        try:
            async with session.begin_nested():
                job_repository.add(session, job)
        except IntegrityError:
            return None
    session.info.setdefault(ENQUEUED_KEY, []).append(job.id)
    return job


def backoff_delay(attempts: int, base_seconds: float = 2.0) -> float:
    """Exponential backoff with jitter, capped."""
    delay = min(float(MAX_BACKOFF_SECONDS), base_seconds * 2.0 ** max(0, attempts - 1))
    return delay * (0.75 + random.random() / 2)  # noqa: S311 - jitter, not security


def _succeed(job: Job) -> None:
    job.status = JobStatus.SUCCEEDED
    job.finished_at = datetime.now(UTC)
    job.locked_until = None
    job.last_error = None


class JobRunner:
    """Claims and runs jobs; shared by every consumer so they all behave the same."""

    def __init__(
        self,
        database: Database,
        registry: JobRegistry,
        *,
        worker_id: str,
        lease_seconds: int = 60,
        backoff_base_seconds: float = 2.0,
    ) -> None:
        self.database = database
        self.registry = registry
        self.worker_id = worker_id
        self.lease = timedelta(seconds=lease_seconds)
        self.backoff_base_seconds = backoff_base_seconds

    async def claim_due(self, limit: int = 1) -> list[int]:
        async with self.database.session_scope() as session:
            jobs = await job_repository.claim_due(
                session,
                worker_id=self.worker_id,
                now=datetime.now(UTC),
                lease=self.lease,
                limit=limit,
            )
            return [job.id for job in jobs]

    async def claim_ids(self, job_ids: list[int]) -> list[int]:
        """Lease the jobs among ``job_ids`` that nobody holds and nobody finished."""
        async with self.database.session_scope() as session:
            jobs = await job_repository.claim_by_ids(
                session,
                list(dict.fromkeys(job_ids)),
                worker_id=self.worker_id,
                now=datetime.now(UTC),
                lease=self.lease,
            )
            return [job.id for job in jobs]

    async def claim_and_run(self, job_ids: list[int]) -> dict[int, str]:
        """Run jobs delivered by id (a broker) together; the outcome of each one claimed.

        A job someone else holds or finished is skipped, so an id delivered twice runs once.
        """
        claimed = await self.claim_ids(job_ids)
        outcomes = await self.run_claimed_batch(claimed)
        return dict(zip(claimed, outcomes, strict=True))

    def _holds(self, job: Job | None) -> TypeGuard[Job]:
        """True while this worker's lease on the job stands (it may have expired and moved)."""
        return (
            job is not None and job.locked_by == self.worker_id and job.status == JobStatus.RUNNING
        )

    async def run_claimed(self, job_id: int) -> str:
        """Run a job this worker has leased; return the outcome."""
        started = time.perf_counter()
        kind = "unknown"
        try:
            async with self.database.session_scope() as session:
                job = await job_repository.get_for_update(session, job_id)
                if not self._holds(job):
                    return "lost-lease"
                kind = job.kind
                handler = self.registry.get(job.kind)
                if handler is None:
                    raise PermanentJobError(f"no handler for job kind {job.kind!r}")
                await handler(session, dict(job.payload))
                _succeed(job)
        except Exception as exc:
            outcome = await self._record_failure(job_id, exc)
            JOBS_PROCESSED.labels(kind=kind, outcome=outcome).inc()
            return outcome
        finally:
            JOB_DURATION.labels(kind=kind).observe(time.perf_counter() - started)
        JOBS_PROCESSED.labels(kind=kind, outcome="succeeded").inc()
        return "succeeded"

    async def _record_failure(self, job_id: int, exc: Exception) -> str:
        async with self.database.session_scope() as session:
            job = await job_repository.get_for_update(session, job_id)
            if job is None:
                return "failed"
            return self._fail(job, exc)

    def _fail(self, job: Job, exc: Exception) -> str:
        """Schedule a retry or dead-letter the job; the caller's transaction stores it."""
        # Only our own JobError messages are stored verbatim: others may carry PII or secrets.
        message = str(exc)[:500] if isinstance(exc, JobError) else type(exc).__name__
        job.last_error = message
        job.locked_until = None
        job.locked_by = None
        permanent = isinstance(exc, PermanentJobError)
        if permanent or job.attempts >= job.max_attempts:
            job.status = JobStatus.DEAD
            job.finished_at = datetime.now(UTC)
            JOBS_DEAD.labels(kind=job.kind).inc()
            log.error(
                "job dead-lettered", extra={"job_id": job.id, "kind": job.kind, "error": message}
            )
            return "dead"
        job.status = JobStatus.QUEUED
        delay = backoff_delay(job.attempts, self.backoff_base_seconds)
        job.run_at = datetime.now(UTC) + timedelta(seconds=delay)
        log.warning(
            "job failed, will retry", extra={"job_id": job.id, "kind": job.kind, "error": message}
        )
        return "retry"

    async def run_claimed_batch(self, job_ids: list[int]) -> list[str]:
        """Run several leased jobs in one transaction, each inside a savepoint.

        One commit for the batch instead of one per job (most jobs are a few milliseconds of
        work, and the transaction around each cost more than the work). A job that fails rolls
        back to its savepoint only; its retry or dead letter commits with the others.
        """
        if len(job_ids) <= 1:
            return [await self.run_claimed(job_id) for job_id in job_ids]
        try:
            async with self.database.session_scope() as session:
                outcomes = [await self._run_in_batch(session, job_id) for job_id in job_ids]
        except Exception:
            # The batch did not commit, so nothing of it happened: the leases are still ours.
            log.exception("a job batch failed to commit; running its jobs one by one")
            return [await self.run_claimed(job_id) for job_id in job_ids]
        return outcomes

    async def _run_in_batch(self, session: AsyncSession, job_id: int) -> str:
        started = time.perf_counter()
        job = await job_repository.get_for_update(session, job_id)
        if not self._holds(job):
            return "lost-lease"
        kind, handler = job.kind, self.registry.get(job.kind)
        try:
            async with savepoint(session):
                if handler is None:
                    raise PermanentJobError(f"no handler for job kind {kind!r}")
                await handler(session, dict(job.payload))
        except Exception as exc:
            # Re-read the row: the rollback to the savepoint may have expired it.
            job = await job_repository.get_for_update(session, job_id)
            outcome = self._fail(job, exc) if job is not None else "failed"
        else:
            _succeed(job)
            outcome = "succeeded"
        JOB_DURATION.labels(kind=kind).observe(time.perf_counter() - started)
        JOBS_PROCESSED.labels(kind=kind, outcome=outcome).inc()
        return outcome
