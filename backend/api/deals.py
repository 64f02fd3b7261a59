"""Deals: CRUD, filters (stage, status), search, cursor pages and the deal's timeline."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from backend.api.crm_http import (
    IfMatch,
    ListParamsDep,
    ScreenerDep,
    TimelinePageDep,
    page_of,
    timeline,
    with_etag,
)
from backend.api.deps import CurrentActor, SessionDep
from backend.api.schemas_activities import ActivityPage
from backend.api.schemas_common import PROBLEM_RESPONSES
from backend.api.schemas_deals import DealCreate, DealPage, DealRead, DealStatus, DealUpdate
from backend.app.services import deals as deal_service

router = APIRouter(prefix="/deals", tags=["crm: deals"], responses=PROBLEM_RESPONSES)
Sort = Annotated[
    str, Query(description="updated_at, created_at, title or amount; '-' for descending")
]


@router.get("", response_model=DealPage)
async def list_deals(
    actor: CurrentActor,
    session: SessionDep,
    params: ListParamsDep,
    stage: uuid.UUID | None = None,
    pipeline: uuid.UUID | None = None,
    status: DealStatus | None = None,
    sort: Sort = "-updated_at",
) -> DealPage:
    """Deals you can see, by stage, status, owner, team, tag or company; ?q= on the title."""
    query = params.query(sort, stage_id=stage, pipeline_id=pipeline, status=status)
    page = await deal_service.list_deals(session, actor=actor, **query)
    return page_of(DealPage, page)


@router.post("", response_model=DealRead, status_code=status.HTTP_201_CREATED)
async def create_deal(
    deal_in: DealCreate,
    actor: CurrentActor,
    session: SessionDep,
    screener: ScreenerDep,
    response: Response,
) -> DealRead:
    """Create an open deal; secrets in the description are redacted before storage."""
    view = await deal_service.create(
        session, actor=actor, screener=screener, deal_in=deal_in.model_dump()
    )
    return DealRead.model_validate(with_etag(response, view))


@router.get("/{deal_id}", response_model=DealRead)
async def read_deal(
    deal_id: uuid.UUID, actor: CurrentActor, session: SessionDep, response: Response
) -> DealRead:
    view = await deal_service.get(session, actor=actor, deal_id=deal_id)
    return DealRead.model_validate(with_etag(response, view))


@router.patch("/{deal_id}", response_model=DealRead)
async def update_deal(
    deal_id: uuid.UUID,
    deal_in: DealUpdate,
    actor: CurrentActor,
    session: SessionDep,
    screener: ScreenerDep,
    response: Response,
    if_match: IfMatch,
) -> DealRead:
    """Partial update (stage, status won/lost with close_reason...); stale If-Match → 409."""
    view = await deal_service.update(
        session,
        actor=actor,
        screener=screener,
        deal_id=deal_id,
        changes=deal_in.model_dump(exclude_unset=True),
        if_match=if_match,
    )
    return DealRead.model_validate(with_etag(response, view))


@router.delete("/{deal_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_deal(
    deal_id: uuid.UUID, actor: CurrentActor, session: SessionDep, if_match: IfMatch
) -> None:
    """Archive the deal."""
    await deal_service.delete(session, actor=actor, deal_id=deal_id, if_match=if_match)


@router.get("/{deal_id}/timeline", response_model=ActivityPage)
async def deal_timeline(
    deal_id: uuid.UUID, actor: CurrentActor, session: SessionDep, page: TimelinePageDep
) -> ActivityPage:
    """Activities, stage changes, wins and losses of the deal, newest first."""
    return await timeline(session, actor=actor, entity_type="deal", record_id=deal_id, page=page)
