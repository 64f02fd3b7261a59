"""POST /ai/chat/completions: an OpenAI-compatible gateway that scans prompts first."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body

from backend.api.deps import ChatUpstreamDep, CurrentActor, SessionDep, ToolkitDep
from backend.api.schemas_common import PROBLEM_RESPONSES
from backend.app.services import ai_gateway as gateway_service

router = APIRouter(
    prefix="/ai", tags=["ai gateway"], responses={**PROBLEM_RESPONSES, 502: {}, 503: {}}
)

EXAMPLE = {
    "model": "gpt-4o-mini",
    "messages": [{"role": "user", "content": "Summarise our Q3 pipeline"}],
}


@router.post("/chat/completions")
async def chat_completions(
    actor: CurrentActor,
    session: SessionDep,
    toolkit: ToolkitDep,
    upstream: ChatUpstreamDep,
    payload: dict[str, Any] = Body(examples=[EXAMPLE]),
) -> dict[str, Any]:
    """Scan the prompt: injection or secrets → 403 with the findings; PII is redacted before it
    leaves; with no upstream configured → 503."""
    answer = await gateway_service.chat(
        session, actor=actor, toolkit=toolkit, upstream=upstream, payload=payload
    )
    return answer.completion
