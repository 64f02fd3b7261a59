"""The sweeper republishes what the broker lost; the publisher never blocks a commit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import FastAPI

from backend.app.models import Job
from backend.app.services import jobs as job_service
from backend.app.workers.celery_dispatch import CeleryPublisher, QueueSweeper


class RecordingPublisher:
    def __init__(self, depth: int = 0) -> None:
        self.depth = depth
        self.published: list[int] = []

    def broker_depth(self) -> int:
        return self.depth

    def publish_now(self, job_ids: list[int], *, via: str = "sweeper") -> None:
        self.published.extend(job_ids)


async def _jobs(app: FastAPI) -> tuple[int, int, int]:
    """A job due long ago, one whose worker died (lease expired), one just enqueued."""
    long_ago = datetime.now(UTC) - timedelta(minutes=5)
    async with app.state.database.session_scope() as session:
        lost = await job_service.enqueue(session, kind="jobs.cleanup", payload={}, run_at=long_ago)
        dead_worker = await job_service.enqueue(session, kind="jobs.cleanup", payload={})
        fresh = await job_service.enqueue(session, kind="jobs.cleanup", payload={})
        assert lost and dead_worker and fresh
        dead_worker.status = "running"
        dead_worker.locked_by = "killed-worker"
        dead_worker.locked_until = long_ago
        return lost.id, dead_worker.id, fresh.id


async def test_lost_and_abandoned_jobs_republished_when_sweeping(app: FastAPI) -> None:
    lost, abandoned, fresh = await _jobs(app)
    publisher = RecordingPublisher()
    sweeper = QueueSweeper(
        app.state.database,
        publisher,
        interval=1,
        grace=60,
        batch=100,
    )

    assert await sweeper.sweep() == 2

    assert sorted(publisher.published) == sorted([lost, abandoned])
    assert fresh not in publisher.published


async def test_nothing_republished_when_the_broker_holds_a_backlog(app: FastAPI) -> None:
    await _jobs(app)
    publisher = RecordingPublisher(depth=100)
    sweeper = QueueSweeper(
        app.state.database,
        publisher,
        interval=1,
        grace=60,
        batch=100,
    )

    assert await sweeper.sweep() == 0
    assert publisher.published == []


class BrokenCelery:
    """A broker that is down: every publish fails."""

    def __init__(self) -> None:
        self.attempts = 0

    def producer_or_acquire(self) -> Any:
        self.attempts += 1
        raise ConnectionError("redis is down")


def test_commit_side_never_blocks_when_the_broker_is_down_or_the_buffer_full() -> None:
    celery = BrokenCelery()
    publisher = CeleryPublisher(celery, queue_name="q", buffer=3)

    publisher.publish_soon(list(range(10)))  # returns at once; the overflow is the sweeper's
    publisher.stop()

    assert publisher._thread is not None and not publisher._thread.is_alive()
    assert celery.attempts >= 1


async def test_job_ids_published_after_commit_when_the_backend_is_celery(app: FastAPI) -> None:
    from backend.app.db import Database
    from backend.app.main import _wake_workers_after_commit

    published: list[list[int]] = []

    class Collector(CeleryPublisher):
        def publish_soon(self, job_ids: list[int]) -> None:
            published.append(list(job_ids))

    database = Database(app.state.settings.database_url)
    collector = Collector(BrokenCelery(), queue_name="q", buffer=1)
    _wake_workers_after_commit(database, app.state.worker_pool, collector)
    try:
        async with database.session_scope() as session:
            job = await job_service.enqueue(session, kind="jobs.cleanup", payload={})
            assert job is not None
            assert published == []  # not before the commit
        with_rollback: list[int] = []
        try:
            async with database.session_scope() as session:
                rolled = await job_service.enqueue(session, kind="jobs.cleanup", payload={})
                assert rolled is not None
                with_rollback.append(rolled.id)
                raise RuntimeError("the use case failed")
        except RuntimeError:
            pass
    finally:
        await database.dispose()

    assert published == [[job.id]]
    async with app.state.database.session_scope() as session:
        assert await session.get(Job, with_rollback[0]) is None
