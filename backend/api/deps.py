"""Dependencies shared by the routers: the transaction, the caller, and permission guards."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.config import Settings
from backend.app.errors import AuthenticationFailed, InvalidInput
from backend.app.permissions import Permission
from backend.app.services.actors import Actor
from backend.app.services.ai_gateway import ChatUpstream
from backend.app.services.auth import AuthService
from backend.app.services.compliance_toolkit import ComplianceToolkit

# auto_error=False: a missing token becomes our own 401 problem, not FastAPI's plain error.
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


async def _session(request: Request) -> AsyncIterator[AsyncSession]:
    async with request.app.state.database.session_scope() as session:
        yield session


# scope="function": commit before the response is sent, so a client never reads stale data.
SessionDep = Annotated[AsyncSession, Depends(_session, scope="function")]


async def _settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


async def _auth_service(request: Request) -> AuthService:
    return request.app.state.auth_service  # type: ignore[no-any-return]


async def _toolkit(request: Request) -> ComplianceToolkit:
    return request.app.state.compliance_toolkit  # type: ignore[no-any-return]


async def _llm_upstream(request: Request) -> ChatUpstream | None:
    return request.app.state.llm_upstream  # type: ignore[no-any-return]


SettingsDep = Annotated[Settings, Depends(_settings)]
ToolkitDep = Annotated[ComplianceToolkit, Depends(_toolkit)]
ChatUpstreamDep = Annotated[ChatUpstream | None, Depends(_llm_upstream)]
AuthServiceDep = Annotated[AuthService, Depends(_auth_service)]


async def _current_actor(
    request: Request,
    session: SessionDep,
    auth: AuthServiceDep,
    token: Annotated[str | None, Depends(oauth2_scheme)],
) -> Actor:
    if not token:
        raise AuthenticationFailed("missing bearer token")
    actor = await auth.authenticate(session, token)
    request.state.actor_id = actor.id
    return actor


CurrentActor = Annotated[Actor, Depends(_current_actor)]


def require(permission: Permission) -> Callable[..., Coroutine[Any, Any, Actor]]:
    """A dependency that returns the caller after checking one permission."""

    async def guard(actor: CurrentActor) -> Actor:
        actor.require(permission)
        return actor

    return guard


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def parse_if_match(value: str | None) -> int | None:
    """The version in an If-Match header ("3", W/"3" or 3); None when absent."""
    if not value or value.strip() == "*":
        return None
    cleaned = value.strip().removeprefix("W/").strip('"')
    try:
        return int(cleaned)
    except ValueError as exc:
        raise InvalidInput("If-Match must carry the ETag this API returned") from exc


def etag(version: int) -> str:
    return f'W/"{version}"'
