"""The Teams bot's tables: conversation references, processed activities, alert cards, links."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.app.models.base import Base, Timestamps, UUIDPrimaryKey, utcnow


class BotConversation(UUIDPrimaryKey, Timestamps, Base):
    """Where the bot may speak later: a personal chat, a group chat or a channel."""

    __tablename__ = "bot_conversation"

    conversation_id: Mapped[str] = mapped_column(String(256), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # personal | groupChat | channel
    service_url: Mapped[str] = mapped_column(String(512))
    tenant_id: Mapped[str | None] = mapped_column(String(64))
    team_id: Mapped[str | None] = mapped_column(String(256))
    channel_id: Mapped[str | None] = mapped_column(String(256))
    user_aad_object_id: Mapped[str | None] = mapped_column(String(64), index=True)
    locale: Mapped[str | None] = mapped_column(String(16))
    is_alert_channel: Mapped[bool] = mapped_column(default=False, index=True)
    reference: Mapped[dict[str, Any]] = mapped_column(default=dict)  # a ConversationReference


class BotProcessedActivity(Base):
    """An inbound activity already handled: Teams redelivers the same id after ~15 s."""

    __tablename__ = "bot_processed_activity"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class BotAlertCard(UUIDPrimaryKey, Base):
    """The message that shows an alert's card in one conversation, so it can be updated."""

    __tablename__ = "bot_alert_card"
    __table_args__ = (UniqueConstraint("alert_id", "conversation_id"),)

    alert_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("compliance_alert.id", ondelete="CASCADE"), index=True
    )
    conversation_id: Mapped[str] = mapped_column(String(256))
    activity_id: Mapped[str] = mapped_column(String(256))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class BotLinkCode(UUIDPrimaryKey, Base):
    """A one-time code shown in the web UI that links a Teams user to this CRM user."""

    __tablename__ = "bot_link_code"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class BotUserLink(UUIDPrimaryKey, Base):
    """A Teams user (Entra object id) linked to a CRM user by a redeemed code."""

    __tablename__ = "bot_user_link"

    aad_object_id: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
