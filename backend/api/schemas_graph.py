"""The ingestion's operational view: queue, subscriptions and dead letters."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict


class SubscriptionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    resource: str
    subscription_id: str | None
    status: str
    include_resource_data: bool
    certificate_id: str | None
    expires_at: datetime | None
    last_renewed_at: datetime | None
    last_error: str | None


class IngestionStatusRead(BaseModel):
    queue_backend: str
    jobs: dict[str, int]
    oldest_age_seconds: float
    subscriptions: list[SubscriptionRead]


class DeadLetterRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    kind: str
    status: str
    attempts: int
    max_attempts: int
    last_error: str | None
    payload_keys: list[str]
    created_at: datetime
    finished_at: datetime | None

    @classmethod
    def from_job(cls, job: Any) -> DeadLetterRead:
        # Payloads may hold message text: only their shape is shown.
        return cls.model_validate({**_columns(job), "payload_keys": sorted(job.payload)})


def _columns(job: Any) -> dict[str, Any]:
    names = ("id", "kind", "status", "attempts", "max_attempts", "last_error")
    return {n: getattr(job, n) for n in (*names, "created_at", "finished_at")}
