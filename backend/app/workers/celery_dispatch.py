"""The Celery side of the app process: publish job ids after commit, sweep lost ones.

The jobs table stays the truth. The broker only carries ids, a few per message (the ids of
one commit, or of the commits that waited together): a publish that fails, a message the
broker loses, a worker killed with the message unacknowledged, all leave jobs that are due
and unclaimed (or whose lease expired), and the sweeper publishes them again. Consumers
claim by id under a lease, so an id delivered twice runs once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import threading
from collections.abc import Iterator
from datetime import timedelta
from typing import Any, Protocol

from backend.app.db import Database
from backend.app.metrics import QUEUE_PUBLISHED
from backend.app.services import ingestion_queue as queue_service

log = logging.getLogger("nova.workers.celery")

BATCH_TASK_NAME = "nova.run_jobs"  # args: [[job_id, ...]]
TASK_NAME = "nova.run_job"  # args: [job_id]; still consumed, no longer published
_MAX_IDS_PER_SEND = 500  # what the publisher thread sends under one producer


class BrokerPublisher(Protocol):
    """What the sweeper needs from the broker side."""

    def broker_depth(self) -> int: ...

    def publish_now(self, job_ids: list[int], *, via: str = "sweeper") -> None: ...


def chunked(job_ids: list[int], size: int) -> Iterator[list[int]]:
    """``job_ids`` in lists of at most ``size``, in order."""
    for start in range(0, len(job_ids), size):
        yield job_ids[start : start + size]


class CeleryPublisher:
    """Sends job ids to the broker from one thread, so commits never wait on Redis.

    One message carries up to ``batch_size`` ids: a worker claims and runs them in one
    transaction, and the app's thread makes one broker call per message, not per job.
    """

    def __init__(self, celery: Any, *, queue_name: str, buffer: int, batch_size: int = 10) -> None:
        self.celery = celery
        self.queue_name = queue_name
        self.batch_size = batch_size
        # The buffer holds messages; bounding them by ``buffer // batch_size`` bounds the ids.
        self._batches: queue.Queue[list[int] | None] = queue.Queue(
            maxsize=max(1, buffer // batch_size)
        )
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def publish_soon(self, job_ids: list[int]) -> None:
        """Hand ids to the publisher thread; when its buffer is full the sweeper catches up."""
        self._ensure_thread()
        for batch in chunked(job_ids, self.batch_size):
            try:
                self._batches.put_nowait(batch)
            except queue.Full:
                QUEUE_PUBLISHED.labels(via="overflow").inc()
                return

    def publish_now(self, job_ids: list[int], *, via: str = "sweeper") -> None:
        """Send ids synchronously, ``batch_size`` per message (blocking: call it from a thread)."""
        with self.celery.producer_or_acquire() as producer:
            for batch in chunked(job_ids, self.batch_size):
                self.celery.send_task(
                    BATCH_TASK_NAME, args=[batch], queue=self.queue_name, producer=producer
                )
        QUEUE_PUBLISHED.labels(via=via).inc(len(job_ids))

    def broker_depth(self) -> int:
        """Job ids waiting in the broker, at most: messages (Redis list length) × batch size."""
        with self.celery.connection_for_write() as connection:
            client = connection.default_channel.client
            return int(client.llen(self.queue_name)) * self.batch_size

    def _ensure_thread(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="nova-celery-publisher", daemon=True
                )
                self._thread.start()

    def _next_ids(self) -> tuple[list[int], bool]:
        """Wait for ids; take what else is waiting too (commits that queued while we sent)."""
        ids: list[int] = []
        batch = self._batches.get()
        while batch is not None:
            ids.extend(batch)
            if len(ids) >= _MAX_IDS_PER_SEND:
                break
            try:
                batch = self._batches.get_nowait()
            except queue.Empty:
                break
        return ids, batch is None

    def _run(self) -> None:
        while True:
            ids, stop = self._next_ids()
            if ids:
                try:
                    self.publish_now(ids, via="commit")
                except Exception:
                    # The jobs are committed; the sweeper republishes them once Redis is back.
                    log.exception("publishing job ids failed", extra={"count": len(ids)})
            if stop:
                return

    def stop(self, timeout: float = 5.0) -> None:
        thread = self._thread
        if thread is None or not thread.is_alive():
            return
        with contextlib.suppress(queue.Full):
            self._batches.put(None, timeout=timeout)
        thread.join(timeout)


class QueueSweeper:
    """Periodically republishes jobs that are due but were never run (lost ids, dead workers)."""

    def __init__(
        self,
        database: Database,
        publisher: BrokerPublisher,
        *,
        interval: float,
        grace: float,
        batch: int,
    ) -> None:
        self.database = database
        self.publisher = publisher
        self.interval = interval
        self.grace = timedelta(seconds=grace)
        self.batch = batch
        self._task: asyncio.Task[None] | None = None
        self._stopped = asyncio.Event()

    async def sweep(self) -> int:
        """One pass; return how many ids were republished."""
        # A long broker queue is a backlog, not a loss: do not pile duplicates on it.
        if await asyncio.to_thread(self.publisher.broker_depth) >= self.batch:
            return 0
        async with self.database.session_scope() as session:
            ids = await queue_service.lost_job_ids(session, grace=self.grace, limit=self.batch)
        if ids:
            await asyncio.to_thread(self.publisher.publish_now, ids)
            log.warning("sweeper republished job ids", extra={"count": len(ids)})
        return len(ids)

    async def start(self) -> None:
        self._stopped.clear()
        self._task = asyncio.create_task(self._loop(), name="nova-queue-sweeper")

    async def stop(self) -> None:
        self._stopped.set()
        if self._task is not None:
            await self._task
            self._task = None

    async def _loop(self) -> None:
        while not self._stopped.is_set():
            try:
                await self.sweep()
            except Exception:
                log.exception("queue sweep failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopped.wait(), timeout=self.interval)
