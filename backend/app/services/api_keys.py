"""API keys for machine clients: created by an admin, shown once, stored hashed, revocable."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.errors import InvalidInput, NotFound
from backend.app.models import ApiKey
from backend.app.permissions import API_KEY_SCOPES, Permission
from backend.app.repositories import tokens as token_repository
from backend.app.security import new_opaque_token, token_digest
from backend.app.services import audit as audit_service
from backend.app.services.actors import Actor
from backend.app.services.auth import API_KEY_PREFIX


@dataclass(frozen=True)
class CreatedApiKey:
    record: ApiKey
    key: str


async def create(
    session: AsyncSession, *, actor: Actor, name: str, scopes: list[str]
) -> CreatedApiKey:
    actor.require(Permission.API_KEYS_MANAGE)
    unknown = sorted(set(scopes) - set(API_KEY_SCOPES))
    if unknown or not scopes:
        raise InvalidInput(
            f"unknown or missing scopes: {', '.join(unknown) or '(none given)'}",
            errors=[
                {
                    "loc": ["body", "scopes"],
                    "msg": f"allowed: {sorted(API_KEY_SCOPES)}",
                    "type": "value_error",
                }
            ],
        )
    key = new_opaque_token(API_KEY_PREFIX)
    record = ApiKey(
        name=name,
        prefix=key[: len(API_KEY_PREFIX) + 6],
        key_hash=token_digest(key),
        scopes={"scopes": sorted(set(scopes))},
        created_by_id=actor.user_id,
    )
    token_repository.add_api_key(session, record)
    await session.flush()
    await audit_service.record(
        session,
        actor=actor,
        action="api_key.created",
        target_type="api_key",
        target_id=str(record.id),
        details={"name": name, "scopes": record.scope_list},
    )
    return CreatedApiKey(record=record, key=key)


async def list_keys(session: AsyncSession, *, actor: Actor) -> list[ApiKey]:
    actor.require(Permission.API_KEYS_MANAGE)
    return await token_repository.list_api_keys(session)


async def revoke(session: AsyncSession, *, actor: Actor, key_id: uuid.UUID) -> ApiKey:
    actor.require(Permission.API_KEYS_MANAGE)
    record = await token_repository.get_api_key(session, key_id)
    if record is None:
        raise NotFound("API key not found")
    if record.revoked_at is None:
        record.revoked_at = datetime.now(UTC)
        await audit_service.record(
            session,
            actor=actor,
            action="api_key.revoked",
            target_type="api_key",
            target_id=str(record.id),
        )
    return record
