"""Microsoft Graph ingestion state: subscriptions and per-conversation delta cursors."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.app.models.base import Base, Timestamps, UUIDPrimaryKey


class SubscriptionStatus(StrEnum):
    ACTIVE = "active"
    PENDING = "pending"  # not created yet, or removed by Graph: the manager (re)creates it
    FAILED = "failed"  # Graph refused it; retried by the manager, reason in last_error


class GraphSubscription(UUIDPrimaryKey, Timestamps, Base):
    """One Graph change-notification subscription per configured resource."""

    __tablename__ = "graph_subscription"

    resource: Mapped[str] = mapped_column(String(400), unique=True)
    subscription_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(16), default=SubscriptionStatus.PENDING)
    change_type: Mapped[str] = mapped_column(String(64), default="created,updated")
    include_resource_data: Mapped[bool] = mapped_column(default=True)
    certificate_id: Mapped[str | None] = mapped_column(String(128))
    expires_at: Mapped[datetime | None]
    last_renewed_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)


class GraphDeltaCursor(UUIDPrimaryKey, Timestamps, Base):
    """Where the catch-up of one channel stands: the page in flight or the stored delta link."""

    __tablename__ = "graph_delta_cursor"
    __table_args__ = (UniqueConstraint("team_id", "channel_id"),)

    team_id: Mapped[str] = mapped_column(String(100))
    channel_id: Mapped[str] = mapped_column(String(200))
    # The next page of a sync that has not reached its end (a crash resumes from here).
    next_link: Mapped[str | None] = mapped_column(Text)
    # The link that returns only what changed since the last complete sync.
    delta_link: Mapped[str | None] = mapped_column(Text)
    last_synced_at: Mapped[datetime | None]
    messages_seen: Mapped[int] = mapped_column(default=0)
