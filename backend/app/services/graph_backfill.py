"""Catch-up by delta query, one channel page per job, so a crash resumes where it stopped.

Each job fetches one page, enqueues a scan job per message, and moves the channel's cursor,
all in one transaction: a crash before the commit replays the same page (scans are
idempotent), a crash after it continues from the stored next link.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.adapters.graph_client import GraphError
from backend.app.models import GraphDeltaCursor
from backend.app.repositories import graph_subscriptions as graph_repository
from backend.app.services import compliance_scans as scan_service
from backend.app.services import graph_notifications as intake_service
from backend.app.services import jobs as job_service
from backend.app.services.graph_messages import GraphMessage, from_chat_message
from backend.app.services.graph_notifications import PendingJob
from backend.app.services.ingestion import (
    MESSAGE_JOB,
    GraphRuntime,
    message_dedupe_key,
    scan_context,
)
from backend.app.services.jobs import JobError, JobRegistry

BACKFILL_JOB = "graph.backfill"
_CHANNEL_RESOURCE = re.compile(r"^/?teams/([^/]+)/channels/([^/]+)/messages$")
# Graph answers 410 (or 400) when a stored delta link is too old: start a bounded resync.
_EXPIRED_LINK = {400, 404, 410}


def channel_of_resource(resource: str) -> tuple[str, str] | None:
    """(team id, channel id) of a per-channel subscription resource, else None."""
    match = _CHANNEL_RESOURCE.match(resource.split("?")[0])
    return (match.group(1), match.group(2)) if match else None


def _link_key(link: str | None) -> str:
    return hashlib.sha256((link or "first").encode()).hexdigest()[:24]


async def enqueue_page(
    session: AsyncSession, *, team_id: str, channel_id: str, link: str | None
) -> None:
    """Queue the fetch of one page; the same page is never queued twice."""
    await job_service.enqueue(
        session,
        kind=BACKFILL_JOB,
        payload={"team_id": team_id, "channel_id": channel_id},
        dedupe_key=f"graph:b:{team_id}:{channel_id}:{_link_key(link)}"[:200],
    )


async def enqueue_catch_up(session: AsyncSession, *, now: datetime) -> int:
    """Start a delta sync of every known channel (after downtime, missed or removed events)."""
    cursors = await graph_repository.list_cursors(session)
    for cursor in cursors:
        # One catch-up per channel per minute, however many events ask for it.
        link = f"{cursor.next_link or cursor.delta_link}@{int(now.timestamp()) // 60}"
        await enqueue_page(session, team_id=cursor.team_id, channel_id=cursor.channel_id, link=link)
    return len(cursors)


async def enqueue_scans(session: AsyncSession, messages: list[GraphMessage]) -> int:
    """Queue a scan of each message not scanned yet; return how many jobs were queued.

    A catch-up meets messages again (what the notifications brought, a chat message in each
    participant's export): one query drops those already scanned, the jobs' dedupe key those
    already queued, so a message seen twice costs no second scan.
    """
    scannable = [m for m in messages if m.is_scannable]
    scanned = await scan_service.already_scanned(session, [scan_context(m) for m in scannable])
    jobs = [
        PendingJob(
            kind=MESSAGE_JOB,
            payload={"message": message.to_payload()},
            dedupe_key=message_dedupe_key(message),
        )
        for message, done in zip(scannable, scanned, strict=True)
        if not done
    ]
    return len(await intake_service.enqueue_all(session, jobs))


def _flatten(runtime: GraphRuntime, messages: list[Any], team_id: str) -> list[GraphMessage]:
    flat: list[GraphMessage] = []
    for message in messages:
        flat.append(
            from_chat_message(message, tenant_id=runtime.settings.graph_tenant_id, team_id=team_id)
        )
        for reply in message.replies or []:
            flat.append(
                from_chat_message(
                    reply, tenant_id=runtime.settings.graph_tenant_id, team_id=team_id
                )
            )
    return flat


async def run_page(
    session: AsyncSession, runtime: GraphRuntime, *, team_id: str, channel_id: str
) -> GraphDeltaCursor:
    """Fetch the channel's next delta page, queue its messages, move the cursor."""
    cursor = await graph_repository.get_cursor(session, team_id, channel_id)
    if cursor is None:
        cursor = GraphDeltaCursor(team_id=team_id, channel_id=channel_id, messages_seen=0)
        graph_repository.add(session, cursor)
    now = datetime.now(UTC)
    link = cursor.next_link or cursor.delta_link
    since = cursor.last_synced_at or now - timedelta(days=runtime.settings.graph_backfill_days)
    gateway = runtime.require_gateway()
    size = runtime.settings.graph_backfill_page_size
    try:
        page = await gateway.channel_delta(
            team_id=team_id, channel_id=channel_id, url=link, since=since, page_size=size
        )
    except GraphError as exc:
        if link is None or exc.status not in _EXPIRED_LINK:
            raise JobError(f"delta query failed: {exc}") from exc
        # The stored link expired: resync from the last complete sync, still bounded.
        cursor.next_link = cursor.delta_link = None
        page = await gateway.channel_delta(
            team_id=team_id, channel_id=channel_id, url=None, since=since, page_size=size
        )
    await enqueue_scans(session, _flatten(runtime, page.messages, team_id))
    cursor.messages_seen += len(page.messages)
    if page.next_link:
        cursor.next_link = page.next_link
        await enqueue_page(session, team_id=team_id, channel_id=channel_id, link=page.next_link)
    else:
        cursor.next_link = None
        cursor.delta_link = page.delta_link or cursor.delta_link
        cursor.last_synced_at = now
    await session.flush()
    return cursor


def register_jobs(registry: JobRegistry, runtime: GraphRuntime) -> None:
    async def backfill_job(session: AsyncSession, payload: dict[str, Any]) -> None:
        await run_page(
            session, runtime, team_id=payload["team_id"], channel_id=payload["channel_id"]
        )

    registry.register(BACKFILL_JOB, backfill_job)
