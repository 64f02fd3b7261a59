"""SQL for Graph subscriptions and delta cursors."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.models import GraphDeltaCursor, GraphSubscription


async def list_all(session: AsyncSession) -> list[GraphSubscription]:
    query = select(GraphSubscription).order_by(GraphSubscription.resource)
    return list(await session.scalars(query))


async def get_by_resource(session: AsyncSession, resource: str) -> GraphSubscription | None:
    query = (
        select(GraphSubscription).where(GraphSubscription.resource == resource).with_for_update()
    )
    return await session.scalar(query)


async def get_by_subscription_id(
    session: AsyncSession, subscription_id: str
) -> GraphSubscription | None:
    query = (
        select(GraphSubscription)
        .where(GraphSubscription.subscription_id == subscription_id)
        .with_for_update()
    )
    return await session.scalar(query)


def add(session: AsyncSession, row: GraphSubscription | GraphDeltaCursor) -> None:
    session.add(row)


async def get_cursor(
    session: AsyncSession, team_id: str, channel_id: str
) -> GraphDeltaCursor | None:
    query = (
        select(GraphDeltaCursor)
        .where(GraphDeltaCursor.team_id == team_id, GraphDeltaCursor.channel_id == channel_id)
        .with_for_update()
    )
    return await session.scalar(query)


async def ensure_cursor(session: AsyncSession, team_id: str, channel_id: str) -> bool:
    """Remember a channel for catch-up; True when it is new."""
    # A plain read: taking the row lock here would serialise every worker on a busy channel.
    query = select(GraphDeltaCursor.id).where(
        GraphDeltaCursor.team_id == team_id, GraphDeltaCursor.channel_id == channel_id
    )
    if await session.scalar(query) is not None:
        return False
    try:
        async with session.begin_nested():
            session.add(GraphDeltaCursor(team_id=team_id, channel_id=channel_id))
    except IntegrityError:
        return False  # another worker remembered it first
    return True


async def list_cursors(session: AsyncSession) -> list[GraphDeltaCursor]:
    query = select(GraphDeltaCursor).order_by(GraphDeltaCursor.team_id, GraphDeltaCursor.channel_id)
    return list(await session.scalars(query))
