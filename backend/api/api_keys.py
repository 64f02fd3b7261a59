"""API keys for machine clients (admins only)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from backend.api.deps import CurrentActor, SessionDep
from backend.api.schemas_api_keys import ApiKeyCreate, ApiKeyCreated, ApiKeyRead
from backend.api.schemas_common import PROBLEM_RESPONSES
from backend.app.models import ApiKey
from backend.app.services import api_keys as api_key_service

router = APIRouter(prefix="/api-keys", tags=["api-keys"], responses=PROBLEM_RESPONSES)


def to_read(key: ApiKey) -> ApiKeyRead:
    return ApiKeyRead(
        id=key.id,
        name=key.name,
        prefix=key.prefix,
        scopes=key.scope_list,
        created_at=key.created_at,
        last_used_at=key.last_used_at,
        revoked_at=key.revoked_at,
    )


@router.post("", response_model=ApiKeyCreated, status_code=status.HTTP_201_CREATED)
async def create_api_key(
    key_in: ApiKeyCreate, actor: CurrentActor, session: SessionDep
) -> ApiKeyCreated:
    """Create a scoped key; the secret is in this response only."""
    created = await api_key_service.create(
        session, actor=actor, name=key_in.name, scopes=key_in.scopes
    )
    return ApiKeyCreated(**to_read(created.record).model_dump(), key=created.key)


@router.get("", response_model=list[ApiKeyRead])
async def list_api_keys(actor: CurrentActor, session: SessionDep) -> list[ApiKeyRead]:
    return [to_read(k) for k in await api_key_service.list_keys(session, actor=actor)]


@router.delete("/{key_id}", response_model=ApiKeyRead)
async def revoke_api_key(key_id: uuid.UUID, actor: CurrentActor, session: SessionDep) -> ApiKeyRead:
    """Revoke a key at once; it is kept, revoked, for the record."""
    return to_read(await api_key_service.revoke(session, actor=actor, key_id=key_id))
