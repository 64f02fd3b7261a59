"""Linking a Teams account: the signed-in user gets a one-time code to type into the bot."""

from __future__ import annotations

from fastapi import APIRouter, status

from backend.api.deps import CurrentActor, SessionDep
from backend.api.schemas_bot import BotLinkCodeRead
from backend.api.schemas_common import PROBLEM_RESPONSES
from backend.app.services import bot_links as link_service

router = APIRouter(prefix="/bot", tags=["bot"], responses=PROBLEM_RESPONSES)


@router.post("/link-codes", response_model=BotLinkCodeRead, status_code=status.HTTP_201_CREATED)
async def create_link_code(actor: CurrentActor, session: SessionDep) -> BotLinkCodeRead:
    """Issue a one-time code (10 minutes) that links your Teams account to this user."""
    issued = await link_service.issue_code(session, actor=actor)
    return BotLinkCodeRead(
        code=issued.code,
        expires_at=issued.expires_at,
        instructions=f"In Teams, send the NovaCRM bot: link {issued.code}",
    )
