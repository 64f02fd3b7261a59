"""User management: the bootstrap admin, admin-only creation and changes, and "me"."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.errors import Conflict, InvalidInput, NotFound
from backend.app.models import User
from backend.app.permissions import Permission, Role
from backend.app.repositories import users as user_repository
from backend.app.security import hash_password
from backend.app.services import audit as audit_service
from backend.app.services.actors import SYSTEM, Actor

MIN_PASSWORD_LENGTH = 12


@dataclass(frozen=True)
class UserPage:
    items: list[User]
    next_cursor: str | None


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            f"password must be at least {MIN_PASSWORD_LENGTH} characters",
            errors=[{"loc": ["body", "password"], "msg": "too short", "type": "value_error"}],
        )


async def get_me(session: AsyncSession, *, actor: Actor) -> User:
    if actor.user_id is None:
        raise NotFound("this credential does not belong to a user")
    user = await user_repository.get(session, actor.user_id)
    if user is None:
        raise NotFound("user not found")
    return user


async def get(session: AsyncSession, *, actor: Actor, user_id: uuid.UUID) -> User:
    actor.require(Permission.USERS_MANAGE)
    user = await user_repository.get(session, user_id)
    if user is None:
        raise NotFound("user not found")
    return user


async def list_users(
    session: AsyncSession, *, actor: Actor, limit: int, cursor: str | None, role: Role | None
) -> UserPage:
    actor.require(Permission.USERS_MANAGE)
    rows = await user_repository.list_page(
        session, limit=limit + 1, after_email=cursor, role=role.value if role else None
    )
    next_cursor = rows[limit - 1].email if len(rows) > limit else None
    return UserPage(items=rows[:limit], next_cursor=next_cursor)


async def create(
    session: AsyncSession,
    *,
    actor: Actor,
    email: str,
    password: str | None,
    full_name: str,
    role: Role,
    team: str | None,
) -> User:
    """Create a user (admins only); the email must be new."""
    actor.require(Permission.USERS_MANAGE)
    email = email.strip().lower()
    if await user_repository.get_by_email(session, email) is not None:
        raise Conflict("a user with this email already exists")
    if password is not None:
        _check_password(password)
    team_row = await user_repository.get_or_create_team(session, team) if team else None
    user = user_repository.add(
        session,
        User(
            email=email,
            full_name=full_name,
            password_hash=hash_password(password) if password else None,
            role=role.value,
            team_id=team_row.id if team_row else None,
        ),
    )
    await session.flush()
    await audit_service.record(
        session,
        actor=actor,
        action="user.created",
        target_type="user",
        target_id=str(user.id),
        details={"role": role.value, "team": team},
    )
    return user


async def update(
    session: AsyncSession, *, actor: Actor, user_id: uuid.UUID, changes: dict[str, Any]
) -> User:
    """Apply a partial update (admins only); role and activation changes are audited."""
    actor.require(Permission.USERS_MANAGE)
    user = await user_repository.get(session, user_id)
    if user is None:
        raise NotFound("user not found")
    changed: list[str] = []
    if "password" in changes and changes["password"] is not None:
        _check_password(changes["password"])
        user.password_hash = hash_password(changes["password"])
        changed.append("password")
    if "team" in changes:
        name = changes["team"]
        user.team_id = (
            (await user_repository.get_or_create_team(session, name)).id if name else None
        )
        changed.append("team")
    for field in ("full_name", "role", "is_active"):
        if field in changes and changes[field] is not None:
            value = changes[field].value if isinstance(changes[field], Role) else changes[field]
            if getattr(user, field) != value:
                setattr(user, field, value)
                changed.append(field)
    if user.id == actor.user_id and ("role" in changed or "is_active" in changed):
        raise InvalidInput("admins cannot change their own role or deactivate themselves")
    await session.flush()
    details: dict[str, Any] = {"fields": changed}
    if "role" in changed:
        details["role"] = user.role
    await audit_service.record(
        session,
        actor=actor,
        action="user.updated",
        target_type="user",
        target_id=str(user.id),
        details=details,
    )
    return user


async def ensure_bootstrap_admin(
    session: AsyncSession, *, email: str, password: str
) -> User | None:
    """Create the first admin when no user exists yet; None when users already exist."""
    if await user_repository.count(session) > 0:
        return None
    return await create(
        session,
        actor=SYSTEM,
        email=email,
        password=password,
        full_name="Administrator",
        role=Role.ADMIN,
        team=None,
    )
