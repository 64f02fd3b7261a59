"""The HTTP contract of activities and timelines."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from backend.api.schemas_common import Page
from backend.api.schemas_crm import ComplianceReport, RecordMeta

ActivityType = Literal["note", "call", "meeting", "task"]


class ActivityCreate(BaseModel):
    type: ActivityType
    body: str = Field(default="", max_length=20_000)
    due_at: datetime | None = None
    is_done: bool = False
    company_id: uuid.UUID | None = None
    contact_id: uuid.UUID | None = None
    deal_id: uuid.UUID | None = None


class ActivityUpdate(BaseModel):
    body: str | None = Field(default=None, max_length=20_000)
    due_at: datetime | None = None
    is_done: bool | None = None


class ActivityRead(RecordMeta):
    type: str = Field(description="note, call, meeting, task, or a timeline event")
    body: str
    details: dict[str, Any]
    compliance: ComplianceReport = Field(
        description="Secrets redacted before storage and personal data flagged in the body"
    )
    due_at: datetime | None
    is_done: bool
    company_id: uuid.UUID | None
    contact_id: uuid.UUID | None
    deal_id: uuid.UUID | None


ActivityPage = Page[ActivityRead]
