"""Operational checks: readiness, queue gauges, and the periodic housekeeping jobs."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from backend.app import migrations
from backend.app.db import Database
from backend.app.metrics import AUDIT_CHAIN_OK, QUEUE_DEPTH, QUEUE_OLDEST_AGE
from backend.app.models import Job, JobStatus
from backend.app.permissions import Permission
from backend.app.repositories import jobs as job_repository
from backend.app.services import audit as audit_service
from backend.app.services.actors import SYSTEM, Actor
from backend.app.services.jobs import JobRegistry

log = logging.getLogger("nova.operations")

FINISHED_JOB_RETENTION = timedelta(days=7)


@dataclass(frozen=True)
class Readiness:
    database: bool
    schema_revision: str | None
    expected_revision: str | None

    @property
    def ready(self) -> bool:
        return self.database and self.schema_revision == self.expected_revision

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": "ready" if self.ready else "not ready",
            "database": "ok" if self.database else "unreachable",
            "schema_revision": self.schema_revision,
            "expected_revision": self.expected_revision,
        }


async def readiness(database: Database) -> Readiness:
    expected = migrations.head_revision()
    try:
        async with database.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        current = await migrations.current_revision(database.engine)
    except (SQLAlchemyError, OSError):
        log.warning("readiness: database unreachable")
        return Readiness(database=False, schema_revision=None, expected_revision=expected)
    return Readiness(database=True, schema_revision=current, expected_revision=expected)


async def refresh_queue_gauges(database: Database, now: datetime) -> dict[str, int]:
    """Update the queue gauges from the jobs table and return the counts by status."""
    try:
        async with database.session_scope() as session:
            counts = await job_repository.counts_by_status(session)
            oldest = await job_repository.oldest_queued_run_at(session)
    except SQLAlchemyError:
        log.warning("metrics: could not read the jobs table")
        return {}
    for status in JobStatus:
        QUEUE_DEPTH.labels(status=status.value).set(counts.get(status.value, 0))
    QUEUE_OLDEST_AGE.set(max(0.0, (now - oldest).total_seconds()) if oldest else 0.0)
    return counts


@dataclass(frozen=True)
class QueueHealth:
    counts: dict[str, int]
    oldest_queued_age_seconds: float
    dead_letters: list[Job]


async def get_queue_health(
    session: AsyncSession, *, actor: Actor, now: datetime, dead_limit: int = 20
) -> QueueHealth:
    """The jobs queue at a glance: depth by status, oldest waiting job, latest dead letters."""
    actor.require(Permission.OPERATIONS_READ)
    counts = await job_repository.counts_by_status(session)
    oldest = await job_repository.oldest_queued_run_at(session)
    dead = await job_repository.list_dead(session, dead_limit)
    return QueueHealth(
        counts={status.value: counts.get(status.value, 0) for status in JobStatus},
        oldest_queued_age_seconds=max(0.0, (now - oldest).total_seconds()) if oldest else 0.0,
        dead_letters=dead,
    )


async def delete_finished_jobs(session: AsyncSession, payload: dict[str, Any]) -> None:
    """Housekeeping: drop succeeded jobs once they are a week old."""
    deleted = await job_repository.delete_finished_before(
        session, datetime.now(UTC) - FINISHED_JOB_RETENTION
    )
    log.info("finished jobs deleted", extra={"count": deleted})


async def verify_audit_chain(session: AsyncSession, payload: dict[str, Any]) -> None:
    """Nightly: verify the audit chain and expose the verdict as a gauge."""
    result = await audit_service.verify(session, actor=SYSTEM)
    AUDIT_CHAIN_OK.set(1 if result.ok else 0)
    if not result.ok:
        log.error("audit chain broken", extra={"first_broken_id": result.first_broken_id})


def register_jobs(registry: JobRegistry) -> None:
    registry.register("jobs.cleanup", delete_finished_jobs)
    registry.register("audit.verify", verify_audit_chain)
