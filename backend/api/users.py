"""The signed-in user, and admin-only user management."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status

from backend.api.deps import CurrentActor, SessionDep
from backend.api.schemas_common import PROBLEM_RESPONSES, Page
from backend.api.schemas_users import UserCreate, UserRead, UserUpdate
from backend.app.models import User
from backend.app.permissions import Role
from backend.app.services import users as user_service

router = APIRouter(prefix="/users", tags=["users"], responses=PROBLEM_RESPONSES)


def to_read(user: User) -> UserRead:
    return UserRead(
        id=user.id,
        email=user.email,
        full_name=user.full_name,
        role=Role(user.role),
        team=user.team.name if user.team else None,
        is_active=user.is_active,
        created_at=user.created_at,
        last_login_at=user.last_login_at,
        entra_linked=user.entra_object_id is not None,
    )


@router.get("/me", response_model=UserRead)
async def read_me(actor: CurrentActor, session: SessionDep) -> UserRead:
    """The signed-in user."""
    return to_read(await user_service.get_me(session, actor=actor))


@router.get("", response_model=Page[UserRead])
async def list_users(
    actor: CurrentActor,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: str | None = None,
    role: Role | None = None,
) -> Page[UserRead]:
    """All users, by email (admins only)."""
    page = await user_service.list_users(
        session, actor=actor, limit=limit, cursor=cursor, role=role
    )
    return Page(items=[to_read(u) for u in page.items], next_cursor=page.next_cursor)


@router.post("", response_model=UserRead, status_code=status.HTTP_201_CREATED)
async def create_user(user_in: UserCreate, actor: CurrentActor, session: SessionDep) -> UserRead:
    """Create a user with a role and an optional sales team (admins only)."""
    user = await user_service.create(
        session,
        actor=actor,
        email=str(user_in.email),
        password=user_in.password,
        full_name=user_in.full_name,
        role=user_in.role,
        team=user_in.team,
    )
    await session.refresh(user, ["team"])
    return to_read(user)


@router.get("/{user_id}", response_model=UserRead)
async def read_user(user_id: uuid.UUID, actor: CurrentActor, session: SessionDep) -> UserRead:
    return to_read(await user_service.get(session, actor=actor, user_id=user_id))


@router.patch("/{user_id}", response_model=UserRead)
async def update_user(
    user_id: uuid.UUID, user_in: UserUpdate, actor: CurrentActor, session: SessionDep
) -> UserRead:
    """Change a user's name, role, team, password or activation (admins only)."""
    changes = user_in.model_dump(exclude_unset=True)
    user = await user_service.update(session, actor=actor, user_id=user_id, changes=changes)
    await session.refresh(user, ["team"])
    return to_read(user)
