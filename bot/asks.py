"""`ask` in the background: acknowledged at once, answered by a job, shown in place.

The turn runs the gateway's gate (``commands._ask``: the same scan, records and alerts as the
REST endpoint). A blocked prompt, or one with no upstream to go to, is answered there and then.
An allowed one gets a "thinking…" card at once; a job calls the upstream, scans the answer, and
the answer replaces that card (Bot Connector update-activity; a new message when the update is
refused).

The upstream call never runs inside a transaction: a job's handler runs in the runner's
transaction, which on SQLite is the app's only writer lock and on PostgreSQL a pooled
connection, and the call may take half a minute (ADR-0010: network calls wait for the commit).
So each attempt is a job whose handler only checks that nothing was delivered yet; the call runs
once that has committed. A failed call enqueues the next attempt after the runner's backoff, up
to ``ATTEMPTS``; the last failure shows the "assistant unavailable" card. A closure job, due
once every attempt's time is up, shows that card if a process died mid-call. Whatever is shown
first claims the delivery mark (``bot_processed_activity``), so a job run twice answers once.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.db import after_commit
from backend.app.services import ai_gateway as gateway_service
from backend.app.services import bot_activities as activity_service
from backend.app.services import jobs as job_service
from backend.app.services.ai_gateway import ScreenedPrompt
from bot import cards
from bot.context import ASK_JOB, BotServices, reference_of
from bot.pacing import OutboundFailed
from bot.ports import Turn

log = logging.getLogger("nova.bot.ask")

ATTEMPTS = 3
TIMEOUT_SECONDS = 40.0  # one attempt's upstream call; Teams was answered long before
# Past every attempt's call and backoff, with room for a queue that is behind.
CLOSURE_AFTER = timedelta(seconds=ATTEMPTS * TIMEOUT_SECONDS + 120)


@dataclass(frozen=True)
class PendingAsk:
    """A prompt that passed the gate: the card to show now and the payload of its job."""

    card: dict[str, Any]
    payload: dict[str, Any]


def pending(services: BotServices, locale: str | None, screened: ScreenedPrompt) -> PendingAsk:
    """The acknowledgement, and the job's payload with the sanitised request sealed."""
    ask = uuid.uuid4().hex
    request = json.dumps(screened.request, ensure_ascii=False)
    return PendingAsk(
        card=cards.ask_card(locale, pending=True, redacted_note=screened.redacted),
        payload={
            "ask": ask,
            "locale": locale,
            "redacted": screened.redacted,
            "sealed_request": services.seal(request, context=_seal_context(ask)),
        },
    )


async def acknowledge(services: BotServices, turn: Turn, ask: PendingAsk) -> None:
    """Show the acknowledgement, then queue the first attempt and the closure.

    Queued after the acknowledgement went out, so the job knows which message to update and
    an answer can never arrive before its "thinking…" card.
    """
    reply_id: str | None = None
    try:
        reply_id = await turn.send(cards.message(ask.card))
    except OutboundFailed as exc:
        if 400 <= exc.status < 500:
            raise  # the conversation refuses the bot: an answer would be refused too
        # No answer or a 5xx: the card may have arrived. The answer will come as a new message.
        log.warning("ask acknowledgement not confirmed", extra={"status": exc.status})
    payload = ask.payload | {"reference": reference_of(turn.activity), "reply_id": reply_id}
    try:
        async with services.database.session_scope() as session:
            await _enqueue(session, payload, attempt=1)
            await _enqueue(session, payload, attempt=None)
    except Exception:
        error_id = uuid.uuid4().hex[:12]
        log.exception("ask not queued", extra={"error_id": error_id, "ask": payload["ask"]})
        content = cards.message(cards.error_card(payload["locale"], error_id))
        if reply_id:
            await turn.update(reply_id, content)
        else:
            await turn.send(content)


async def run_ask_job(
    services: BotServices, session: AsyncSession, payload: dict[str, Any]
) -> None:
    """Job handler: one attempt (its call runs after this commits), or the closure."""
    ask = str(payload["ask"])
    if await activity_service.seen(session, key=_delivered_key(ask)):
        return  # answered, or told the assistant is unavailable, already
    if payload.get("attempt") is None:
        error_id = uuid.uuid4().hex[:12]
        log.error("ask never answered", extra={"error_id": error_id, "ask": ask})
        await _claim_and_show(session, services, payload, _unavailable(payload, error_id))
        return
    request = json.loads(services.unseal(payload["sealed_request"], context=_seal_context(ask)))

    async def call() -> None:
        # Up to TIMEOUT_SECONDS of waiting: not on the worker, nor before the after-commit
        # actions of the other jobs of its batch (coaching cards).
        services.detach(_attempt(services, payload, request), name=f"nova-ask-{ask}")

    after_commit(session, call)


