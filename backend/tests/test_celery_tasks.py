"""The Celery tasks and publisher without worker processes: batches of ids, retries, upgrades.

Tasks run eagerly (``task.apply``) in a thread against the test database, as a worker's
runtime would run them; the broker is kombu's in-memory transport, so what a task or the
publisher sends can be read back. Real Redis and worker processes: test_ingestion_celery.py.
"""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import Coroutine
from datetime import UTC, datetime
from typing import Any

import pytest
from celery import Celery
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.db import Database
from backend.app.models import JobStatus
from backend.app.repositories import jobs as job_repository
from backend.app.services import ingestion_queue as queue_service
from backend.app.services import jobs as job_service
from backend.app.workers import celery_app
from backend.app.workers.celery_dispatch import BATCH_TASK_NAME, TASK_NAME, CeleryPublisher

KIND = "test.counted"


class Counted:
    """A handler that counts its runs per payload ``n`` and fails the ``n`` listed once each."""

    def __init__(self, fail_once: tuple[int, ...] = ()) -> None:
        self.fail_once = set(fail_once)
        self.runs: Counter[int] = Counter()

    async def __call__(self, session: AsyncSession, payload: dict[str, Any]) -> None:
        self.runs[payload["n"]] += 1
        if payload["n"] in self.fail_once:
            self.fail_once.discard(payload["n"])
            raise job_service.JobError("fails once")


class LoopRuntime:
    """A worker runtime whose coroutines run on the test's event loop."""

    def __init__(
        self, database: Database, handler: Counted, *, worker_id: str = "celery-1", backoff: int = 0
    ) -> None:
        registry = job_service.JobRegistry()
        registry.register(KIND, handler)
        self.runner = job_service.JobRunner(
            database, registry, worker_id=worker_id, backoff_base_seconds=backoff
        )
        self.loop = asyncio.get_running_loop()
        self.unreachable = 0  # the next calls that fail as if the database were down

    def call(self, coroutine: Coroutine[Any, Any, Any]) -> Any:
        if self.unreachable:
            self.unreachable -= 1
            coroutine.close()
            raise OSError("connection refused")
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result()

    def seconds_until_due(self, job_id: int) -> float:
        return float(self.call(queue_service.seconds_until_due(self.runner.database, job_id)))


@pytest.fixture
def celery(app: FastAPI) -> Celery:
    settings = app.state.settings.model_copy(
        update={"redis_url": "memory://", "celery_queue": f"test-{uuid.uuid4().hex[:8]}"}
    )
    return celery_app.make_celery(settings)


async def _enqueue(database: Database, *numbers: int) -> list[int]:
    async with database.session_scope() as session:
        jobs = [await job_service.enqueue(session, kind=KIND, payload={"n": n}) for n in numbers]
        return [job.id for job in jobs if job is not None]


async def _deliver(
    celery: Celery, runtime: LoopRuntime, name: str, arg: Any, retries: int = 0
) -> Any:
    """Run one message's task as a worker would (eagerly, off the event loop)."""
    previous, celery_app._runtime = celery_app._runtime, runtime  # type: ignore[assignment]
    try:
        result = await asyncio.to_thread(celery.tasks[name].apply, args=[arg], retries=retries)
    finally:
        celery_app._runtime = previous
    return result.get(disable_sync_subtasks=False)


def _sent(celery: Celery) -> list[tuple[str, Any, dict[str, Any]]]:
    """The messages waiting in the broker queue: (task, first argument, headers)."""
    messages = []
    with celery.connection_for_read() as connection:
        queue = connection.SimpleQueue(celery.conf.task_default_queue)
        while queue.qsize():
            message = queue.get(timeout=1)
            message.ack()
            messages.append((message.headers["task"], message.payload[0][0], message.headers))
        queue.close()
    return messages


async def test_batch_message_runs_each_job_once_when_delivered_twice(
    app: FastAPI, celery: Celery
) -> None:
    handler = Counted()
    runtime = LoopRuntime(app.state.database, handler)
    ids = await _enqueue(app.state.database, 1, 2, 3)

    assert await _deliver(celery, runtime, BATCH_TASK_NAME, ids) == {"succeeded": 3}
    assert await _deliver(celery, runtime, BATCH_TASK_NAME, ids) == {}  # redelivered

    assert handler.runs == {1: 1, 2: 1, 3: 1}
    assert _sent(celery) == []


