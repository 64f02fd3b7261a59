"""Microsoft Graph ingestion state: subscriptions, channel delta cursors, chat sweep users."""

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


class GraphChatUser(UUIDPrimaryKey, Timestamps, Base):
    """A tenant user whose chats the catch-up sweeps, and where that user's sweep stands.

    Graph has no delta query for chat messages: a user's chats are read through the export
    API with a time window (ADR-0013). The window runs from ``swept_until`` to the end a
    catch-up asked for; its pages are fetched one per job, the next link stored here.
    """

    __tablename__ = "graph_chat_user"

    aad_object_id: Mapped[str] = mapped_column(String(64), unique=True)
    # Chats are known complete up to here for this user: the end of the last finished window.
    swept_until: Mapped[datetime | None]
    # The latest end a catch-up asked for; a new window starts when none is in flight.
    requested_until: Mapped[datetime | None]
    # The window being paged (its end) and its next page: a crash resumes from here.
    window_end: Mapped[datetime | None]
    next_link: Mapped[str | None] = mapped_column(Text)
    messages_seen: Mapped[int] = mapped_column(default=0)
    # Graph does not know this user (deleted, or from another tenant): no longer swept.
    gone_at: Mapped[datetime | None]
