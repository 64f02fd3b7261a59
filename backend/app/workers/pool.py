"""The in-process worker pool and the periodic-job scheduler started with the app."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from backend.app.db import Database
from backend.app.services import jobs as job_service

log = logging.getLogger("nova.workers")


@dataclass(frozen=True)
class PeriodicJob:
    """A job enqueued once per ``interval_seconds`` slot, whatever the number of app instances."""

    kind: str
    interval_seconds: int
    payload: dict[str, Any] | None = None


class InProcessWorkerPool:
    """N asyncio workers that claim due jobs from the table, plus the scheduler."""

    def __init__(
        self,
        database: Database,
        runner: job_service.JobRunner,
        *,
        concurrency: int,
        poll_interval: float,
        periodic: tuple[PeriodicJob, ...] = (),
        claim_batch: int = 4,
    ) -> None:
        self.database = database
        self.runner = runner
        self.concurrency = concurrency
        # Jobs leased per claim: one claiming transaction serves several small jobs (a scan
        # is a few milliseconds), while a slow job holds back at most a few others.
        self.claim_batch = claim_batch
        self.poll_interval = poll_interval
        self.periodic = periodic
        self._wake = asyncio.Event()
        self._stopped = asyncio.Event()
        self._stopping = False
        self._tasks: list[asyncio.Task[None]] = []

    def wake(self) -> None:
        """Tell idle workers that a job was just committed."""
        self._wake.set()

    async def start(self) -> None:
        self._stopping = False
        self._stopped.clear()
        self._tasks = [
            asyncio.create_task(self._work(n), name=f"nova-worker-{n}")
            for n in range(self.concurrency)
        ]
        if self.periodic:
            self._tasks.append(asyncio.create_task(self._schedule(), name="nova-scheduler"))

    async def stop(self, grace_seconds: float = 10.0) -> None:
        """Let running jobs finish (up to ``grace_seconds``), then cancel what is left."""
        self._stopping = True
        self._stopped.set()
        self._wake.set()
        if not self._tasks:
            return
        _, pending = await asyncio.wait(self._tasks, timeout=grace_seconds)
        for task in pending:
            task.cancel()
        for task in pending:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks = []

    async def drain(self, budget_seconds: float = 30.0) -> None:
        """Run due jobs until none is left (used by the CLI and tests)."""
        deadline = time.monotonic() + budget_seconds
        while time.monotonic() < deadline:
            claimed = await self.runner.claim_due(limit=1)
            if not claimed:
                return
            await self.runner.run_claimed(claimed[0])

    async def _work(self, _n: int) -> None:
        while not self._stopping:
            try:
                claimed = await self.runner.claim_due(limit=self.claim_batch)
            except Exception:
                log.exception("claiming jobs failed")
                claimed = []
            if claimed:
                await self.runner.run_claimed_batch(claimed)
                continue
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.poll_interval)

    async def _schedule(self) -> None:
        while not self._stopping:
            try:
                await self.enqueue_periodic(datetime.now(UTC))
            except Exception:
                log.exception("scheduling periodic jobs failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopped.wait(), timeout=5.0)

    async def enqueue_periodic(self, now: datetime) -> int:
        """Enqueue each periodic job for the current slot unless an instance already did."""
        added = 0
        async with self.database.session_scope() as session:
            for periodic in self.periodic:
                slot = int(now.timestamp()) // periodic.interval_seconds
                job = await job_service.enqueue(
                    session,
                    kind=periodic.kind,
                    payload=dict(periodic.payload or {}),
                    dedupe_key=f"periodic:{periodic.kind}:{slot}",
                )
                added += job is not None
        return added
