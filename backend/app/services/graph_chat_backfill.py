"""Catch-up of chats, one page of one user's chat export per job (ADR-0013).

Graph has no delta query for chat messages: each known tenant user's messages are read through
``/users/{id}/chats/getAllMessages`` with a window on ``lastModifiedDateTime``, from where that
user's chats are known complete to the end the catch-up asked for. Each job fetches one page,
queues a scan of each message not scanned yet and stores the next link, all in one
transaction: a crash before the commit replays the page (scans are idempotent), a crash after
it continues from the stored link.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.adapters.graph_client import DeltaPage, GraphError
from backend.app.models import GraphChatUser
from backend.app.repositories import graph_chat_users as chat_user_repository
from backend.app.services import graph_backfill as backfill_service
from backend.app.services import graph_notifications as intake_service
from backend.app.services.graph_messages import from_chat_message
from backend.app.services.graph_notifications import PendingJob
from backend.app.services.ingestion import GraphRuntime
from backend.app.services.jobs import JobError, JobRegistry

log = logging.getLogger("nova.graph.chats")

CHAT_BACKFILL_JOB = "graph.chat_backfill"
# Each window reaches a little before the last one ended: the export may show a message a
# moment after it was written, and clocks drift. What is met twice costs one query.
WINDOW_OVERLAP = timedelta(minutes=5)
# A stored next link Graph no longer accepts: page the same window again from its start.
_EXPIRED_LINK = {400, 404, 410}


def _page_job(user_id: str, link: str) -> PendingJob:
    digest = hashlib.sha256(link.encode()).hexdigest()[:24]
    return PendingJob(
        kind=CHAT_BACKFILL_JOB,
        payload={"user_id": user_id},
        dedupe_key=f"graph:cb:{user_id}:{digest}"[:200],
    )


async def enqueue_catch_up(session: AsyncSession, runtime: GraphRuntime, *, now: datetime) -> int:
    """Sweep the chats of every known tenant user up to ``now``; return how many users."""
    if not runtime.sweeps_chats:
        return 0  # no chat subscription: notifications never covered chats
    crm_and_bot_users = await chat_user_repository.crm_and_bot_user_ids(session)
    await chat_user_repository.insert_missing(session, crm_and_bot_users)
    users = await chat_user_repository.request_sweep(session, now)
    # A window in flight takes the new end when it finishes, and a first page still queued
    # reads it when it runs: one job per user, per watermark or page, per minute is enough
    # (the minute restarts a chain whose job was dead-lettered).
    minute = int(now.timestamp()) // 60
    jobs = [
        _page_job(u.aad_object_id, f"{u.next_link or f'start@{u.swept_until}'}@{minute}")
        for u in users
    ]
    await intake_service.enqueue_all(session, jobs)
    return len(users)


def _window_start(runtime: GraphRuntime, user: GraphChatUser, now: datetime) -> datetime:
    # The first sweep of a user, and any sweep after a long quiet time, reach back at most
    # NOVA_GRAPH_BACKFILL_DAYS (Graph reports a miss within hours, not weeks).
    floor = now - timedelta(days=runtime.settings.graph_backfill_days)
    if user.swept_until is None:
        return floor
    return max(user.swept_until - WINDOW_OVERLAP, floor)


async def _fetch(runtime: GraphRuntime, user: GraphChatUser, now: datetime) -> DeltaPage | None:
    """The window's next page; None when Graph does not know the user (deleted, a guest)."""
    assert user.window_end is not None
    link, since = user.next_link, _window_start(runtime, user, now)
    if link is None and since >= user.window_end:
        return DeltaPage(messages=[], next_link=None, delta_link=None)  # asked long ago
    try:
        return await runtime.require_gateway().user_chat_messages(
            user_id=user.aad_object_id,
            url=link,
            since=since,
            until=user.window_end,
            page_size=runtime.settings.graph_backfill_page_size,
        )
    except GraphError as exc:
        error = exc
    if link is not None and error.status in _EXPIRED_LINK:
        user.next_link = None
        return await _fetch(runtime, user, now)
    if error.status == 404:
        return None
    raise JobError(f"chat export failed: {error}") from error


def _due(user: GraphChatUser) -> datetime | None:
    """The end of the next window, when a catch-up asked for more than is swept."""
    asked = user.requested_until
    if asked is None or (user.swept_until is not None and user.swept_until >= asked):
        return None
    return asked


async def run_page(session: AsyncSession, runtime: GraphRuntime, *, user_id: str) -> None:
    """Fetch the next page of the user's chat window, queue its messages, move the cursor."""
    user = await chat_user_repository.get_for_update(session, user_id)
    if user is None or user.gone_at is not None:
        return
    if user.next_link is None:
        user.window_end = _due(user)
        if user.window_end is None:
            return  # a duplicate job, or the sweep already reached what was asked
    now = datetime.now(UTC)
    page = await _fetch(runtime, user, now)
    if page is None:
        log.warning("chat export: Graph does not know this user; no longer swept")
        user.gone_at, user.next_link, user.window_end = now, None, None
        return
    tenant_id = runtime.settings.graph_tenant_id
    messages = [from_chat_message(m, tenant_id=tenant_id) for m in page.messages]
    await backfill_service.enqueue_scans(session, messages)
    user.messages_seen += len(page.messages)
    if page.next_link:
        user.next_link = page.next_link
        await intake_service.enqueue_all(session, [_page_job(user_id, page.next_link)])
        return
    user.next_link, user.swept_until, user.window_end = None, user.window_end, None
    asked = _due(user)
    if asked is not None:  # a later catch-up asked for more while this window ran
        await intake_service.enqueue_all(session, [_page_job(user_id, f"start@{asked}")])


def register_jobs(registry: JobRegistry, runtime: GraphRuntime) -> None:
    async def chat_backfill_job(session: AsyncSession, payload: dict[str, Any]) -> None:
        await run_page(session, runtime, user_id=str(payload["user_id"]))

    registry.register(CHAT_BACKFILL_JOB, chat_backfill_job)
