"""Sign-in (OAuth2 password form), refresh with rotation, logout."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, status
from fastapi.security import OAuth2PasswordRequestForm

from backend.api.deps import AuthServiceDep, CurrentActor, SessionDep, client_address
from backend.api.schemas_auth import LogoutRequest, RefreshRequest, TokenRead
from backend.api.schemas_common import PROBLEM_RESPONSES

router = APIRouter(prefix="/auth", tags=["auth"], responses=PROBLEM_RESPONSES)


@router.post("/token", response_model=TokenRead)
async def issue_token(
    request: Request,
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    session: SessionDep,
    auth: AuthServiceDep,
) -> TokenRead:
    """Sign in with email (``username``) and password."""
    pair = await auth.login(
        session, email=form.username, password=form.password, client=client_address(request)
    )
    return TokenRead(**pair.__dict__)


@router.post("/refresh", response_model=TokenRead)
async def refresh_token(
    body: RefreshRequest, session: SessionDep, auth: AuthServiceDep
) -> TokenRead:
    """Swap a refresh token for a new pair; the old refresh token stops working."""
    pair = await auth.refresh(session, refresh_token=body.refresh_token)
    return TokenRead(**pair.__dict__)


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
async def logout(
    actor: CurrentActor,
    session: SessionDep,
    auth: AuthServiceDep,
    body: LogoutRequest | None = None,
) -> None:
    """End the current session (and the given refresh token's)."""
    await auth.logout(session, actor=actor, refresh_token=body.refresh_token if body else None)