async def _attempt(services: BotServices, payload: dict[str, Any], request: Any) -> None:
    """Call the upstream (no transaction open), scan the answer and show it."""
    try:
        if services.upstream is None:
            raise gateway_service.UpstreamFailed("no AI upstream is configured any more")
        completion = await gateway_service.forward(
            services.upstream, request, timeout_seconds=TIMEOUT_SECONDS
        )
    except gateway_service.UpstreamFailed as exc:
        await _failed(services, payload, exc)
        return
    await gateway_service.scan_answer(services.toolkit, completion)
    choices = completion.get("choices") or [{}]
    answer = str((choices[0].get("message") or {}).get("content") or "")
    content = cards.ask_card(
        payload["locale"], answer=answer, redacted_note=bool(payload.get("redacted"))
    )
    async with services.database.session_scope() as session:
        await _claim_and_show(session, services, payload, content)


async def _failed(
    services: BotServices, payload: dict[str, Any], exc: gateway_service.UpstreamFailed
) -> None:
    """Retry after the runner's backoff while attempts remain; then say it is unavailable."""
    attempt = int(payload["attempt"])
    error_id = uuid.uuid4().hex[:12]
    extra = {"error_id": error_id, "ask": payload["ask"], "attempt": attempt, "error": exc.detail}
    async with services.database.session_scope() as session:
        if attempt < ATTEMPTS:
            log.warning("AI upstream failed; the ask will be retried", extra=extra)
            delay = timedelta(seconds=job_service.backoff_delay(attempt))
            await _enqueue(session, payload, attempt=attempt + 1, delay=delay)
            return
        log.error("AI upstream failed; the assistant is unavailable", extra=extra)
        await _claim_and_show(session, services, payload, _unavailable(payload, error_id))


async def _enqueue(
    session: AsyncSession,
    payload: dict[str, Any],
    *,
    attempt: int | None,
    delay: timedelta = timedelta(0),
) -> None:
    """Attempt ``attempt`` of the ask, or its closure (``None``): once each, whoever asks."""
    if attempt is None:
        job = {k: v for k, v in payload.items() if k != "sealed_request"} | {"attempt": None}
        delay, step = CLOSURE_AFTER, "closure"
    else:
        job, step = payload | {"attempt": attempt}, str(attempt)
    await job_service.enqueue(
        session,
        kind=ASK_JOB,
        payload=job,
        run_at=datetime.now(UTC) + delay,
        dedupe_key=f"{ASK_JOB}:{payload['ask']}:{step}",
    )


def _unavailable(payload: dict[str, Any], error_id: str) -> dict[str, Any]:
    return cards.ask_card(payload["locale"], unavailable=error_id)


async def _claim_and_show(
    session: AsyncSession, services: BotServices, payload: dict[str, Any], content: dict[str, Any]
) -> None:
    """Claim the ask's one delivery in this transaction; show the card once it commits."""
    if not await activity_service.first_delivery(session, key=_delivered_key(payload["ask"])):
        return

    async def show() -> None:
        await _show(services, payload, cards.message(content))

    after_commit(session, show)


async def _show(services: BotServices, payload: dict[str, Any], message: dict[str, Any]) -> None:
    """Replace the acknowledgement; a new message when there is none or it cannot be updated."""
    outbound = services.require_outbound()
    reference, reply_id = payload["reference"], payload.get("reply_id")
    try:
        if reply_id:
            try:
                await outbound.update(reference, reply_id, message)
                return
            except OutboundFailed as exc:
                # Refused (deleted, or not updatable here): say it anew. A 5xx or no answer
                # may have been applied, and a 429 outlasted its retries: never twice.
                if exc.status == 429 or not 400 <= exc.status < 500:
                    raise
        await outbound.post(reference, message)
    except OutboundFailed as exc:
        log.warning("ask answer not delivered", extra={"status": exc.status, "ask": payload["ask"]})


def _seal_context(ask: str) -> str:
    return f"bot-ask-job:{ask}"


def _delivered_key(ask: str) -> str:
    return activity_service.activity_key(ASK_JOB, ask, "delivered")