async def test_jobs_held_elsewhere_are_skipped_when_a_batch_arrives(
    app: FastAPI, celery: Celery
) -> None:
    handler = Counted()
    runtime = LoopRuntime(app.state.database, handler)
    other = LoopRuntime(app.state.database, handler, worker_id="celery-2")
    ids = await _enqueue(app.state.database, 1, 2, 3)
    assert await other.runner.claim_ids([ids[1]]) == [ids[1]]  # another worker runs it now

    assert await _deliver(celery, runtime, BATCH_TASK_NAME, ids) == {"succeeded": 2}

    assert handler.runs == {1: 1, 3: 1}
    assert await other.runner.run_claimed(ids[1]) == "succeeded"
    assert handler.runs == {1: 1, 2: 1, 3: 1}


async def test_only_the_failed_job_is_published_again_when_one_of_a_batch_asks_for_a_retry(
    app: FastAPI, celery: Celery
) -> None:
    handler = Counted(fail_once=(2,))
    runtime = LoopRuntime(app.state.database, handler, backoff=60)
    ids = await _enqueue(app.state.database, 1, 2, 3)

    assert await _deliver(celery, runtime, BATCH_TASK_NAME, ids) == {"succeeded": 2, "retry": 1}

    [(task, arg, headers)] = _sent(celery)
    assert (task, arg, headers["retries"]) == (BATCH_TASK_NAME, [ids[1]], 1)
    async with app.state.database.session_scope() as session:
        job = await job_repository.get(session, ids[1])
        assert job is not None
        # Published for when the retry is due; then time passes.
        assert abs((datetime.fromisoformat(headers["eta"]) - job.run_at).total_seconds()) < 2
        job.run_at = datetime.now(UTC)
    assert await _deliver(celery, runtime, task, arg, retries=1) == {"succeeded": 1}
    assert handler.runs == {1: 1, 2: 2, 3: 1}
    assert _sent(celery) == []


async def test_retry_left_to_the_sweeper_when_the_broker_retries_are_spent(
    app: FastAPI, celery: Celery
) -> None:
    handler = Counted(fail_once=(1,))
    runtime = LoopRuntime(app.state.database, handler)
    [job_id] = await _enqueue(app.state.database, 1)
    spent = celery.tasks[BATCH_TASK_NAME].max_retries

    outcome = await _deliver(celery, runtime, BATCH_TASK_NAME, [job_id], retries=spent)

    assert outcome == {"retry": 1}
    assert _sent(celery) == []
    async with app.state.database.session_scope() as session:
        job = await job_repository.get(session, job_id)
        assert job is not None and job.status == JobStatus.QUEUED  # the sweeper's to find


async def test_single_id_message_from_an_earlier_release_still_runs_once(
    app: FastAPI, celery: Celery
) -> None:
    handler = Counted()
    runtime = LoopRuntime(app.state.database, handler)
    [job_id] = await _enqueue(app.state.database, 1)

    assert await _deliver(celery, runtime, TASK_NAME, job_id) == {"succeeded": 1}
    assert await _deliver(celery, runtime, TASK_NAME, job_id) == {}

    assert handler.runs == {1: 1}


async def test_whole_message_retried_when_the_database_is_unreachable(
    app: FastAPI, celery: Celery
) -> None:
    handler = Counted()
    runtime = LoopRuntime(app.state.database, handler)
    ids = await _enqueue(app.state.database, 1, 2)
    runtime.unreachable = 1

    # Eagerly, Celery runs the retry at once instead of after its countdown.
    assert await _deliver(celery, runtime, BATCH_TASK_NAME, ids) == {"succeeded": 2}

    assert handler.runs == {1: 1, 2: 1}


def test_ids_published_in_messages_of_the_batch_size(celery: Celery) -> None:
    publisher = CeleryPublisher(celery, queue_name=celery.conf.task_default_queue, buffer=100)
    publisher.batch_size = 4

    publisher.publish_now(list(range(1, 11)), via="commit")
    publisher.publish_soon([11, 12])
    publisher.publish_soon(list(range(13, 19)))
    publisher.stop()

    sent = _sent(celery)
    assert {task for task, _, _ in sent} == {BATCH_TASK_NAME}
    assert [arg for _, arg, _ in sent[:3]] == [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10]]
    later = [arg for _, arg, _ in sent[3:]]
    assert all(len(ids) <= 4 for ids in later)
    assert [i for ids in later for i in ids] == list(range(11, 19))
