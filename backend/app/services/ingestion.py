"""Ingestion workers: turn a queued Graph notification into a scanned message.

Intake (the webhook) only commits the accepted items to the jobs table. These handlers run
later in whichever consumer the settings chose (in-process or Celery): decrypt or fetch the
message, scan it through the compliance hub (idempotent per message and edit), and ask
Graph to hide it when the policy blocks it and remediation is on.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.adapters.graph_client import GraphError, GraphGateway
from backend.app.adapters.graph_crypto import (
    DecryptionError,
    EncryptionCertificate,
    NotificationDecryptor,
)
from backend.app.config import Settings
from backend.app.metrics import GRAPH_DECRYPT_FAILURES, INGESTION_SCANS
from backend.app.models import ScanSource
from backend.app.repositories import graph_chat_users as chat_user_repository
from backend.app.repositories import graph_subscriptions as graph_repository
from backend.app.services import compliance_scans as scan_service
from backend.app.services import jobs as job_service
from backend.app.services.compliance_toolkit import ComplianceToolkit
from backend.app.services.graph_messages import GraphMessage, from_chat_message, from_json
from backend.app.services.jobs import JobError, JobRegistry, PermanentJobError

log = logging.getLogger("nova.ingestion")

NOTIFICATION_JOB = "graph.notification"
MESSAGE_JOB = "graph.message"
REMEDIATE_JOB = "graph.remediate"
LIFECYCLE_JOB = "graph.lifecycle"


@dataclass
class GraphRuntime:
    """What the ingestion handlers need, built once by the composition root."""

    settings: Settings
    toolkit: ComplianceToolkit
    gateway: GraphGateway | None = None
    decryptor: NotificationDecryptor | None = None
    certificate: EncryptionCertificate | None = None  # the current one, sent to Graph

    @property
    def sweeps_chats(self) -> bool:
        """True when a chat resource is subscribed: chats are then caught up after a miss."""
        return any(is_chat_resource(r) for r in self.settings.graph_resources)

    def require_gateway(self) -> GraphGateway:
        if self.gateway is None:
            raise PermanentJobError("Microsoft Graph is not configured (NOVA_GRAPH_*)")
        return self.gateway


def is_chat_resource(resource: str) -> bool:
    """True for a subscription resource that covers chat messages (not channel messages)."""
    path = resource.split("?")[0].strip("/")
    return path.startswith("chats/") or "/chats/" in path


def _tenant_author(runtime: GraphRuntime, message: GraphMessage) -> str | None:
    """The author's Entra id when they belong to our tenant (guests have no chats to export)."""
    tenant, author_tenant = runtime.settings.graph_tenant_id, message.author_tenant_id
    if tenant and author_tenant and author_tenant.lower() != tenant.lower():
        return None
    return message.author_id


def message_dedupe_key(message: GraphMessage) -> str:
    conversation = message.chat_id or message.channel_id or ""
    raw = "\x1f".join((conversation, message.message_id, message.edited_at or ""))
    return "graph:m:" + hashlib.sha256(raw.encode()).hexdigest()[:40]


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def scan_context(message: GraphMessage) -> scan_service.ScanContext:
    """What the compliance hub keys, attributes and links a scan of this message by."""
    return scan_service.ScanContext(
        tenant_id=message.tenant_id,
        team_id=message.team_id,
        channel_id=message.channel_id,
        chat_id=message.chat_id,
        author_id=message.author_id,
        author_name=message.author_name,
        message_id=message.message_id,
        edited_at=message.edited_at,
        message_at=_parse_time(message.created_at),
        link=message.link,
    )


