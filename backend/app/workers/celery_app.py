"""Celery workers for the jobs table (started by `celery -A backend.app.workers.celery_worker`).

The broker carries job ids only, a few per message. Each task claims its jobs by id through
the same JobRunner as the in-process workers and runs them in one transaction (a savepoint
each), so the jobs table decides what runs: late acknowledgement and redelivery are safe (a
job someone holds or finished is skipped), a failed job is retried alone with the runner's
backoff, and after N attempts it is dead-lettered.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import threading
from collections import Counter
from collections.abc import Coroutine
from typing import Any

from celery import Celery, Task
from sqlalchemy.exc import SQLAlchemyError

from backend.app.config import Settings, get_settings
from backend.app.services import ingestion_queue as queue_service
from backend.app.services import jobs as job_service
from backend.app.workers.celery_dispatch import BATCH_TASK_NAME, TASK_NAME

log = logging.getLogger("nova.workers.celery")


def make_celery(settings: Settings) -> Celery:
    """A Celery app bound to the settings' broker and queue (tests use their own queue)."""
    app = Celery("nova", broker=settings.redis_url, set_as_current=False)
    app.conf.update(
        task_default_queue=settings.celery_queue,
        task_acks_late=True,  # a worker that dies mid-task leaves the message to redeliver
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,  # bounded memory: one id in hand per process
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
        broker_transport_options={"visibility_timeout": 3600},
    )
    retries = settings.celery_task_max_retries
    app.task(name=BATCH_TASK_NAME, bind=True, max_retries=retries)(run_jobs)
    app.task(name=TASK_NAME, bind=True, max_retries=retries)(run_job)  # messages from before
    return app


class WorkerRuntime:
    """The app's components in a worker process, on an event loop of their own thread."""

    def __init__(self, settings: Settings) -> None:
        from backend.app import main  # the composition root builds the same registry

        if settings.celery_worker_nice:
            os.nice(settings.celery_worker_nice)  # once per process: this runs after the fork
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()
        quiet = {"run_workers": False, "auto_migrate": False, "seed_demo_data": False}
        self.app = main.create_app(settings.model_copy(update=quiet))
        self._lifespan = self.app.router.lifespan_context(self.app)
        self.call(self._lifespan.__aenter__())
        state = self.app.state
        self.runner = job_service.JobRunner(
            state.database,
            state.job_registry,
            worker_id=f"{socket.gethostname()}-celery-{os.getpid()}"[:64],
            lease_seconds=settings.job_lease_seconds,
        )

    def call(self, coroutine: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result()

    def seconds_until_due(self, job_id: int) -> float:
        return float(self.call(queue_service.seconds_until_due(self.runner.database, job_id)))


_runtime: WorkerRuntime | None = None
_runtime_lock = threading.Lock()


def runtime() -> WorkerRuntime:
    """The process's runtime, built on first use (after the pool forked this process)."""
    global _runtime
    with _runtime_lock:
        if _runtime is None:
            _runtime = WorkerRuntime(get_settings())
        return _runtime


def run_jobs(task: Task, job_ids: list[int]) -> dict[str, int]:
    """Claim the ids a message carries, run them together; retry a failed one alone."""
    return _run(task, [int(job_id) for job_id in job_ids])


def run_job(task: Task, job_id: int) -> dict[str, int]:
    """The one-id message of earlier releases, still in a broker during an upgrade."""
    return _run(task, [int(job_id)])


def _run(task: Task, job_ids: list[int]) -> dict[str, int]:
    worker = runtime()
    try:
        outcomes: dict[int, str] = worker.call(worker.runner.claim_and_run(job_ids))
    except (SQLAlchemyError, OSError) as exc:
        # The database is unreachable: the jobs are untouched (or leased until the sweeper
        # finds them); try the whole message again later.
        delay = job_service.backoff_delay(task.request.retries + 1)
        raise task.retry(exc=exc, countdown=delay) from exc
    for job_id, outcome in outcomes.items():
        if outcome == "retry":
            _retry_alone(task, job_id, worker.seconds_until_due(job_id))
    return dict(Counter(outcomes.values()))


def _retry_alone(task: Task, job_id: int, countdown: float) -> None:
    """Publish one failed job again for when its retry is due; the others of its batch are done."""
    retries = task.request.retries + 1
    if task.max_retries is not None and retries > task.max_retries:
        # The job stays queued in the table: the sweeper publishes it once it is overdue.
        log.warning("job out of broker retries", extra={"job_id": job_id, "retries": retries})
        return
    task.app.send_task(BATCH_TASK_NAME, args=[[job_id]], countdown=countdown, retries=retries)
