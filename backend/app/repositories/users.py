"""SQL for users and teams (no commits: the caller's transaction decides)."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.models import RefreshToken, Team, User


async def get(session: AsyncSession, user_id: uuid.UUID) -> User | None:
    return await session.get(User, user_id)


async def get_with_live_session(
    session: AsyncSession, user_id: uuid.UUID, session_id: uuid.UUID
) -> User | None:
    """The active user, provided the sign-in session (refresh-token family) is not revoked."""
    live = (
        select(RefreshToken.id)
        .where(RefreshToken.family_id == session_id, RefreshToken.revoked_at.is_(None))
        .exists()
    )
    query = select(User).where(User.id == user_id, User.is_active.is_(True), live)
    return await session.scalar(query)


async def get_by_email(session: AsyncSession, email: str) -> User | None:
    return await session.scalar(select(User).where(User.email == email.lower()))


async def get_by_entra_object_id(session: AsyncSession, object_id: str) -> User | None:
    return await session.scalar(select(User).where(User.entra_object_id == object_id))


async def count(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(User)) or 0)


async def list_page(
    session: AsyncSession, *, limit: int, after_email: str | None, role: str | None
) -> list[User]:
    """Users ordered by email, starting after the cursor."""
    query = select(User).order_by(User.email).limit(limit)
    if after_email is not None:
        query = query.where(User.email > after_email)
    if role is not None:
        query = query.where(User.role == role)
    return list(await session.scalars(query))


def add(session: AsyncSession, user: User) -> User:
    session.add(user)
    return user


async def get_team_by_name(session: AsyncSession, name: str) -> Team | None:
    return await session.scalar(select(Team).where(func.lower(Team.name) == name.lower()))


async def get_or_create_team(session: AsyncSession, name: str) -> Team:
    team = await get_team_by_name(session, name)
    if team is None:
        team = Team(name=name)
        session.add(team)
        await session.flush()
    return team
