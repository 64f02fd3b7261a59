"""SQL for the bot's conversation references and the alert cards it posted."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.models import BotAlertCard, BotConversation


async def get(session: AsyncSession, conversation_id: str) -> BotConversation | None:
    return await session.scalar(
        select(BotConversation).where(BotConversation.conversation_id == conversation_id)
    )


async def insert_or_get(session: AsyncSession, row: BotConversation) -> BotConversation:
    """Insert a new conversation; when a concurrent first message won the race, return its row."""
    try:
        async with session.begin_nested():
            session.add(row)
    except IntegrityError:
        existing = await get(session, row.conversation_id)
        assert existing is not None
        return existing
    return row


async def personal_for(session: AsyncSession, aad_object_id: str) -> BotConversation | None:
    return await session.scalar(
        select(BotConversation)
        .where(
            BotConversation.kind == "personal",
            BotConversation.user_aad_object_id == aad_object_id,
        )
        .order_by(BotConversation.updated_at.desc())
        .limit(1)
    )


async def alert_channels(session: AsyncSession) -> list[BotConversation]:
    return list(
        await session.scalars(
            select(BotConversation)
            .where(BotConversation.is_alert_channel.is_(True))
            .order_by(BotConversation.created_at)
        )
    )


async def by_channel_id(session: AsyncSession, channel_id: str) -> list[BotConversation]:
    return list(
        await session.scalars(
            select(BotConversation).where(BotConversation.channel_id == channel_id)
        )
    )


async def alert_cards(session: AsyncSession, alert_id: uuid.UUID) -> list[BotAlertCard]:
    return list(
        await session.scalars(select(BotAlertCard).where(BotAlertCard.alert_id == alert_id))
    )


async def alert_card_by_activity(
    session: AsyncSession, conversation_id: str, activity_id: str
) -> BotAlertCard | None:
    return await session.scalar(
        select(BotAlertCard).where(
            BotAlertCard.conversation_id == conversation_id,
            BotAlertCard.activity_id == activity_id,
        )
    )


def add(session: AsyncSession, row: BotConversation | BotAlertCard) -> None:
    session.add(row)