async def ingest(session: AsyncSession, runtime: GraphRuntime, message: GraphMessage) -> str:
    """Scan one message; return the outcome label (also counted in the metrics)."""
    if not message.is_scannable:
        INGESTION_SCANS.labels(outcome="skipped").inc()
        return "skipped"
    if message.team_id and message.channel_id:
        # Remember the channel, so a missed notification can be caught up by delta.
        await graph_repository.ensure_cursor(session, message.team_id, message.channel_id)
    author = _tenant_author(runtime, message) if runtime.sweeps_chats else None
    if author and not await chat_user_repository.is_known(session, author):
        # Remember the author, so a missed chat notification is caught up in their chats.
        await chat_user_repository.insert_missing(session, [author])
    source = ScanSource.TEAMS_CHAT_MESSAGE if message.chat_id else ScanSource.TEAMS_CHANNEL_MESSAGE
    outcome = await scan_service.run_scan(
        session,
        toolkit=runtime.toolkit,
        source=source.value,
        text=message.text,
        context=scan_context(message),
    )
    label = "duplicate" if outcome.duplicate else ("flagged" if outcome.alert_id else "clean")
    INGESTION_SCANS.labels(outcome=label).inc()
    settings = runtime.settings
    blocked = outcome.verdict.decision == "block" and not outcome.suppressed
    if (
        blocked
        and not outcome.duplicate
        and settings.graph_remediation_enabled
        and settings.graph_tenant_licensed
    ):
        await job_service.enqueue(
            session,
            kind=REMEDIATE_JOB,
            payload={
                "resource": message.resource,
                "categories": list(outcome.verdict.categories),
                "policy": outcome.policy_name,
            },
            dedupe_key="graph:r:" + message_dedupe_key(message)[8:],
        )
    return label


async def _message_from_item(runtime: GraphRuntime, item: dict[str, Any]) -> GraphMessage | None:
    tenant_id = item.get("tenantId")
    encrypted = item.get("encryptedContent")
    if isinstance(encrypted, dict):
        if runtime.decryptor is None:
            raise PermanentJobError("no decryption certificate configured")
        try:
            # RSA and AES run in C; off the event loop, the webhook keeps answering meanwhile.
            plaintext = await asyncio.to_thread(runtime.decryptor.decrypt, encrypted)
            message = from_json(json.loads(plaintext), tenant_id=tenant_id)
        except DecryptionError as exc:
            GRAPH_DECRYPT_FAILURES.labels(reason=str(exc)).inc()
            log.warning("graph notification rejected", extra={"reason": str(exc)})
            return None
        except (ValueError, TypeError, AttributeError):
            GRAPH_DECRYPT_FAILURES.labels(reason="not a chatMessage").inc()
            log.warning("graph notification rejected", extra={"reason": "not a chatMessage"})
            return None
        return message
    resource = item.get("resource")
    if not isinstance(resource, str):
        raise PermanentJobError("notification without a resource")
    try:
        fetched = await runtime.require_gateway().get_message(resource)
    except GraphError as exc:
        raise JobError(f"fetching the message failed: {exc}") from exc
    return from_chat_message(fetched, tenant_id=tenant_id) if fetched is not None else None


def build_handlers(runtime: GraphRuntime) -> dict[str, job_service.JobHandler]:
    """The job handlers of the ingestion pipeline, bound to the runtime."""

    async def process_notification(session: AsyncSession, payload: dict[str, Any]) -> None:
        item = payload["item"]
        if item.get("changeType") == "deleted":
            INGESTION_SCANS.labels(outcome="skipped").inc()
            return
        message = await _message_from_item(runtime, item)
        if message is None:
            INGESTION_SCANS.labels(
                outcome="rejected" if item.get("encryptedContent") else "gone"
            ).inc()
            return
        await ingest(session, runtime, message)

    async def process_message(session: AsyncSession, payload: dict[str, Any]) -> None:
        await ingest(session, runtime, GraphMessage.from_payload(payload["message"]))

    async def remediate(session: AsyncSession, payload: dict[str, Any]) -> None:
        categories = [str(c) for c in payload.get("categories", [])]
        tip = f"This message was hidden by the compliance policy {payload.get('policy')!s}."
        try:
            await runtime.require_gateway().mark_policy_violation(
                str(payload["resource"]), tip=tip, conditions=categories
            )
        except GraphError as exc:
            raise JobError(f"marking the policy violation failed: {exc}") from exc

    return {
        NOTIFICATION_JOB: process_notification,
        MESSAGE_JOB: process_message,
        REMEDIATE_JOB: remediate,
    }


def register_jobs(registry: JobRegistry, runtime: GraphRuntime) -> None:
    for kind, handler in build_handlers(runtime).items():
        registry.register(kind, handler)
