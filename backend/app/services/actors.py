"""Who is acting: a signed-in user, a machine client's API key, the bot or the system itself."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Literal

from backend.app.errors import PermissionDenied
from backend.app.permissions import (
    Permission,
    Role,
    permissions_for_role,
    permissions_for_scopes,
)

ActorKind = Literal["user", "api_key", "system"]


@dataclass(frozen=True, slots=True)
class Actor:
    kind: ActorKind
    id: str | None
    label: str
    permissions: frozenset[Permission]
    role: Role | None = None
    user_id: uuid.UUID | None = None
    team_id: uuid.UUID | None = None
    session_id: uuid.UUID | None = None

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    def require(self, permission: Permission) -> None:
        if permission not in self.permissions:
            raise PermissionDenied(f"this action needs the '{permission}' permission")


def user_actor(
    *,
    user_id: uuid.UUID,
    email: str,
    role: str,
    team_id: uuid.UUID | None,
    session_id: uuid.UUID | None = None,
) -> Actor:
    return Actor(
        kind="user",
        id=str(user_id),
        label=email,
        permissions=permissions_for_role(role),
        role=Role(role),
        user_id=user_id,
        team_id=team_id,
        session_id=session_id,
    )


def api_key_actor(*, key_id: uuid.UUID, name: str, scopes: list[str]) -> Actor:
    return Actor(
        kind="api_key",
        id=str(key_id),
        label=f"api-key:{name}",
        permissions=permissions_for_scopes(scopes),
    )


SYSTEM = Actor(kind="system", id=None, label="system", permissions=frozenset(Permission))
