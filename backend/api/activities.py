"""Activities: notes, calls, meetings and tasks linked to a company, contact and/or deal."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from backend.api.crm_http import IfMatch, ListParamsDep, ScreenerDep, page_of, with_etag
from backend.api.deps import CurrentActor, SessionDep
from backend.api.schemas_activities import (
    ActivityCreate,
    ActivityPage,
    ActivityRead,
    ActivityType,
    ActivityUpdate,
)
from backend.api.schemas_common import PROBLEM_RESPONSES
from backend.app.services import activities as activity_service

router = APIRouter(prefix="/activities", tags=["crm: activities"], responses=PROBLEM_RESPONSES)


@router.get("", response_model=ActivityPage)
async def list_activities(
    actor: CurrentActor,
    session: SessionDep,
    params: ListParamsDep,
    type: ActivityType | None = None,
    contact: uuid.UUID | None = None,
    deal: uuid.UUID | None = None,
    is_done: bool | None = None,
    sort: Annotated[str, Query(description="updated_at or created_at")] = "-updated_at",
) -> ActivityPage:
    """Activities you can see (owner = author), e.g. open tasks: ?type=task&is_done=false."""
    query = params.query(sort, type=type, contact_id=contact, deal_id=deal, is_done=is_done)
    page = await activity_service.list_activities(session, actor=actor, **query)
    return page_of(ActivityPage, page)


@router.post("", response_model=ActivityRead, status_code=status.HTTP_201_CREATED)
async def create_activity(
    activity_in: ActivityCreate,
    actor: CurrentActor,
    session: SessionDep,
    screener: ScreenerDep,
    response: Response,
) -> ActivityRead:
    """Add an activity; secrets in the body are redacted and `compliance` says what was."""
    view = await activity_service.create(
        session, actor=actor, screener=screener, activity_in=activity_in.model_dump()
    )
    return ActivityRead.model_validate(with_etag(response, view))


@router.get("/{activity_id}", response_model=ActivityRead)
async def read_activity(
    activity_id: uuid.UUID, actor: CurrentActor, session: SessionDep, response: Response
) -> ActivityRead:
    view = await activity_service.get(session, actor=actor, activity_id=activity_id)
    return ActivityRead.model_validate(with_etag(response, view))


@router.patch("/{activity_id}", response_model=ActivityRead)
async def update_activity(
    activity_id: uuid.UUID,
    activity_in: ActivityUpdate,
    actor: CurrentActor,
    session: SessionDep,
    screener: ScreenerDep,
    response: Response,
    if_match: IfMatch,
) -> ActivityRead:
    """Edit the body, due date or done flag; a stale If-Match gets 409."""
    view = await activity_service.update(
        session,
        actor=actor,
        screener=screener,
        activity_id=activity_id,
        changes=activity_in.model_dump(exclude_unset=True),
        if_match=if_match,
    )
    return ActivityRead.model_validate(with_etag(response, view))


@router.delete("/{activity_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_activity(
    activity_id: uuid.UUID, actor: CurrentActor, session: SessionDep, if_match: IfMatch
) -> None:
    await activity_service.delete(session, actor=actor, activity_id=activity_id, if_match=if_match)
