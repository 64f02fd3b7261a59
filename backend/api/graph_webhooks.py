"""Graph change-notification webhooks: the validation handshake, notifications, lifecycle.

Graph wants an answer within 3 s: the accepted items are committed to the jobs table and
the answer (202) goes out before anything is scanned. Items that fail a check are dropped
and counted, and the answer is still 202, as Graph expects; only a body that is not a
notification batch at all gets 400.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import PlainTextResponse

from backend.api.schemas_common import PROBLEM_RESPONSES
from backend.app.services import graph_notifications as intake_service

router = APIRouter(prefix="/graph", tags=["graph"], responses=PROBLEM_RESPONSES)

ValidationToken = Annotated[
    str | None,
    Query(alias="validationToken", description="Sent by Graph when a subscription is created"),
]


async def _receive(request: Request, token: str | None, *, lifecycle: bool) -> Response:
    if token is not None:
        echo = intake_service.validation_echo(token)
        # Plain text and nosniff: the token is opaque and must never be rendered as HTML.
        return PlainTextResponse(echo, headers={"X-Content-Type-Options": "nosniff"})
    body = await request.body()
    jobs = await intake_service.screen(
        request.app.state.graph_intake, body=body, lifecycle=lifecycle
    )
    await request.app.state.graph_group_commit.commit(jobs)
    # Committed: the items are durable, so Graph may forget them.
    return Response(status_code=202)


@router.post(
    "/notifications",
    status_code=202,
    responses={200: {"content": {"text/plain": {}}, "description": "validation handshake"}},
)
async def receive_notifications(request: Request, token: ValidationToken = None) -> Response:
    """Change notifications for Teams messages (basic or with encrypted resource data)."""
    return await _receive(request, token, lifecycle=False)


@router.post(
    "/lifecycle",
    status_code=202,
    responses={200: {"content": {"text/plain": {}}, "description": "validation handshake"}},
)
async def receive_lifecycle(request: Request, token: ValidationToken = None) -> Response:
    """Lifecycle notifications: reauthorizationRequired, subscriptionRemoved, missed."""
    return await _receive(request, token, lifecycle=True)
