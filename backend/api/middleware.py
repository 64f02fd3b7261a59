"""One ASGI middleware for every request: id, body-size limit, metrics and the access log line."""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend.app.metrics import HTTP_LATENCY, HTTP_REQUESTS

log = logging.getLogger("nova.access")

_SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
# CSV import routes stream their body to disk and enforce their own, larger limit.
_IMPORT_PATH = re.compile(r"^/api/v1/[a-z_]+/import$")


def _route_template(scope: Scope) -> str:
    """The matched route as a template (/api/v1/users/{user_id}), to keep label cardinality low."""
    if scope.get("route") is None:
        return "unmatched"
    path = str(scope.get("path", ""))
    for name, value in (scope.get("path_params") or {}).items():
        path = path.replace(f"/{value}", f"/{{{name}}}", 1)
    return path


class _BodyTooLarge(Exception):
    pass


class RequestContextMiddleware:
    def __init__(
        self, app: ASGIApp, *, max_body_bytes: int, import_max_bytes: int | None = None
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.import_max_bytes = import_max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = self._request_id(scope)
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                status = message["status"]
                response_started = True
                message["headers"] = [
                    *message.get("headers", []),
                    (b"x-request-id", request_id.encode()),
                ]
            await send(message)

        limit, streamed = self._limit(scope)
        try:
            declared = self._declared_length(scope)
            if declared is not None and declared > limit:
                raise _BodyTooLarge
            if declared is None and not streamed:
                # No Content-Length (chunked): read up to the limit first, then replay.
                receive = await self._buffered(receive)
            await self.app(scope, receive, send_with_id)
        except _BodyTooLarge:
            if response_started:
                raise
            status = 413
            await self._send_413(send_with_id, limit)
        finally:
            self._observe(scope, status, time.perf_counter() - started, request_id)

    def _limit(self, scope: Scope) -> tuple[int, bool]:
        """The body limit of this route, and whether the route streams (and checks) it itself."""
        if self.import_max_bytes and _IMPORT_PATH.match(str(scope.get("path", ""))):
            return max(self.import_max_bytes, self.max_body_bytes), True
        return self.max_body_bytes, False

    @staticmethod
    def _request_id(scope: Scope) -> str:
        for name, value in scope.get("headers", []):
            if name == b"x-request-id":
                candidate = bytes(value).decode("latin-1")
                if _SANE_REQUEST_ID.match(candidate):
                    return candidate
        return uuid.uuid4().hex

    @staticmethod
    def _declared_length(scope: Scope) -> int | None:
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    return int(value)
                except ValueError:
                    return None
        return None

    async def _buffered(self, receive: Receive) -> Receive:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                first: Message = message
                break
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_body_bytes:
                raise _BodyTooLarge
            if not message.get("more_body", False):
                first = {"type": "http.request", "body": b"".join(chunks), "more_body": False}
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return first
            return await receive()

        return replay

    async def _send_413(self, send: Send, limit: int) -> None:
        body = json.dumps(
            {
                "type": "urn:novacrm:problem:payload-too-large",
                "title": "Content too large",
                "status": 413,
                "detail": f"request body exceeds the limit of {limit} bytes",
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/problem+json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    @staticmethod
    def _observe(scope: Scope, status: int, duration: float, request_id: str) -> None:
        route_path = _route_template(scope)
        method = scope.get("method", "")
        HTTP_REQUESTS.labels(method=method, route=route_path, status=str(status)).inc()
        HTTP_LATENCY.labels(method=method, route=route_path).observe(duration)
        state: dict[str, Any] = scope.get("state", {})
        log.info(
            "request",
            extra={
                "request_id": request_id,
                "method": method,
                "route": route_path,
                "status": status,
                "duration_ms": round(duration * 1000, 2),
                "user_id": state.get("actor_id"),
            },
        )
