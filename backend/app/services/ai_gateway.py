"""The AI prompt gateway: scan first, block or redact, then forward to the configured upstream.

Three steps, usable apart: ``screen_prompt`` (the gate: scan, record, block or redact),
``forward`` (the upstream call) and ``scan_answer`` (redact what the model answered). ``chat``
runs them in one go for the OpenAI-compatible endpoint; the bot's `ask` screens in the turn and
forwards from a background job.
"""

from __future__ import annotations

import asyncio
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


@dataclass(frozen=True)
class ScreenedPrompt:
    """A prompt that passed the gate: the request to forward, its messages sanitised."""

    request: dict[str, Any]
    outcomes: list[ScanOutcome]

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.request["messages"])

    @property
    def findings(self) -> list[dict[str, Any]]:
        return _findings_summary(self.outcomes)

    @property
    def redacted(self) -> bool:
        return any(o.verdict.findings for o in self.outcomes)

    @property
    def verdict(self) -> str:
        return "redacted" if self.findings else "allowed"


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


async def screen_prompt(
    session: AsyncSession,
    *,
    actor: Actor,
    toolkit: ComplianceToolkit,
    payload: dict[str, Any],
    source: str = "ai_gateway",
    context: ScanContext | None = None,
) -> ScreenedPrompt:
    """The gate: scan every prompt message (recorded like any scan); block on injection or
    secrets (PromptBlocked, the scans kept); otherwise the request with PII redacted."""
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
    return ScreenedPrompt({**payload, "messages": messages}, outcomes)


def not_configured(screened: ScreenedPrompt) -> UpstreamNotConfigured:
    """The error for a screened prompt with nowhere to go (it carries the verdict)."""
    return UpstreamNotConfigured(
        "no AI upstream is configured (NOVA_AI_UPSTREAM_URL); the prompt passed the compliance "
        "checks but was not sent anywhere",
        keep_changes=True,
        verdict=screened.verdict,
        sanitized_messages=screened.messages,
        findings=screened.findings,
    )


async def forward(
    upstream: ChatUpstream, request: dict[str, Any], *, timeout_seconds: float | None = None
) -> dict[str, Any]:
    """Send a screened request upstream; any failure, or no answer in time, is UpstreamFailed."""
    try:
        async with asyncio.timeout(timeout_seconds):
            return await upstream.chat(request)
    except UpstreamError as exc:
        raise UpstreamFailed(str(exc), keep_changes=True) from exc
    except TimeoutError as exc:
        raise UpstreamFailed(
            f"upstream did not answer within {timeout_seconds:g} s", keep_changes=True
        ) from exc


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
    screened = await screen_prompt(
        session, actor=actor, toolkit=toolkit, payload=payload, source=source, context=context
    )
    if upstream is None:
        raise not_configured(screened)
    completion = await forward(upstream, screened.request)
    answer_redacted = await scan_answer(toolkit, completion)
    completion["nova_compliance"] = {
        "prompt_findings": screened.findings,
        "prompt_redacted": screened.redacted,
        "answer_redacted": answer_redacted,
    }
    return GatewayAnswer(completion, screened.outcomes, screened.messages, answer_redacted)


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


async def scan_answer(toolkit: ComplianceToolkit, completion: dict[str, Any]) -> bool:
    """Redact, in place, secrets and PII the model may have produced; True if it did."""
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
