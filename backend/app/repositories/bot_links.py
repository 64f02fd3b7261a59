"""SQL for Teams-to-CRM user links and the one-time codes that create them."""

from __future__ import annotations

import uuid

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.models import BotLinkCode, BotUserLink, User


async def code_by_hash(session: AsyncSession, code_hash: str) -> BotLinkCode | None:
    return await session.scalar(
        select(BotLinkCode).where(BotLinkCode.code_hash == code_hash).with_for_update()
    )


async def user_behind(session: AsyncSession, aad_object_id: str) -> User | None:
    """The user a redeemed link names, else the one signed in with this Entra id: one query."""
    linked = select(BotUserLink.user_id).where(BotUserLink.aad_object_id == aad_object_id)
    signed_in = select(User.id).where(User.entra_object_id == aad_object_id).limit(1)
    chosen = func.coalesce(linked.scalar_subquery(), signed_in.scalar_subquery())
    return await session.scalar(select(User).where(User.id == chosen))


async def drop_unused_codes(session: AsyncSession, user_id: uuid.UUID) -> None:
    await session.execute(
        delete(BotLinkCode).where(BotLinkCode.user_id == user_id, BotLinkCode.used_at.is_(None))
    )


async def unlink(session: AsyncSession, *, aad_object_id: str, user_id: uuid.UUID) -> None:
    await session.execute(
        delete(BotUserLink).where(
            (BotUserLink.aad_object_id == aad_object_id) | (BotUserLink.user_id == user_id)
        )
    )


def add(session: AsyncSession, row: BotLinkCode | BotUserLink) -> None:
    session.add(row)
