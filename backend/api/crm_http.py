"""HTTP pieces the CRM routers share: the text screener, ETags, If-Match, lists and timelines."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Annotated, Any, TypeVar

from fastapi import Depends, Header, Query, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import UploadFile

from backend.api.schemas_activities import ActivityPage
from backend.app.errors import InvalidInput
from backend.app.services import activities as activity_service
from backend.app.services import crm_values
from backend.app.services.actors import Actor
from backend.app.services.crm_records import RecordPage
from backend.app.services.crm_text import CrmTextScreener

CHUNK_BYTES = 65_536
PageModel = TypeVar("PageModel", bound=BaseModel)


# Dependencies are async on purpose: FastAPI runs plain functions in a thread pool, and that hop
# costs more than the work they do.
async def _screener(request: Request) -> CrmTextScreener:
    return request.app.state.crm_text_screener  # type: ignore[no-any-return]


ScreenerDep = Annotated[CrmTextScreener, Depends(_screener)]


async def _if_match(
    if_match: Annotated[
        str | None,
        Header(
            alias="If-Match",
            description="The ETag of the version you edited; a stale one gets 409 + current",
        ),
    ] = None,
) -> int | None:
    return crm_values.parse_if_match(if_match)


IfMatch = Annotated[int | None, Depends(_if_match)]
Force = Annotated[
    bool, Query(description="Create or save even when it duplicates an existing record")
]


def with_etag(response: Response, view: dict[str, Any]) -> dict[str, Any]:
    """Carry the record's version as its ETag."""
    response.headers["ETag"] = crm_values.etag(int(view["version"]))
    return view


@dataclass(frozen=True, slots=True)
class ListParams:
    """The filters, order and page every CRM list accepts."""

    owner: uuid.UUID | None
    team: uuid.UUID | None
    tag: str | None
    company: uuid.UUID | None
    updated_since: datetime | None
    q: str | None
    include_archived: bool
    limit: int
    cursor: str | None

    def filters(self, **more: Any) -> dict[str, Any]:
        base: dict[str, Any] = {
            "owner_id": self.owner,
            "team_id": self.team,
            "tag": self.tag,
            "company_id": self.company,
            "updated_since": self.updated_since,
            "q": self.q.strip() if self.q and self.q.strip() else None,
            "include_archived": self.include_archived,
        }
        return base | {k: v for k, v in more.items() if v is not None}

    def query(self, sort: str, **more: Any) -> dict[str, Any]:
        """The keyword arguments of a service's list function: filters, order and page."""
        return {
            "filters": self.filters(**more),
            "sort": sort,
            "cursor": self.cursor,
            "limit": self.limit,
        }


async def _list_params(
    owner: Annotated[uuid.UUID | None, Query(description="Owner's user id")] = None,
    team: Annotated[uuid.UUID | None, Query(description="Sales team id")] = None,
    tag: str | None = None,
    company: Annotated[uuid.UUID | None, Query(description="Company id")] = None,
    updated_since: datetime | None = None,
    q: Annotated[
        str | None, Query(max_length=100, description="Text search (name, email, domain)")
    ] = None,
    include_archived: bool = False,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: str | None = None,
) -> ListParams:
    return ListParams(owner, team, tag, company, updated_since, q, include_archived, limit, cursor)


ListParamsDep = Annotated[ListParams, Depends(_list_params)]


def page_of(page_model: type[PageModel], page: RecordPage) -> PageModel:
    """A service's page of views as the route's page model."""
    return page_model.model_validate({"items": page.items, "next_cursor": page.next_cursor})


@dataclass(frozen=True, slots=True)
class TimelinePage:
    """The page of a record's timeline a client asks for."""

    limit: int
    cursor: str | None


async def _timeline_page(
    limit: Annotated[int, Query(ge=1, le=200)] = 50, cursor: str | None = None
) -> TimelinePage:
    return TimelinePage(limit, cursor)


TimelinePageDep = Annotated[TimelinePage, Depends(_timeline_page)]


async def timeline(
    session: AsyncSession,
    *,
    actor: Actor,
    entity_type: str,
    record_id: uuid.UUID,
    page: TimelinePage,
) -> ActivityPage:
    """One page of a company's, contact's or deal's timeline, newest first."""
    activities = await activity_service.timeline(
        session,
        actor=actor,
        entity_type=entity_type,
        record_id=record_id,
        cursor=page.cursor,
        limit=page.limit,
    )
    return page_of(ActivityPage, activities)


async def upload_chunks(request: Request) -> AsyncIterator[bytes]:
    """The uploaded file's bytes, streamed: a multipart 'file' field or a raw text/csv body."""
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        form = await request.form()
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise InvalidInput("multipart upload: expected a 'file' field holding the CSV")
        while chunk := await upload.read(CHUNK_BYTES):
            yield chunk
        return
    async for chunk in request.stream():
        if chunk:
            yield chunk


def csv_download(spooled: IO[bytes], filename: str) -> StreamingResponse:
    """Stream a spooled CSV file to the client, closing it at the end."""

    def chunks() -> Iterator[bytes]:
        with spooled:
            while chunk := spooled.read(CHUNK_BYTES):
                yield chunk

    return StreamingResponse(
        chunks(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
