"""Compliance hub shapes: scans, alerts, actions, reveals, policies, stats, retention."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from backend.app.models import ScanSource

MAX_SCAN_CHARS = 262_144


class ScanContextIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    tenant_id: str | None = Field(default=None, max_length=64)
    team_id: str | None = Field(default=None, max_length=256)
    channel_id: str | None = Field(default=None, max_length=256)
    chat_id: str | None = Field(default=None, max_length=256)
    author_id: str | None = Field(default=None, max_length=64, description="Entra object id")
    author_name: str | None = Field(default=None, max_length=200)
    message_id: str | None = Field(default=None, max_length=256)
    edited_at: str | None = Field(default=None, max_length=64)
    message_at: datetime | None = None
    link: str | None = Field(default=None, max_length=2048)


class ScanRequest(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_SCAN_CHARS)
    source: ScanSource = ScanSource.API
    context: ScanContextIn = Field(default_factory=ScanContextIn)


class FindingRead(BaseModel):
    detector: str
    category: str
    type: str
    subtype: str | None = None
    start: int
    end: int
    score: float
    severity: str
    explanation: dict[str, Any]


class ScanResponse(BaseModel):
    scan_id: uuid.UUID
    decision: str
    categories: list[str]
    findings: list[FindingRead]
    redacted_text: str
    truncated: bool
    alert_id: uuid.UUID | None
    duplicate: bool
    suppressed: bool
    policy: str
    policy_version: int


class AlertRead(BaseModel):
    id: uuid.UUID
    status: str
    severity: str
    category: str
    categories: list[str]
    detectors: list[str]
    source: str
    policy_id: uuid.UUID | None
    policy_name: str
    policy_version: int
    author_pseudonym: str | None
    occurrences: int
    redacted_excerpt: str
    link: str | None
    assignee_id: uuid.UUID | None
    tags: list[str]
    created_at: datetime
    updated_at: datetime
    first_seen_at: datetime
    last_seen_at: datetime
    acknowledged_at: datetime | None
    closed_at: datetime | None
    resolution_reason: str | None
    seconds_to_acknowledge: float | None
    seconds_to_resolve: float | None
    version: int


class AlertEventRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    action: str
    actor_id: str | None
    actor_label: str
    from_status: str | None
    to_status: str | None
    comment: str | None
    details: dict[str, Any]
    created_at: datetime


class RevealRequestRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    target: str
    reason: str
    status: str
    requested_by_id: uuid.UUID | None
    decided_by_id: uuid.UUID | None
    created_at: datetime
    decided_at: datetime | None
    used_at: datetime | None


class AlertDetailRead(AlertRead):
    findings: list[FindingRead]
    assignee: str | None
    history: list[AlertEventRead]
    reveal_requests: list[RevealRequestRead]
    four_eyes: bool


class AlertActionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Literal[
        "acknowledge", "assign", "escalate", "resolve", "dismiss", "reopen", "comment", "tag"
    ]
    comment: str | None = Field(default=None, max_length=4000)
    reason: str | None = Field(default=None, max_length=64)
    assignee_id: uuid.UUID | Literal["me"] | None = None
    tags: list[str] = Field(default_factory=list, max_length=20)
    remove_tags: list[str] = Field(default_factory=list, max_length=20)


class RevealIn(BaseModel):
    target: Literal["excerpt", "identity"]
    reason: str | None = Field(default=None, max_length=2000)


class RevealDecisionIn(BaseModel):
    approve: bool
    comment: str | None = Field(default=None, max_length=2000)


class RevealResponse(BaseModel):
    request: RevealRequestRead
    content: dict[str, Any] | None


class PolicyBase(BaseModel):
    description: str = Field(default="", max_length=2000)
    is_active: bool = True
    priority: int = Field(default=100, ge=0, le=10_000)
    scope: dict[str, list[str]] = Field(default_factory=dict)
    document: dict[str, Any] = Field(default_factory=dict)
    alert_min_decision: Literal["allow", "warn", "redact", "block"] = "warn"
    four_eyes_reveal: bool = False
    suppressions: dict[str, list[str]] = Field(default_factory=dict)
    include_crm_company_names: bool = False


class PolicyCreate(PolicyBase):
    name: str = Field(min_length=1, max_length=120)


class PolicyUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, min_length=1, max_length=120)
    description: str | None = Field(default=None, max_length=2000)
    is_active: bool | None = None
    priority: int | None = Field(default=None, ge=0, le=10_000)
    scope: dict[str, list[str]] | None = None
    document: dict[str, Any] | None = None
    alert_min_decision: Literal["allow", "warn", "redact", "block"] | None = None
    four_eyes_reveal: bool | None = None
    suppressions: dict[str, list[str]] | None = None
    include_crm_company_names: bool | None = None


class PolicyRead(PolicyCreate):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    version: int
    created_at: datetime
    updated_at: datetime


class PolicyVersionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    version: int
    snapshot: dict[str, Any]
    created_at: datetime
    created_by_id: uuid.UUID | None


class DryRunIn(BaseModel):
    document: dict[str, Any]
    text: str | None = Field(default=None, max_length=MAX_SCAN_CHARS)
    days: int | None = Field(default=None, ge=1, le=365)


class DryRunItem(BaseModel):
    scan_id: uuid.UUID | None
    decision: str
    categories: list[str]
    findings: list[FindingRead]
    redacted_text: str


class DryRunOut(BaseModel):
    items: list[DryRunItem]


class StatsRead(BaseModel):
    since: datetime
    until: datetime
    total: int
    by_day: list[dict[str, Any]]
    by_category: dict[str, int]
    by_severity: dict[str, int]
    by_status: dict[str, int]
    mean_seconds_to_acknowledge: float | None
    mean_seconds_to_resolve: float | None


class RetentionRead(BaseModel):
    evidence_days: dict[str, int]
    closed_alert_days: dict[str, int]


class RetentionUpdate(BaseModel):
    evidence_days: dict[str, int] = Field(default_factory=dict)
    closed_alert_days: dict[str, int] = Field(default_factory=dict)


class CoachingRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    source: str
    policy_name: str
    redacted_excerpt: str
    decision: str
    created_at: datetime
    false_positive_reported_at: datetime | None
