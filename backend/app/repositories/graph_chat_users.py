"""SQL for the chat catch-up: the tenant users whose chats are swept, and their windows."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import or_, select, union, update
from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.models import BotUserLink, GraphChatUser, User
from backend.app.repositories.upsert import insert_for


async def get_for_update(session: AsyncSession, aad_object_id: str) -> GraphChatUser | None:
    query = (
        select(GraphChatUser).where(GraphChatUser.aad_object_id == aad_object_id).with_for_update()
    )
    return await session.scalar(query)


async def insert_missing(session: AsyncSession, aad_object_ids: Iterable[str]) -> None:
    """Remember these users (one statement; those already known are left as they are)."""
    now = datetime.now(UTC)
    rows = [
        {
            "id": uuid.uuid4(),
            "aad_object_id": object_id,
            "messages_seen": 0,
            "created_at": now,
            "updated_at": now,
        }
        for object_id in dict.fromkeys(aad_object_ids)
    ]
    if rows:
        statement = insert_for(session, GraphChatUser).values(rows)
        await session.execute(statement.on_conflict_do_nothing())


async def is_known(session: AsyncSession, aad_object_id: str) -> bool:
    # A plain read: no row lock on the ingestion's hot path.
    query = select(GraphChatUser.id).where(GraphChatUser.aad_object_id == aad_object_id)
    return await session.scalar(query) is not None


async def crm_and_bot_user_ids(session: AsyncSession) -> list[str]:
    """Entra object ids the product holds: active CRM users and Teams users linked to them."""
    crm = select(User.entra_object_id.label("object_id")).where(
        User.entra_object_id.is_not(None), User.is_active.is_(True)
    )
    linked = select(BotUserLink.aad_object_id.label("object_id"))
    return [str(object_id) for object_id in await session.scalars(union(crm, linked))]


async def request_sweep(session: AsyncSession, until: datetime) -> list[GraphChatUser]:
    """Ask every user still known to Graph to be swept up to ``until``; return those users."""
    await session.execute(
        update(GraphChatUser)
        .where(
            GraphChatUser.gone_at.is_(None),
            or_(GraphChatUser.requested_until.is_(None), GraphChatUser.requested_until < until),
        )
        .values(requested_until=until)
        .execution_options(synchronize_session=False)
    )
    query = (
        select(GraphChatUser)
        .where(GraphChatUser.gone_at.is_(None))
        .order_by(GraphChatUser.aad_object_id)
        .execution_options(populate_existing=True)
    )
    return list(await session.scalars(query))
