"""HTTP pieces the CRM routers share: the text screener, ETags, If-Match and list filters."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Annotated, Any

from fastapi import Depends, Header, Query, Request, Response
from fastapi.responses import StreamingResponse
from starlette.datastructures import UploadFile

from backend.app.errors import InvalidInput
from backend.app.services import crm_values
from backend.app.services.crm_text import CrmTextScreener

CHUNK_BYTES = 65_536


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
