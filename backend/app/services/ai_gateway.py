"""The AI prompt gateway: scan first, block or redact, then forward to the configured upstream.

Used by internal AI tools (OpenAI-compatible endpoint, API keys) and by the bot's `ask`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.adapters.llm_upstream import UpstreamError
from backend.app.errors import DomainError, InvalidInput
from backend.app.permissions import Permission
from backend.app.services import compliance_scans as scan_service
from backend.app.services.actors import Actor
from backend.app.services.compliance_scans import ScanContext, ScanOutcome
from backend.app.services.compliance_toolkit import ComplianceToolkit

BLOCKING_CATEGORIES = frozenset({"injection", "secret"})
SCANNED_ROLES = frozenset({"user", "system", "developer", "tool"})


class ChatUpstream(Protocol):
    """An OpenAI-compatible chat completions endpoint."""

    async def chat(self, payload: dict[str, Any]) -> dict[str, Any]: ...


class PromptBlocked(DomainError):
    status = 403
    title = "Prompt blocked by compliance policy"
    type_slug = "prompt-blocked"


class UpstreamNotConfigured(DomainError):
    status = 503
    title = "No AI upstream configured"
    type_slug = "ai-upstream-not-configured"


class UpstreamFailed(DomainError):
    status = 502
    title = "AI upstream failed"
    type_slug = "ai-upstream-failed"


@dataclass(frozen=True)
class GatewayAnswer:
    completion: dict[str, Any]
    prompt_outcomes: list[ScanOutcome]
    redacted_prompt: list[dict[str, Any]]
    answer_redacted: bool


def _findings_summary(outcomes: list[ScanOutcome]) -> list[dict[str, Any]]:
    return [
        {
            "detector": f.detector_id,
            "category": f.category,
            "type": f.entity_type,
            "severity": f.severity,
            "explanation": f.explanation,
        }
        for outcome in outcomes
        for f in outcome.verdict.findings
    ]


def _check_messages(messages: list[dict[str, Any]]) -> None:
    if not messages:
        raise InvalidInput("messages must not be empty")
    for message in messages:
        if not isinstance(message.get("content"), str):
            raise InvalidInput("only text message content is supported")


async def chat(
    session: AsyncSession,
    *,
    actor: Actor,
    toolkit: ComplianceToolkit,
    upstream: ChatUpstream | None,
    payload: dict[str, Any],
    source: str = "ai_gateway",
    context: ScanContext | None = None,
) -> GatewayAnswer:
    """Scan every prompt message; block on injection or secrets; redact PII; then forward."""
    actor.require(Permission.AI_GATEWAY)
    if payload.get("stream"):
        raise InvalidInput('streaming is not supported by the gateway; send "stream": false')
    messages = [dict(m) for m in payload.get("messages", [])]
    _check_messages(messages)
    outcomes: list[ScanOutcome] = []
    for message in messages:
        if message.get("role") not in SCANNED_ROLES:
            continue
        outcome = await scan_service.run_scan(
            session,
            toolkit=toolkit,
            source=source,
            text=message["content"],
            context=_prompt_context(actor, context, message),
        )
        outcomes.append(outcome)
        message["content"] = outcome.verdict.redacted_text
    blocking = sorted({c for o in outcomes for c in o.verdict.categories} & BLOCKING_CATEGORIES)
    if blocking:
        raise PromptBlocked(
            f"the prompt contains {' and '.join(blocking)}; it was not sent to the AI assistant",
            keep_changes=True,
            findings=_findings_summary(outcomes),
            alert_ids=[str(o.alert_id) for o in outcomes if o.alert_id],
        )
    if upstream is None:
        raise UpstreamNotConfigured(
            "no AI upstream is configured (NOVA_AI_UPSTREAM_URL); the prompt passed the compliance "
            "checks but was not sent anywhere",
            keep_changes=True,
            verdict="allowed" if not _findings_summary(outcomes) else "redacted",
            sanitized_messages=messages,
            findings=_findings_summary(outcomes),
        )
    forwarded = {**payload, "messages": messages}
    try:
        completion = await upstream.chat(forwarded)
    except UpstreamError as exc:
        raise UpstreamFailed(str(exc), keep_changes=True) from exc
    answer_redacted = await _scan_answer(toolkit, completion)
    completion["nova_compliance"] = {
        "prompt_findings": _findings_summary(outcomes),
        "prompt_redacted": any(o.verdict.findings for o in outcomes),
        "answer_redacted": answer_redacted,
    }
    return GatewayAnswer(completion, outcomes, messages, answer_redacted)


def _prompt_context(
    actor: Actor, context: ScanContext | None, message: dict[str, Any]
) -> ScanContext:
    # A client resends the whole conversation on every call: key each message by its content
    # so history already scanned is recognised instead of raising the same alert again.
    digest = hashlib.sha256(f"{message['role']}\x1f{message['content']}".encode()).hexdigest()[:40]
    base = context or ScanContext()
    return ScanContext(
        tenant_id=base.tenant_id,
        chat_id=base.chat_id or f"ai-gateway:{actor.kind}:{actor.id}",
        author_id=base.author_id,
        author_name=base.author_name,
        message_id=base.message_id or digest,
        link=base.link,
    )


async def _scan_answer(toolkit: ComplianceToolkit, completion: dict[str, Any]) -> bool:
    """Redact secrets and PII the model may have produced."""
    redacted = False
    for choice in completion.get("choices", []):
        message = choice.get("message") or {}
        content = message.get("content")
        if isinstance(content, str) and content:
            verdict = await toolkit.adapter.scan(content)
            leaked = [f for f in verdict.findings if f.category in ("secret", "pii")]
            if leaked:
                message["content"] = toolkit.adapter.redact_categories(
                    content, verdict, ["secret", "pii"]
                )
                redacted = True
    return redacted
