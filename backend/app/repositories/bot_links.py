"""SQL for Teams-to-CRM user links and the one-time codes that create them."""

from __future__ import annotations

import uuid

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.models import BotLinkCode, BotUserLink


async def code_by_hash(session: AsyncSession, code_hash: str) -> BotLinkCode | None:
    return await session.scalar(
        select(BotLinkCode).where(BotLinkCode.code_hash == code_hash).with_for_update()
    )


async def link_for(session: AsyncSession, aad_object_id: str) -> BotUserLink | None:
    return await session.scalar(
        select(BotUserLink).where(BotUserLink.aad_object_id == aad_object_id)
    )


async def unlink(session: AsyncSession, *, aad_object_id: str, user_id: uuid.UUID) -> None:
    await session.execute(
        delete(BotUserLink).where(
            (BotUserLink.aad_object_id == aad_object_id) | (BotUserLink.user_id == user_id)
        )
    )


def add(session: AsyncSession, row: BotLinkCode | BotUserLink) -> None:
    session.add(row)
