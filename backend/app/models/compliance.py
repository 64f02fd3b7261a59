"""The compliance hub's tables: policies and their versions, scans, alerts, reveals, coaching."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.app.models.base import Base, Timestamps, UUIDPrimaryKey, utcnow


class ScanSource(StrEnum):
    TEAMS_CHANNEL_MESSAGE = "teams_channel_message"
    TEAMS_CHAT_MESSAGE = "teams_chat_message"
    BOT_PROMPT = "bot_prompt"
    AI_GATEWAY = "ai_gateway"
    CRM_TEXT = "crm_text"
    API = "api"


class AlertStatus(StrEnum):
    NEW = "new"
    ACKNOWLEDGED = "acknowledged"
    ESCALATED = "escalated"
    RESOLVED = "resolved"
    DISMISSED = "dismissed"


OPEN_ALERT_STATUSES = (AlertStatus.NEW, AlertStatus.ACKNOWLEDGED, AlertStatus.ESCALATED)
CLOSED_ALERT_STATUSES = (AlertStatus.RESOLVED, AlertStatus.DISMISSED)


class CompliancePolicy(UUIDPrimaryKey, Timestamps, Base):
    """A hub policy: the engine document plus scope, alerting, privacy and suppressions."""

    __tablename__ = "compliance_policy"

    name: Mapped[str] = mapped_column(String(120), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    is_active: Mapped[bool] = mapped_column(default=True)
    priority: Mapped[int] = mapped_column(default=100)
    version: Mapped[int] = mapped_column(default=1)
    # {"sources": [...], "teams": [...], "channels": [...], "users": [...]}: empty list = any.
    scope: Mapped[dict[str, Any]] = mapped_column(default=dict)
    document: Mapped[dict[str, Any]] = mapped_column(default=dict)
    alert_min_decision: Mapped[str] = mapped_column(String(16), default="warn")
    four_eyes_reveal: Mapped[bool] = mapped_column(default=False)
    # {"channels": [...], "users": [...]}: conversations and people this policy never flags.
    suppressions: Mapped[dict[str, Any]] = mapped_column(default=dict)
    include_crm_company_names: Mapped[bool] = mapped_column(default=False)
    updated_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )


class PolicyVersion(UUIDPrimaryKey, Base):
    """An immutable snapshot of a policy at each version, so alerts can cite what fired."""

    __tablename__ = "compliance_policy_version"
    __table_args__ = (UniqueConstraint("policy_id", "version"),)

    policy_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("compliance_policy.id", ondelete="CASCADE")
    )
    version: Mapped[int]
    snapshot: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )


class Alert(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "compliance_alert"
    __table_args__ = (
        Index("ix_compliance_alert_status_created", "status", "created_at"),
        Index("ix_compliance_alert_group", "group_key", "status"),
    )

    status: Mapped[str] = mapped_column(String(16), default=AlertStatus.NEW)
    severity: Mapped[str] = mapped_column(String(16))
    category: Mapped[str] = mapped_column(String(16), index=True)
    categories: Mapped[dict[str, Any]] = mapped_column(default=dict)  # {"items": [...]}
    detectors: Mapped[dict[str, Any]] = mapped_column(default=dict)  # {"items": [...]}
    source: Mapped[str] = mapped_column(String(32), index=True)
    policy_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("compliance_policy.id", ondelete="SET NULL")
    )
    policy_name: Mapped[str] = mapped_column(String(120), default="")
    policy_version: Mapped[int] = mapped_column(default=1)
    author_pseudonym: Mapped[str | None] = mapped_column(String(32), index=True)
    author_identity_ciphertext: Mapped[bytes | None] = mapped_column(LargeBinary)
    group_key: Mapped[str | None] = mapped_column(String(64))
    occurrences: Mapped[int] = mapped_column(default=1)
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    redacted_excerpt: Mapped[str] = mapped_column(Text, default="")
    findings: Mapped[dict[str, Any]] = mapped_column(
        default=dict
    )  # {"items": [...]} of the latest scan
    link: Mapped[str | None] = mapped_column(String(2048))
    conversation_id: Mapped[str | None] = mapped_column(String(256))
    assignee_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    tags: Mapped[dict[str, Any]] = mapped_column(default=dict)  # {"items": [...]}
    acknowledged_at: Mapped[datetime | None]
    escalated_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    resolution_reason: Mapped[str | None] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(default=1)


class AlertEvent(UUIDPrimaryKey, Base):
    """One line of an alert's history: every action, who did it, and what changed."""

    __tablename__ = "compliance_alert_event"

    alert_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("compliance_alert.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(32))
    actor_id: Mapped[str | None] = mapped_column(String(64))
    actor_label: Mapped[str] = mapped_column(String(320), default="")
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str | None] = mapped_column(String(16))
    comment: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Scan(UUIDPrimaryKey, Base):
    """One scanned message. A clean scan keeps metadata only, never the text."""

    __tablename__ = "compliance_scan"
    __table_args__ = (Index("ix_compliance_scan_created", "created_at"),)

    source: Mapped[str] = mapped_column(String(32))
    idempotency_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    message_key: Mapped[str | None] = mapped_column(String(64), index=True)
    parent_scan_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("compliance_scan.id", ondelete="SET NULL")
    )
    tenant_id: Mapped[str | None] = mapped_column(String(64))
    team_id: Mapped[str | None] = mapped_column(String(256))
    channel_id: Mapped[str | None] = mapped_column(String(256))
    chat_id: Mapped[str | None] = mapped_column(String(256))
    message_id: Mapped[str | None] = mapped_column(String(256))
    author_pseudonym: Mapped[str | None] = mapped_column(String(32))
    decision: Mapped[str] = mapped_column(String(16))
    category: Mapped[str | None] = mapped_column(String(16))  # the most severe finding's
    categories: Mapped[dict[str, Any]] = mapped_column(default=dict)
    findings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    redacted_excerpt: Mapped[str | None] = mapped_column(Text)
    evidence_ciphertext: Mapped[bytes | None] = mapped_column(LargeBinary)
    policy_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("compliance_policy.id", ondelete="SET NULL")
    )
    policy_version: Mapped[int | None]
    alert_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("compliance_alert.id", ondelete="SET NULL"), index=True
    )
    scanned_chars: Mapped[int] = mapped_column(default=0)
    truncated: Mapped[bool] = mapped_column(default=False)
    link: Mapped[str | None] = mapped_column(String(2048))
    message_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class RevealRequest(UUIDPrimaryKey, Base):
    """A request to see raw evidence or an author's identity; four-eyes policies need approval."""

    __tablename__ = "compliance_reveal_request"

    alert_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("compliance_alert.id", ondelete="CASCADE"), index=True
    )
    target: Mapped[str] = mapped_column(String(16))  # "excerpt" | "identity"
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    requested_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]
    used_at: Mapped[datetime | None]


class CoachingMessage(UUIDPrimaryKey, Base):
    """What an employee was told privately about one of their messages (their own history)."""

    __tablename__ = "compliance_coaching"

    recipient_pseudonym: Mapped[str] = mapped_column(String(32), index=True)
    scan_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("compliance_scan.id", ondelete="SET NULL")
    )
    alert_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("compliance_alert.id", ondelete="SET NULL")
    )
    source: Mapped[str] = mapped_column(String(32))
    categories: Mapped[dict[str, Any]] = mapped_column(default=dict)
    policy_name: Mapped[str] = mapped_column(String(120), default="")
    redacted_excerpt: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str] = mapped_column(String(16))
    false_positive_reported_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ComplianceSetting(Base):
    """Hub-wide settings edited by admins (retention days per category)."""

    __tablename__ = "compliance_setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
