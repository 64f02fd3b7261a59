"""Webhook intake: screen a Graph notification batch and commit what passes to the jobs table.

Nothing here scans or calls Graph: Graph wants an answer within 3 s, so the webhook only
checks authenticity (clientState on every item, validationTokens for rich notifications)
and enqueues. Items that fail a check are dropped, counted and logged, never scanned.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.adapters.graph_tokens import ValidationTokenVerifier
from backend.app.errors import DomainError
from backend.app.metrics import GRAPH_NOTIFICATIONS
from backend.app.services import jobs as job_service
from backend.app.services.ingestion import LIFECYCLE_JOB, NOTIFICATION_JOB

log = logging.getLogger("nova.graph.intake")

MAX_VALIDATION_TOKEN_CHARS = 2048


class NotANotification(DomainError):
    """400: the body is not a Graph notification batch at all (Graph never retries a 400)."""

    status = 400
    title = "Not a Graph notification"
    type_slug = "not-a-graph-notification"


@dataclass(frozen=True)
class GraphIntake:
    """The webhook's secrets and checks, built once from the settings."""

    client_state: str | None
    verifier: ValidationTokenVerifier | None
    max_items: int = 1000

    def client_state_matches(self, value: Any) -> bool:
        if not self.client_state or not isinstance(value, str):
            return False
        return hmac.compare_digest(value.encode(), self.client_state.encode())


@dataclass(frozen=True)
class IntakeResult:
    accepted: int
    dropped: int


def validation_echo(token: str) -> str:
    """The handshake answer: the (already URL-decoded) token, checked to be plain text."""
    if len(token) > MAX_VALIDATION_TOKEN_CHARS or not token.isprintable():
        raise NotANotification("validationToken is not a plausible token")
    return token


def parse_batch(body: bytes, *, max_items: int) -> tuple[list[dict[str, Any]], list[Any]]:
    """The items and validation tokens of a notification batch; NotANotification if it is not one."""
    try:
        document = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NotANotification("the body is not JSON") from exc
    items = document.get("value") if isinstance(document, dict) else None
    if not isinstance(items, list) or not items:
        raise NotANotification("the body is not a Graph notification batch (no 'value' list)")
    if len(items) > max_items:
        raise NotANotification(f"a batch carries at most {max_items} notifications")
    if not all(isinstance(i, dict) and isinstance(i.get("subscriptionId"), str) for i in items):
        raise NotANotification("every notification needs a subscriptionId")
    tokens = document.get("validationTokens") or []
    return items, tokens if isinstance(tokens, list) else [None]


def _drop(reason: str, item: dict[str, Any], count: int = 1) -> None:
    GRAPH_NOTIFICATIONS.labels(outcome=reason).inc(count)
    log.warning(
        "graph notification dropped",
        extra={"reason": reason, "subscription_id": item.get("subscriptionId")},
    )


def _dedupe_key(prefix: str, item: dict[str, Any]) -> str:
    # Graph redelivers the identical item when our answer was late: one job is enough.
    canonical = json.dumps(item, sort_keys=True, separators=(",", ":"), default=str)
    return f"graph:{prefix}:" + hashlib.sha256(canonical.encode()).hexdigest()[:40]


async def receive(
    session: AsyncSession, *, intake: GraphIntake, body: bytes, lifecycle: bool
) -> IntakeResult:
    """Screen a batch and enqueue the accepted items in the caller's transaction."""
    items, tokens = parse_batch(body, max_items=intake.max_items)
    accepted: list[dict[str, Any]] = []
    for item in items:
        if intake.client_state_matches(item.get("clientState")):
            accepted.append({k: v for k, v in item.items() if k != "clientState"})
        else:
            _drop("client_state_mismatch", item)
    rich = [i for i in accepted if "encryptedContent" in i]
    if rich and not (intake.verifier and await intake.verifier.verify_all(tokens)):
        _drop("validation_token_invalid", rich[0], len(rich))
        accepted = [i for i in accepted if "encryptedContent" not in i]
    for item in accepted:
        is_lifecycle = lifecycle or "lifecycleEvent" in item
        kind = LIFECYCLE_JOB if is_lifecycle else NOTIFICATION_JOB
        await job_service.enqueue(
            session,
            kind=kind,
            payload={"item": item},
            dedupe_key=_dedupe_key("l" if is_lifecycle else "n", item),
        )
    GRAPH_NOTIFICATIONS.labels(outcome="accepted").inc(len(accepted))
    return IntakeResult(accepted=len(accepted), dropped=len(items) - len(accepted))
