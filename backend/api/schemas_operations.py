"""DTOs for the read-only operations endpoints (queue health)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class QueueDeadLetterRead(BaseModel):
    id: int
    kind: str
    attempts: int
    max_attempts: int
    last_error: str | None
    created_at: datetime
    finished_at: datetime | None


class QueueHealthRead(BaseModel):
    counts: dict[str, int]
    depth: int
    oldest_queued_age_seconds: float
    dead_letters: list[QueueDeadLetterRead]
