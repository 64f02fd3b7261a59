"""Where the bot may speak later: conversation references, the alert channels, posted cards."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.errors import NotFound
from backend.app.models import BotAlertCard, BotConversation
from backend.app.permissions import Permission
from backend.app.repositories import bot_conversations as conversation_repository
from backend.app.services import audit as audit_service
from backend.app.services.actors import Actor


@dataclass(frozen=True)
class ConversationIn:
    conversation_id: str
    kind: str
    service_url: str
    reference: dict[str, Any]
    tenant_id: str | None = None
    team_id: str | None = None
    channel_id: str | None = None
    user_aad_object_id: str | None = None
    locale: str | None = None


async def remember(
    session: AsyncSession, *, conversation_in: ConversationIn, alert_channel_id: str | None = None
) -> BotConversation:
    """Store or refresh a conversation reference (the service URL may move)."""
    c = conversation_in
    row = await conversation_repository.get(session, c.conversation_id)
    if row is None:
        row = await conversation_repository.insert_or_get(
            session,
            BotConversation(
                id=uuid.uuid4(),
                conversation_id=c.conversation_id,
                kind=c.kind,
                service_url=c.service_url,
                reference=c.reference,
            ),
        )
    wanted = {
        "service_url": c.service_url,
        "reference": c.reference,
        "tenant_id": c.tenant_id,
        "team_id": c.team_id,
        "channel_id": c.channel_id,
        "user_aad_object_id": c.user_aad_object_id or row.user_aad_object_id,
        "locale": c.locale or row.locale,
    }
    for name, value in wanted.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
    # The settings may name the alert channel; it becomes one as soon as the bot sees it.
    if alert_channel_id and c.channel_id == alert_channel_id and c.kind == "channel":
        row.is_alert_channel = True
    await session.flush()
    return row


async def set_alert_channel(
    session: AsyncSession, *, actor: Actor, conversation_id: str, enabled: bool = True
) -> BotConversation:
    """An officer makes this channel (or stops it being) where new alerts are posted."""
    actor.require(Permission.COMPLIANCE_REVIEW)
    row = await conversation_repository.get(session, conversation_id)
    if row is None:
        raise NotFound("the bot does not know this conversation yet")
    row.is_alert_channel = enabled
    await session.flush()
    await audit_service.record(
        session,
        actor=actor,
        action="bot.alert_channel.set" if enabled else "bot.alert_channel.unset",
        target_type="bot_conversation",
        target_id=str(row.id),
        details={"channel_id": row.channel_id, "team_id": row.team_id},
    )
    return row


async def get(session: AsyncSession, *, conversation_id: str) -> BotConversation | None:
    return await conversation_repository.get(session, conversation_id)


async def alert_channels(session: AsyncSession) -> list[BotConversation]:
    return await conversation_repository.alert_channels(session)


async def personal_for(session: AsyncSession, *, aad_object_id: str) -> BotConversation | None:
    return await conversation_repository.personal_for(session, aad_object_id)


async def alert_cards(session: AsyncSession, *, alert_id: uuid.UUID) -> list[BotAlertCard]:
    return await conversation_repository.alert_cards(session, alert_id)


async def record_alert_card(
    session: AsyncSession, *, alert_id: uuid.UUID, conversation_id: str, activity_id: str
) -> BotAlertCard:
    """Remember which message shows this alert in this conversation."""
    card = BotAlertCard(alert_id=alert_id, conversation_id=conversation_id, activity_id=activity_id)
    conversation_repository.add(session, card)
    await session.flush()
    return card


async def alert_card_by_activity(
    session: AsyncSession, *, conversation_id: str, activity_id: str
) -> BotAlertCard | None:
    return await conversation_repository.alert_card_by_activity(
        session, conversation_id, activity_id
    )
