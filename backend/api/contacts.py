"""Contacts: CRUD, search, filters, cursor pages, timeline, merge, data-subject rights."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

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
from backend.api.schemas_contacts import ContactCreate, ContactPage, ContactRead, ContactUpdate
from backend.api.schemas_crm import MergeRequest, MergeResult
from backend.app.services import contacts as contact_service
from backend.app.services import crm_merge as merge_service
from backend.app.services import crm_subjects as subject_service

router = APIRouter(prefix="/contacts", tags=["crm: contacts"], responses=PROBLEM_RESPONSES)
Sort = Annotated[str, Query(description="updated_at, created_at or last_name; '-' descending")]


@router.get("", response_model=ContactPage)
async def list_contacts(
    actor: CurrentActor, session: SessionDep, params: ListParamsDep, sort: Sort = "-updated_at"
) -> ContactPage:
    """Contacts you can see, filtered, searched (?q= name, email, phone) and paged by cursor."""
    page = await contact_service.list_contacts(session, actor=actor, **params.query(sort))
    return page_of(ContactPage, page)


@router.post("", response_model=ContactRead, status_code=status.HTTP_201_CREATED)
async def create_contact(
    contact_in: ContactCreate,
    actor: CurrentActor,
    session: SessionDep,
    response: Response,
    force: Force = False,
) -> ContactRead:
    """Create a contact; an email or phone of a contact you see answers 409 with duplicate_id."""
    view = await contact_service.create(
        session, actor=actor, contact_in=contact_in.model_dump(), force=force
    )
    return ContactRead.model_validate(with_etag(response, view))


@router.get("/{contact_id}", response_model=ContactRead)
async def read_contact(
    contact_id: uuid.UUID, actor: CurrentActor, session: SessionDep, response: Response
) -> ContactRead:
    view = await contact_service.get(session, actor=actor, contact_id=contact_id)
    return ContactRead.model_validate(with_etag(response, view))


@router.patch("/{contact_id}", response_model=ContactRead)
async def update_contact(
    contact_id: uuid.UUID,
    contact_in: ContactUpdate,
    actor: CurrentActor,
    session: SessionDep,
    response: Response,
    if_match: IfMatch,
    force: Force = False,
) -> ContactRead:
    """Partial update; 409 with the current contact on a stale If-Match, with duplicate_id when
    an added email or phone is another contact's (among those you can see)."""
    view = await contact_service.update(
        session,
        actor=actor,
        contact_id=contact_id,
        changes=contact_in.model_dump(exclude_unset=True),
        if_match=if_match,
        force=force,
    )
    return ContactRead.model_validate(with_etag(response, view))


@router.delete("/{contact_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_contact(
    contact_id: uuid.UUID, actor: CurrentActor, session: SessionDep, if_match: IfMatch
) -> None:
    """Archive the contact (it leaves the lists; its history stays)."""
    await contact_service.delete(session, actor=actor, contact_id=contact_id, if_match=if_match)


@router.get("/{contact_id}/timeline", response_model=ActivityPage)
async def contact_timeline(
    contact_id: uuid.UUID, actor: CurrentActor, session: SessionDep, page: TimelinePageDep
) -> ActivityPage:
    """Notes, calls, meetings, tasks and events of the contact, newest first."""
    return await timeline(
        session, actor=actor, entity_type="contact", record_id=contact_id, page=page
    )


@router.post("/{contact_id}/merge", response_model=MergeResult)
async def merge_contacts(
    contact_id: uuid.UUID, merge_in: MergeRequest, actor: CurrentActor, session: SessionDep
) -> MergeResult:
    """Fold a duplicate into this contact: activities and deal links move here."""
    result = await merge_service.merge_contacts(
        session, actor=actor, survivor_id=contact_id, merged_id=merge_in.merged_id
    )
    return MergeResult.model_validate(result)


@router.get("/{contact_id}/export")
async def export_contact_data(
    contact_id: uuid.UUID, actor: CurrentActor, session: SessionDep
) -> dict[str, Any]:
    """Everything held on this person, as JSON (data-subject access request; audited)."""
    return await subject_service.export_contact(session, actor=actor, contact_id=contact_id)


@router.post("/{contact_id}/erase", response_model=ContactRead)
async def erase_contact(
    contact_id: uuid.UUID, actor: CurrentActor, session: SessionDep, response: Response
) -> ContactRead:
    """Anonymise the contact: identity and free text go, deals and counts stay (audited)."""
    view = await subject_service.erase_contact(session, actor=actor, contact_id=contact_id)
    return ContactRead.model_validate(with_etag(response, view))
