"""Who is talking to the bot: Teams users linked to CRM users, by sign-in or one-time code."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.errors import InvalidInput, PermissionDenied
from backend.app.models import BotLinkCode, BotUserLink, User
from backend.app.repositories import bot_links as link_repository
from backend.app.repositories import users as user_repository
from backend.app.services import audit as audit_service
from backend.app.services.actors import Actor, user_actor

CODE_TTL = timedelta(minutes=10)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


@dataclass(frozen=True)
class IssuedCode:
    code: str
    expires_at: datetime


def _hash(code: str) -> str:
    normalised = code.strip().upper().replace("-", "").replace(" ", "")
    return hashlib.sha256(normalised.encode()).hexdigest()


def _actor_for(user: User) -> Actor:
    return user_actor(user_id=user.id, email=user.email, role=user.role, team_id=user.team_id)


async def resolve(session: AsyncSession, *, aad_object_id: str | None) -> Actor | None:
    """The CRM user behind a Teams sender: a redeemed link, else the Entra id seen at sign-in."""
    if not aad_object_id:
        return None
    user = await link_repository.user_behind(session, aad_object_id)
    if user is None or not user.is_active:
        return None
    return _actor_for(user)


async def issue_code(session: AsyncSession, *, actor: Actor) -> IssuedCode:
    """A one-time code the signed-in user types into Teams as `link <code>`; it replaces any
    unused code issued to them before."""
    if actor.kind != "user" or actor.user_id is None:
        raise PermissionDenied("only a signed-in user can link their Teams account")
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    code = f"{raw[:4]}-{raw[4:]}"
    expires_at = datetime.now(UTC) + CODE_TTL
    # One live code per user: a new one replaces any code shown earlier (a code left on a
    # screen or in a screenshot stops working as soon as the user asks again).
    await link_repository.drop_unused_codes(session, actor.user_id)
    link_repository.add(
        session, BotLinkCode(user_id=actor.user_id, code_hash=_hash(code), expires_at=expires_at)
    )
    await session.flush()
    await audit_service.record(
        session,
        actor=actor,
        action="bot.link_code.issued",
        target_type="user",
        target_id=str(actor.user_id),
    )
    return IssuedCode(code=code, expires_at=expires_at)


async def redeem(session: AsyncSession, *, aad_object_id: str, code: str) -> Actor:
    """Link this Teams user to the code's owner; a code works once, for ten minutes."""
    row = await link_repository.code_by_hash(session, _hash(code))
    now = datetime.now(UTC)
    if row is None or row.used_at is not None or row.expires_at <= now:
        raise InvalidInput("this code is not valid or has expired; create a new one in NovaCRM")
    user = await user_repository.get(session, row.user_id)
    if user is None or not user.is_active:
        raise InvalidInput("this code belongs to an account that is no longer active")
    row.used_at = now
    await link_repository.unlink(session, aad_object_id=aad_object_id, user_id=user.id)
    await session.flush()
    link_repository.add(session, BotUserLink(aad_object_id=aad_object_id, user_id=user.id))
    await session.flush()
    actor = _actor_for(user)
    await audit_service.record(
        session,
        actor=actor,
        action="bot.user.linked",
        target_type="user",
        target_id=str(user.id),
        details={"method": "code"},
    )
    return actor
