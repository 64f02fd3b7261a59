"""The subscription manager: create, renew ahead of expiry, recreate, and lifecycle events."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.adapters.graph_client import GraphError
from backend.app.adapters.graph_crypto import EncryptionCertificate
from backend.app.metrics import GRAPH_LIFECYCLE_EVENTS, GRAPH_SUBSCRIPTION_EXPIRY
from backend.app.models import GraphSubscription, SubscriptionStatus
from backend.app.repositories import graph_subscriptions as graph_repository
from backend.app.services import graph_backfill as backfill_service
from backend.app.services import graph_chat_backfill as chat_backfill_service
from backend.app.services.ingestion import LIFECYCLE_JOB, GraphRuntime, is_chat_resource
from backend.app.services.jobs import JobError, JobRegistry

log = logging.getLogger("nova.graph.subscriptions")

MAINTAIN_JOB = "graph.subscriptions"
# Graph refuses long expirations on some tenants; under an hour never needs lifecycle URLs.
FALLBACK_MINUTES = 55


def _certificate(runtime: GraphRuntime) -> EncryptionCertificate | None:
    # Rich notifications need a certificate; without one, Graph sends ids and we fetch.
    return runtime.certificate


async def _create(runtime: GraphRuntime, row: GraphSubscription, now: datetime) -> None:
    settings = runtime.settings
    gateway = runtime.require_gateway()
    certificate = _certificate(runtime)
    minutes = settings.graph_subscription_minutes
    kwargs: dict[str, Any] = {
        "resource": row.resource,
        "change_type": settings.graph_subscription_change_types,
        "notification_url": settings.graph_notification_endpoint,
        "lifecycle_url": settings.graph_lifecycle_endpoint,
        "client_state": settings.graph_client_state.get_secret_value()
        if settings.graph_client_state
        else "",
        "certificate": certificate,
    }
    try:
        created = await gateway.create_subscription(
            expires_at=now + timedelta(minutes=minutes), **kwargs
        )
    except GraphError as exc:
        if exc.status != 400 or minutes <= FALLBACK_MINUTES:
            raise
        created = await gateway.create_subscription(
            expires_at=now + timedelta(minutes=FALLBACK_MINUTES), **kwargs
        )
    row.subscription_id = created.id
    row.expires_at = created.expiration_date_time
    row.status = SubscriptionStatus.ACTIVE
    row.change_type = settings.graph_subscription_change_types
    row.include_resource_data = certificate is not None
    row.certificate_id = certificate.cert_id if certificate else None
    row.last_renewed_at = now
    row.last_error = None
    log.info("graph subscription created", extra={"resource": row.resource})


async def _renew(runtime: GraphRuntime, row: GraphSubscription, now: datetime) -> bool:
    """Renew the subscription; return True if Graph had dropped it and it was recreated."""
    certificate = _certificate(runtime)
    rotate = certificate is not None and certificate.cert_id != row.certificate_id
    expires = now + timedelta(minutes=runtime.settings.graph_subscription_minutes)
    try:
        renewed = await runtime.require_gateway().renew_subscription(
            str(row.subscription_id),
            expires_at=expires,
            certificate=certificate if rotate else None,
        )
    except GraphError as exc:
        if exc.status != 404:
            raise
        log.warning("graph subscription vanished; recreating", extra={"resource": row.resource})
        await _create(runtime, row, now)
        return True
    row.expires_at = (renewed.expiration_date_time if renewed else None) or expires
    row.certificate_id = certificate.cert_id if certificate else row.certificate_id
    row.last_renewed_at = now
    row.last_error = None
    return False


def _lapsed(row: GraphSubscription, now: datetime) -> bool:
    """Whether notifications may have been lost: it was live once and no longer is (the app was
    down past its expiry, or creating it again failed for a while)."""
    if row.last_renewed_at is None:
        return False  # never live: the first sync of each channel and user reaches back anyway
    expired = row.expires_at is not None and row.expires_at <= now
    return expired or row.status != SubscriptionStatus.ACTIVE or not row.subscription_id


async def _maintain_one(
    session: AsyncSession, runtime: GraphRuntime, resource: str, now: datetime
) -> GraphSubscription:
    row = await graph_repository.get_by_resource(session, resource)
    if row is None:
        row = GraphSubscription(resource=resource, status=SubscriptionStatus.PENDING)
        graph_repository.add(session, row)
    margin = timedelta(minutes=runtime.settings.graph_subscription_renew_before_minutes)
    lapsed = _lapsed(row, now)
    try:
        if row.status != SubscriptionStatus.ACTIVE or not row.subscription_id:
            await _create(runtime, row, now)
        elif row.expires_at is None or row.expires_at - now <= margin:
            lapsed = await _renew(runtime, row, now) or lapsed
        else:
            return row
    except GraphError as exc:
        row.status = SubscriptionStatus.FAILED
        row.last_error = str(exc)
        log.error("graph subscription failed", extra={"resource": resource, "error": str(exc)})
        return row
    if lapsed:
        # Live again after a gap: what was sent meanwhile never came as notifications.
        log.warning("graph subscription was down; catching up", extra={"resource": resource})
        await _catch_up(session, runtime, row, now)
    return row


async def maintain(session: AsyncSession, runtime: GraphRuntime) -> list[GraphSubscription]:
    """Bring every configured resource to an active subscription that is not about to expire."""
    now = datetime.now(UTC)
    rows = []
    for resource in runtime.settings.graph_resources:
        row = await _maintain_one(session, runtime, resource, now)
        rows.append(row)
        if row.expires_at is not None:
            left = (row.expires_at - now).total_seconds()
            GRAPH_SUBSCRIPTION_EXPIRY.labels(resource=resource).set(left)
        channel = backfill_service.channel_of_resource(resource)
        if channel is not None:
            await graph_repository.ensure_cursor(session, *channel)
    await session.flush()
    return rows


async def _catch_up(
    session: AsyncSession, runtime: GraphRuntime, row: GraphSubscription | None, now: datetime
) -> None:
    """Catch up what notifications may have missed: channels by delta, chats by export."""
    await backfill_service.enqueue_catch_up(session, now=now)
    # Chats only when the event's subscription covers them (any, if the subscription is unknown).
    if row is None or is_chat_resource(row.resource):
        await chat_backfill_service.enqueue_catch_up(session, runtime, now=now)


async def handle_lifecycle(
    session: AsyncSession, runtime: GraphRuntime, item: dict[str, Any]
) -> str:
    """React to a lifecycle event; return what was done."""
    event = str(item.get("lifecycleEvent"))
    GRAPH_LIFECYCLE_EVENTS.labels(event=event).inc()
    row = await graph_repository.get_by_subscription_id(session, str(item.get("subscriptionId")))
    now = datetime.now(UTC)
    try:
        if event == "reauthorizationRequired":
            if row is None:
                return "unknown-subscription"
            try:
                await runtime.require_gateway().reauthorize_subscription(str(row.subscription_id))
            except GraphError:
                await _renew(runtime, row, now)  # Graph accepts a renewal as reauthorisation
            row.last_renewed_at = now
            return "reauthorized"
        if event == "subscriptionRemoved":
            if row is not None:
                row.subscription_id = None
                row.status = SubscriptionStatus.PENDING
                await session.flush()
                await _create(runtime, row, now)
            await _catch_up(session, runtime, row, now)
            return "recreated"
        if event == "missed":
            await _catch_up(session, runtime, row, now)
            return "caught-up"
    except GraphError as exc:
        raise JobError(f"lifecycle {event} failed: {exc}") from exc
    log.warning("unknown graph lifecycle event", extra={"event": event})
    return "ignored"


def register_jobs(registry: JobRegistry, runtime: GraphRuntime) -> None:
    async def maintain_job(session: AsyncSession, payload: dict[str, Any]) -> None:
        if runtime.gateway is None or not runtime.settings.graph_resources:
            return  # Graph is not configured: nothing to subscribe to
        if runtime.settings.graph_client_state is None:
            # Without a clientState the webhook drops everything: do not subscribe blind.
            log.error("NOVA_GRAPH_CLIENT_STATE is not set; no Graph subscription is made")
            return
        await maintain(session, runtime)

    async def lifecycle_job(session: AsyncSession, payload: dict[str, Any]) -> None:
        await handle_lifecycle(session, runtime, payload["item"])

    registry.register(MAINTAIN_JOB, maintain_job)
    registry.register(LIFECYCLE_JOB, lifecycle_job)
