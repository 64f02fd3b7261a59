"""Companies: CRUD, search, filters, cursor pages, timeline, merge, CSV import and export."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from backend.api.crm_http import (
    Force,
    IfMatch,
    ListParamsDep,
    TimelinePageDep,
    page_of,
    timeline,
    with_etag,
)
from backend.api.deps import CurrentActor, SessionDep
from backend.api.schemas_activities import ActivityPage
from backend.api.schemas_common import PROBLEM_RESPONSES
from backend.api.schemas_companies import CompanyCreate, CompanyPage, CompanyRead, CompanyUpdate
from backend.api.schemas_crm import MergeRequest, MergeResult
from backend.app.services import companies as company_service
from backend.app.services import crm_merge as merge_service

router = APIRouter(prefix="/companies", tags=["crm: companies"], responses=PROBLEM_RESPONSES)
Sort = Annotated[str, Query(description="updated_at, created_at or name; '-' for descending")]


@router.get("", response_model=CompanyPage)
async def list_companies(
    actor: CurrentActor, session: SessionDep, params: ListParamsDep, sort: Sort = "-updated_at"
) -> CompanyPage:
    """Companies you can see, filtered, searched (?q=) and paged by cursor."""
    page = await company_service.list_companies(session, actor=actor, **params.query(sort))
    return page_of(CompanyPage, page)


@router.post("", response_model=CompanyRead, status_code=status.HTTP_201_CREATED)
async def create_company(
    company_in: CompanyCreate,
    actor: CurrentActor,
    session: SessionDep,
    response: Response,
    force: Force = False,
) -> CompanyRead:
    """Create a company; the same domain answers 409 with duplicate_id unless ?force=true."""
    view = await company_service.create(
        session, actor=actor, company_in=company_in.model_dump(), force=force
    )
    return CompanyRead.model_validate(with_etag(response, view))


@router.get("/{company_id}", response_model=CompanyRead)
async def read_company(
    company_id: uuid.UUID, actor: CurrentActor, session: SessionDep, response: Response
) -> CompanyRead:
    view = await company_service.get(session, actor=actor, company_id=company_id)
    return CompanyRead.model_validate(with_etag(response, view))


@router.patch("/{company_id}", response_model=CompanyRead)
async def update_company(
    company_id: uuid.UUID,
    company_in: CompanyUpdate,
    actor: CurrentActor,
    session: SessionDep,
    response: Response,
    if_match: IfMatch,
    force: Force = False,
) -> CompanyRead:
    """Partial update; a stale If-Match gets 409 with the current company."""
    view = await company_service.update(
        session,
        actor=actor,
        company_id=company_id,
        changes=company_in.model_dump(exclude_unset=True),
        if_match=if_match,
        force=force,
    )
    return CompanyRead.model_validate(with_etag(response, view))


@router.delete("/{company_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_company(
    company_id: uuid.UUID, actor: CurrentActor, session: SessionDep, if_match: IfMatch
) -> None:
    """Archive the company (it leaves the lists; its history stays)."""
    await company_service.delete(session, actor=actor, company_id=company_id, if_match=if_match)


@router.get("/{company_id}/timeline", response_model=ActivityPage)
async def company_timeline(
    company_id: uuid.UUID, actor: CurrentActor, session: SessionDep, page: TimelinePageDep
) -> ActivityPage:
    """Notes, calls, meetings, tasks and deal events of the company, newest first."""
    return await timeline(
        session, actor=actor, entity_type="company", record_id=company_id, page=page
    )


@router.post("/{company_id}/merge", response_model=MergeResult)
async def merge_companies(
    company_id: uuid.UUID, merge_in: MergeRequest, actor: CurrentActor, session: SessionDep
) -> MergeResult:
    """Fold another company into this one: contacts, deals and activities move here."""
    result = await merge_service.merge_companies(
        session, actor=actor, survivor_id=company_id, merged_id=merge_in.merged_id
    )
    return MergeResult.model_validate(result)
