"""Who may see and change which CRM record: the object-level rules every front door gets."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Protocol, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.errors import InvalidInput, NotFound
from backend.app.permissions import Permission
from backend.app.repositories import users as user_repository
from backend.app.services.actors import Actor


class OwnedRecord(Protocol):
    owner_id: uuid.UUID | None
    team_id: uuid.UUID | None


Owned = TypeVar("Owned", bound=OwnedRecord)


@dataclass(frozen=True, slots=True)
class Scope:
    """The records a sales user may reach: their team's and their own."""

    team_id: uuid.UUID | None
    user_id: uuid.UUID | None


def read_scope(actor: Actor) -> Scope | None:
    """None when the actor reads every team's records."""
    actor.require(Permission.CRM_READ)
    if actor.can(Permission.CRM_READ_ALL_TEAMS):
        return None
    return Scope(team_id=actor.team_id, user_id=actor.user_id)


def _in_scope(actor: Actor, record: OwnedRecord) -> bool:
    own = actor.user_id is not None and record.owner_id == actor.user_id
    team = actor.team_id is not None and record.team_id == actor.team_id
    return own or team


def ensure_visible(actor: Actor, record: Owned | None, what: str) -> Owned:
    """The record, or 404 when the actor may not read it, so its existence does not leak."""
    actor.require(Permission.CRM_READ)
    if record is None:
        raise NotFound(f"{what} not found")
    if actor.can(Permission.CRM_READ_ALL_TEAMS) or _in_scope(actor, record):
        return record
    raise NotFound(f"{what} not found")


def ensure_writable(actor: Actor, record: Owned | None, what: str) -> Owned:
    """The record; 404 when out of reach, 403 when visible but read-only for this role."""
    visible = ensure_visible(actor, record, what)
    actor.require(Permission.CRM_WRITE)
    if actor.can(Permission.CRM_WRITE_ALL_TEAMS) or _in_scope(actor, visible):
        return visible
    raise NotFound(f"{what} not found")


async def resolve_owner(
    session: AsyncSession, *, actor: Actor, owner_id: uuid.UUID | None
) -> tuple[uuid.UUID | None, uuid.UUID | None]:
    """The owner and team of a new or reassigned record; records follow their owner's team."""
    actor.require(Permission.CRM_WRITE)
    if owner_id is None or owner_id == actor.user_id:
        return actor.user_id, actor.team_id
    owner = await user_repository.get(session, owner_id)
    if owner is None or not owner.is_active:
        raise InvalidInput(
            "owner_id: no active user with this id",
            errors=[{"loc": ["body", "owner_id"], "msg": "unknown user", "type": "value_error"}],
        )
    if not actor.can(Permission.CRM_WRITE_ALL_TEAMS) and (
        actor.team_id is None or owner.team_id != actor.team_id
    ):
        raise InvalidInput(
            "owner_id: records can only be given to members of your team",
            errors=[{"loc": ["body", "owner_id"], "msg": "other team", "type": "value_error"}],
        )
    return owner.id, owner.team_id
