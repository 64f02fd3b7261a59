"""A client for any OpenAI-compatible chat completions endpoint (the AI assistant's upstream)."""

from __future__ import annotations

from typing import Any

import httpx


class UpstreamError(Exception):
    """The upstream failed or answered something that is not a chat completion."""


class LlmUpstream:
    def __init__(
        self, *, base_url: str, api_key: str | None, model: str, http: httpx.AsyncClient
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.model = model
        self.http = http

    async def chat(
        self, payload: dict[str, Any], *, timeout_seconds: float = 60.0
    ) -> dict[str, Any]:
        """POST /chat/completions and return the decoded completion."""
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        body = {**payload, "model": payload.get("model") or self.model, "stream": False}
        try:
            response = await self.http.post(
                f"{self.base_url}/chat/completions",
                json=body,
                headers=headers,
                timeout=timeout_seconds,
            )
        except httpx.HTTPError as exc:
            raise UpstreamError(f"upstream unreachable: {type(exc).__name__}") from exc
        if response.status_code >= 400:
            raise UpstreamError(f"upstream answered {response.status_code}")
        try:
            completion = response.json()
        except ValueError as exc:
            raise UpstreamError("upstream answered something that is not JSON") from exc
        if not isinstance(completion, dict) or not isinstance(completion.get("choices"), list):
            raise UpstreamError("upstream answer is not a chat completion")
        return completion
