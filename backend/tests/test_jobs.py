from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.db import Database, after_commit
from backend.app.models import Job, JobStatus
from backend.app.services import audit as audit_service
from backend.app.services import jobs as job_service
from backend.app.services.actors import SYSTEM
from backend.app.workers.pool import InProcessWorkerPool, PeriodicJob


class Flaky:
    """A handler that fails a given number of times before succeeding."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.calls = 0

    async def __call__(self, session: AsyncSession, payload: dict[str, Any]) -> None:
        self.calls += 1
        await audit_service.record(session, actor=SYSTEM, action="test.job_effect", details=payload)
        if self.calls <= self.failures:
            raise job_service.JobError(f"attempt {self.calls} failed")


def _runner(database: Database, handler: Any, **kwargs: Any) -> job_service.JobRunner:
    registry = job_service.JobRegistry()
    registry.register("test.flaky", handler)
    return job_service.JobRunner(
        database, registry, worker_id="w1", backoff_base_seconds=0.0, **kwargs
    )


async def _enqueue(database: Database, **kwargs: Any) -> int:
    async with database.session_scope() as session:
        job = await job_service.enqueue(session, kind="test.flaky", payload={"n": 1}, **kwargs)
        assert job is not None
        return job.id


async def _job(database: Database, job_id: int) -> Job:
    async with database.session_scope() as session:
        job = await session.get(Job, job_id)
        assert job is not None
        return job


async def _effects(database: Database) -> int:
    async with database.session_scope() as session:
        rows = await session.execute(
            text("SELECT COUNT(*) FROM audit_log WHERE action = 'test.job_effect'")
        )
        return int(rows.scalar_one())


async def test_job_effects_commit_with_success_when_handler_passes(database: Database) -> None:
    runner = _runner(database, Flaky(0))
    job_id = await _enqueue(database)
    assert await runner.claim_due() == [job_id]
    assert await runner.run_claimed(job_id) == "succeeded"
    assert (await _job(database, job_id)).status == JobStatus.SUCCEEDED
    assert await _effects(database) == 1


async def test_failed_attempt_rolls_back_its_effects_and_retries_later(database: Database) -> None:
    runner = _runner(database, Flaky(1))
    job_id = await _enqueue(database)
    await runner.claim_due()
    assert await runner.run_claimed(job_id) == "retry"
    job = await _job(database, job_id)
    assert job.status == JobStatus.QUEUED
    assert job.attempts == 1
    assert job.last_error == "attempt 1 failed"
    assert await _effects(database) == 0
    await runner.claim_due()
    assert await runner.run_claimed(job_id) == "succeeded"
    assert await _effects(database) == 1


async def test_job_is_dead_lettered_after_max_attempts(database: Database) -> None:
    runner = _runner(database, Flaky(10))
    job_id = await _enqueue(database, max_attempts=3)
    outcomes = []
    for _ in range(3):
        await runner.claim_due()
        outcomes.append(await runner.run_claimed(job_id))
    assert outcomes == ["retry", "retry", "dead"]
    job = await _job(database, job_id)
    assert job.status == JobStatus.DEAD
    assert job.attempts == 3
    assert await runner.claim_due() == []


async def test_unexpected_error_message_is_not_stored(database: Database) -> None:
    async def leaky(session: AsyncSession, payload: dict[str, Any]) -> None:
        raise ValueError("customer IBAN FR7630006000011234567890189 rejected")

    runner = _runner(database, leaky)
    job_id = await _enqueue(database)
    await runner.claim_due()
    await runner.run_claimed(job_id)
    assert (await _job(database, job_id)).last_error == "ValueError"


async def test_job_with_expired_lease_is_reclaimed_when_its_worker_died(database: Database) -> None:
    dead_worker = _runner(database, Flaky(0), lease_seconds=1)
    job_id = await _enqueue(database)
    assert await dead_worker.claim_due() == [job_id]
    alive = _runner(database, Flaky(0))
    alive.worker_id = "w2"
    assert await alive.claim_due() == []  # still leased
    async with database.session_scope() as session:
        job = await session.get(Job, job_id)
        assert job is not None
        job.locked_until = datetime.now(UTC) - timedelta(seconds=1)
    assert await alive.claim_due() == [job_id]
    assert await alive.run_claimed(job_id) == "succeeded"
    assert await dead_worker.run_claimed(job_id) == "lost-lease"
    assert await _effects(database) == 1


async def test_claim_by_id_skips_a_job_already_done(database: Database) -> None:
    runner = _runner(database, Flaky(0))
    job_id = await _enqueue(database)
    assert await runner.claim_and_run([job_id]) == {job_id: "succeeded"}
    assert await runner.claim_and_run([job_id]) == {}
    assert await _effects(database) == 1


async def test_enqueue_is_skipped_when_dedupe_key_taken(database: Database) -> None:
    await _enqueue(database, dedupe_key="once")
    async with database.session_scope() as session:
        assert (
            await job_service.enqueue(session, kind="test.flaky", payload={}, dedupe_key="once")
            is None
        )
        other = await job_service.enqueue(
            session, kind="test.flaky", payload={}, dedupe_key="other"
        )
        assert other is not None
    async with database.session_scope() as session:
        assert len(list(await session.scalars(select(Job)))) == 2


async def test_periodic_jobs_are_enqueued_once_per_slot_across_instances(
    database: Database,
) -> None:
    runner = _runner(database, Flaky(0))
    periodic = (PeriodicJob(kind="test.flaky", interval_seconds=60),)
    first = InProcessWorkerPool(
        database, runner, concurrency=1, poll_interval=0.05, periodic=periodic
    )
    second = InProcessWorkerPool(
        database, runner, concurrency=1, poll_interval=0.05, periodic=periodic
    )
    now = datetime(2026, 1, 1, 12, 0, 30, tzinfo=UTC)
    assert await first.enqueue_periodic(now) == 1
    assert await second.enqueue_periodic(now + timedelta(seconds=10)) == 0
    assert await second.enqueue_periodic(now + timedelta(seconds=60)) == 1


async def test_pool_runs_jobs_in_background_and_stops_cleanly(database: Database) -> None:
    handler = Flaky(0)
    pool = InProcessWorkerPool(
        database, _runner(database, handler), concurrency=2, poll_interval=0.05
    )
    await pool.start()
    ids = [await _enqueue(database) for _ in range(5)]
    pool.wake()
    for _ in range(100):
        if handler.calls == 5:
            break
        await asyncio.sleep(0.05)
    await pool.stop()
    assert handler.calls == 5
    assert {(await _job(database, i)).status for i in ids} == {JobStatus.SUCCEEDED}


async def test_batch_commits_the_jobs_that_pass_and_retries_only_the_one_that_failed(
    database: Database,
) -> None:
    announced: list[int] = []

    async def handler(session: AsyncSession, payload: dict[str, Any]) -> None:
        await audit_service.record(session, actor=SYSTEM, action="test.job_effect", details=payload)

        async def announce() -> None:
            announced.append(payload["n"])

        after_commit(session, announce)
        if payload["n"] == 2:
            raise job_service.JobError("the second one fails")

    runner = _runner(database, handler)
    ids = []
    for n in (1, 2, 3):
        async with database.session_scope() as session:
            job = await job_service.enqueue(session, kind="test.flaky", payload={"n": n})
            assert job is not None
            ids.append(job.id)
    claimed = await runner.claim_due(limit=3)
    assert sorted(claimed) == sorted(ids)

    assert await runner.run_claimed_batch(claimed) == ["succeeded", "retry", "succeeded"]
    assert await _effects(database) == 2  # the failed job's audit entry was rolled back
    assert sorted(announced) == [1, 3]  # and so was its after-commit action
    failed = await _job(database, ids[1])
    assert (failed.status, failed.attempts, failed.last_error) == (
        JobStatus.QUEUED,
        1,
        "the second one fails",
    )
    assert [(await _job(database, i)).status for i in (ids[0], ids[2])] == [JobStatus.SUCCEEDED] * 2
