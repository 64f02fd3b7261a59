"""POST /api/messages: the Bot Framework endpoint, in the same FastAPI app as the API."""

from __future__ import annotations

import json
import logging

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from bot.adapter import AuthenticationRefused
from bot.setup import BotHost

log = logging.getLogger("nova.bot.http")
router = APIRouter(tags=["bot"], include_in_schema=False)


@router.post("/api/messages")
async def messages(request: Request) -> Response:
    """Authenticate first (every failure is a 401), then run the turn."""
    host: BotHost | None = getattr(request.app.state, "bot_host", None)
    if host is None:
        return Response(status_code=404)
    if "application/json" not in request.headers.get("content-type", ""):
        return Response(status_code=415)
    try:
        body = json.loads(await request.body())
    except ValueError:
        return Response(status_code=400)
    if not isinstance(body, dict) or not body.get("type"):
        return Response(status_code=400)
    try:
        activity, auth = await host.adapter.authenticate(body, request.headers.get("authorization"))
    except AuthenticationRefused as exc:
        log.info("bot request refused", extra={"reason": str(exc), "activity_id": body.get("id")})
        return Response(status_code=401)
    reply = await host.adapter.run_turn(activity, auth, body)
    if reply is None:
        return Response(status_code=200)
    return JSONResponse(reply.body, status_code=reply.status)
