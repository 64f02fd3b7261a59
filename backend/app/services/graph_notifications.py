"""Webhook intake: screen a Graph notification batch and commit what passes to the jobs table.

Nothing here scans or calls Graph: Graph wants an answer within 3 s, so the webhook only
checks authenticity (clientState on every item, validationTokens for rich notifications)
and enqueues. Items that fail a check are dropped, counted and logged, never scanned.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.adapters.graph_tokens import ValidationTokenVerifier
from backend.app.db import Database
from backend.app.errors import DomainError
from backend.app.metrics import GRAPH_NOTIFICATIONS
from backend.app.repositories import graph_intake as intake_repository
from backend.app.services import jobs as job_service
from backend.app.services.ingestion import LIFECYCLE_JOB, NOTIFICATION_JOB

log = logging.getLogger("nova.graph.intake")

MAX_VALIDATION_TOKEN_CHARS = 2048
JOB_MAX_ATTEMPTS = 5


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


def validation_echo(token: str) -> str:
    """The handshake answer: the (already URL-decoded) token, checked to be plain text."""
    if len(token) > MAX_VALIDATION_TOKEN_CHARS or not token.isprintable():
        raise NotANotification("validationToken is not a plausible token")
    return token


def parse_batch(body: bytes, *, max_items: int) -> tuple[list[dict[str, Any]], list[Any]]:
    """The items and validation tokens of a batch; NotANotification if it is not one."""
    try:
        document = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
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


@dataclass(frozen=True)
class PendingJob:
    kind: str
    payload: dict[str, Any]
    dedupe_key: str


async def screen(intake: GraphIntake, *, body: bytes, lifecycle: bool) -> list[PendingJob]:
    """Check a batch; return the jobs for the items that passed (drops are counted)."""
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
    jobs = []
    for item in accepted:
        is_lifecycle = lifecycle or "lifecycleEvent" in item
        jobs.append(
            PendingJob(
                kind=LIFECYCLE_JOB if is_lifecycle else NOTIFICATION_JOB,
                payload={"item": item},
                dedupe_key=_dedupe_key("l" if is_lifecycle else "n", item),
            )
        )
    return jobs


async def enqueue_all(session: AsyncSession, jobs: list[PendingJob]) -> list[int]:
    """Add the screened jobs to the caller's transaction (an identical one is added once)."""
    unique = {job.dedupe_key: job for job in jobs}  # a batch may repeat an item
    rows = [
        {"kind": j.kind, "payload": j.payload, "dedupe_key": j.dedupe_key} for j in unique.values()
    ]
    ids = await intake_repository.insert_jobs(
        session, rows, now=datetime.now(UTC), max_attempts=JOB_MAX_ATTEMPTS
    )
    # The after-commit hook wakes the workers or publishes these ids to the broker.
    session.info.setdefault(job_service.ENQUEUED_KEY, []).extend(ids)
    return ids


class GroupCommit:
    """Commits the jobs of concurrent webhook requests in one transaction (group commit).

    Each request waits until its own jobs are committed, so the 202 still means durable;
    requests that arrive while a commit is running share the next one. Under load this turns
    hundreds of small write transactions per second into a few, which is what keeps the
    webhook inside Graph's 3 s even while the workers drain a backlog (SQLite has one writer).
    """

    def __init__(self, database: Database, *, max_jobs: int = 5000) -> None:
        self.database = database
        self.max_jobs = max_jobs
        self._pending: list[tuple[list[PendingJob], asyncio.Future[None]]] = []
        self._flusher: asyncio.Task[None] | None = None

    async def commit(self, jobs: list[PendingJob]) -> None:
        """Return once ``jobs`` are committed; raise if their transaction failed."""
        if not jobs:
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._pending.append((jobs, future))
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush(), name="nova-graph-group-commit")
        await asyncio.shield(future)
        GRAPH_NOTIFICATIONS.labels(outcome="accepted").inc(len(jobs))

    def _take(self) -> list[tuple[list[PendingJob], asyncio.Future[None]]]:
        taken: list[tuple[list[PendingJob], asyncio.Future[None]]] = []
        size = 0
        while self._pending and (not taken or size + len(self._pending[0][0]) <= self.max_jobs):
            entry = self._pending.pop(0)
            taken.append(entry)
            size += len(entry[0])
        return taken

    async def _flush(self) -> None:
        while self._pending:
            group = self._take()
            try:
                async with self.database.session_scope() as session:
                    for jobs, _ in group:
                        await enqueue_all(session, jobs)
            except Exception as exc:
                for _, future in group:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for _, future in group:
                if not future.done():
                    future.set_result(None)
