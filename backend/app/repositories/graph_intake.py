"""SQL for the webhook's hot path: many jobs in one statement, duplicates skipped."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.models import Job, JobStatus
from backend.app.repositories.upsert import insert_for


async def insert_jobs(
    session: AsyncSession, rows: list[dict[str, Any]], *, now: datetime, max_attempts: int
) -> list[int]:
    """Insert queued jobs (``kind``, ``payload``, ``dedupe_key``); return the new ids.

    One INSERT ... ON CONFLICT (dedupe_key) DO NOTHING RETURNING id, instead of a savepoint
    and an insert per job: a webhook batch is one round trip.
    """
    if not rows:
        return []
    values = [
        {
            "kind": row["kind"],
            "payload": row["payload"],
            "dedupe_key": row["dedupe_key"],
            "status": JobStatus.QUEUED.value,
            "attempts": 0,
            "max_attempts": max_attempts,
            "run_at": now,
            "created_at": now,
        }
        for row in rows
    ]
    # Parameters given apart from the statement: SQLAlchemy compiles it once and caches it
    # (a ``.values(rows)`` statement was compiled again on every request), then sends the
    # rows in one INSERT ... VALUES (...), (...) ("insertmanyvalues").
    statement = (
        insert_for(session, Job.__table__)
        .on_conflict_do_nothing(index_elements=[Job.dedupe_key])
        .returning(Job.id)
    )
    result = await session.execute(statement, values)
    return list(result.scalars().all())
