"""SQL for alerts, their history, reveal requests, scans and coaching messages."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.models import (
    Alert,
    AlertEvent,
    CoachingMessage,
    RevealRequest,
    Scan,
)
from backend.app.models.compliance import CLOSED_ALERT_STATUSES, OPEN_ALERT_STATUSES
from backend.app.repositories.upsert import insert_for


@dataclass(frozen=True)
class AlertFilters:
    statuses: Sequence[str] = ()
    severities: Sequence[str] = ()
    categories: Sequence[str] = ()
    sources: Sequence[str] = ()
    assignee_id: uuid.UUID | None = None
    author_pseudonym: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def add(
    session: AsyncSession, row: Alert | AlertEvent | Scan | RevealRequest | CoachingMessage
) -> None:
    session.add(row)


async def get(session: AsyncSession, alert_id: uuid.UUID) -> Alert | None:
    return await session.get(Alert, alert_id, populate_existing=True)


async def get_for_update(session: AsyncSession, alert_id: uuid.UUID) -> Alert | None:
    return await session.get(Alert, alert_id, with_for_update=True, populate_existing=True)


async def bump_version(session: AsyncSession, alert_id: uuid.UUID, expected_version: int) -> bool:
    """Compare-and-set on the version: false when another writer got there first."""
    result = await session.execute(
        update(Alert)
        .where(Alert.id == alert_id, Alert.version == expected_version)
        .values(version=expected_version + 1)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def find_open_group(session: AsyncSession, group_key: str, since: datetime) -> Alert | None:
    query = (
        select(Alert)
        .where(
            Alert.group_key == group_key,
            Alert.status.in_([s.value for s in OPEN_ALERT_STATUSES]),
            Alert.last_seen_at >= since,
        )
        .order_by(Alert.last_seen_at.desc())
        .limit(1)
        .with_for_update()
    )
    return await session.scalar(query)


async def list_page(
    session: AsyncSession,
    filters: AlertFilters,
    *,
    limit: int,
    cursor: tuple[datetime, uuid.UUID] | None,
) -> list[Alert]:
    """Newest first, with (created_at, id) as a stable cursor."""
    query = select(Alert).order_by(Alert.created_at.desc(), Alert.id.desc()).limit(limit)
    if cursor is not None:
        created_at, alert_id = cursor
        query = query.where(
            (Alert.created_at < created_at)
            | ((Alert.created_at == created_at) & (Alert.id < alert_id))
        )
    return list(await session.scalars(_filtered(query, filters)))


def _filtered(query: Any, filters: AlertFilters) -> Any:
    if filters.statuses:
        query = query.where(Alert.status.in_(filters.statuses))
    if filters.severities:
        query = query.where(Alert.severity.in_(filters.severities))
    if filters.categories:
        query = query.where(Alert.category.in_(filters.categories))
    if filters.sources:
        query = query.where(Alert.source.in_(filters.sources))
    if filters.assignee_id:
        query = query.where(Alert.assignee_id == filters.assignee_id)
    if filters.author_pseudonym:
        query = query.where(Alert.author_pseudonym == filters.author_pseudonym)
    if filters.since:
        query = query.where(Alert.created_at >= filters.since)
    if filters.until:
        query = query.where(Alert.created_at < filters.until)
    return query


async def list_for_export(session: AsyncSession, filters: AlertFilters, limit: int) -> list[Alert]:
    query = select(Alert).order_by(Alert.created_at, Alert.id).limit(limit)
    return list(await session.scalars(_filtered(query, filters)))


async def events(session: AsyncSession, alert_id: uuid.UUID) -> list[AlertEvent]:
    query = (
        select(AlertEvent).where(AlertEvent.alert_id == alert_id).order_by(AlertEvent.created_at)
    )
    return list(await session.scalars(query))


async def scans_of(session: AsyncSession, alert_id: uuid.UUID) -> list[Scan]:
    query = select(Scan).where(Scan.alert_id == alert_id).order_by(Scan.created_at)
    return list(await session.scalars(query))


async def insert_scan_if_new(session: AsyncSession, scan: Scan) -> bool:
    """Insert the scan unless one with the same idempotency key exists; True when inserted."""
    # Unset attributes are left out so the columns' own defaults apply.
    values = {
        c.key: getattr(scan, c.key)
        for c in Scan.__table__.columns
        if getattr(scan, c.key) is not None
    }
    statement = insert_for(session, Scan).values(**values).on_conflict_do_nothing()
    result = await session.execute(statement)
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def set_scan_alert(
    session: AsyncSession, scan_id: uuid.UUID, alert_id: uuid.UUID | None
) -> None:
    await session.execute(update(Scan).where(Scan.id == scan_id).values(alert_id=alert_id))


async def scan_by_idempotency_key(session: AsyncSession, key: str) -> Scan | None:
    return await session.scalar(select(Scan).where(Scan.idempotency_key == key))


async def existing_idempotency_keys(session: AsyncSession, keys: set[str]) -> set[str]:
    """The keys among ``keys`` that a stored scan already carries."""
    if not keys:
        return set()
    query = select(Scan.idempotency_key).where(Scan.idempotency_key.in_(keys))
    return {key for key in await session.scalars(query) if key is not None}


async def first_scan_of_message(session: AsyncSession, message_key: str) -> Scan | None:
    query = select(Scan).where(Scan.message_key == message_key).order_by(Scan.created_at).limit(1)
    return await session.scalar(query)


async def scans_with_evidence_since(
    session: AsyncSession, since: datetime, limit: int
) -> list[Scan]:
    query = (
        select(Scan)
        .where(Scan.created_at >= since, Scan.evidence_ciphertext.is_not(None))
        .order_by(Scan.created_at.desc())
        .limit(limit)
    )
    return list(await session.scalars(query))


async def get_reveal(session: AsyncSession, request_id: uuid.UUID) -> RevealRequest | None:
    return await session.get(
        RevealRequest, request_id, with_for_update=True, populate_existing=True
    )


async def reveal_requests(session: AsyncSession, alert_id: uuid.UUID) -> list[RevealRequest]:
    query = (
        select(RevealRequest)
        .where(RevealRequest.alert_id == alert_id)
        .order_by(RevealRequest.created_at)
    )
    return list(await session.scalars(query))


async def coaching_for(session: AsyncSession, pseudonym: str, limit: int) -> list[CoachingMessage]:
    query = (
        select(CoachingMessage)
        .where(CoachingMessage.recipient_pseudonym == pseudonym)
        .order_by(CoachingMessage.created_at.desc())
        .limit(limit)
    )
    return list(await session.scalars(query))


async def get_coaching(session: AsyncSession, coaching_id: uuid.UUID) -> CoachingMessage | None:
    return await session.get(CoachingMessage, coaching_id)


async def purge_evidence(session: AsyncSession, category: str, before: datetime) -> int:
    """Drop the raw evidence of scans in a category older than ``before``; return how many."""
    result = await session.execute(
        update(Scan)
        .where(
            Scan.category == category,
            Scan.created_at < before,
            Scan.evidence_ciphertext.is_not(None),
        )
        .values(evidence_ciphertext=None)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def closed_alert_ids(
    session: AsyncSession, category: str, before: datetime
) -> list[uuid.UUID]:
    query = select(Alert.id).where(
        Alert.category == category,
        Alert.status.in_([s.value for s in CLOSED_ALERT_STATUSES]),
        Alert.closed_at < before,
    )
    return list(await session.scalars(query))


async def delete_alerts(session: AsyncSession, alert_ids: Sequence[uuid.UUID]) -> None:
    if alert_ids:
        await session.execute(delete(Scan).where(Scan.alert_id.in_(alert_ids)))
        await session.execute(delete(Alert).where(Alert.id.in_(alert_ids)))


async def alerts_between(session: AsyncSession, since: datetime, until: datetime) -> list[Alert]:
    query = select(Alert).where(Alert.created_at >= since, Alert.created_at < until)
    return list(await session.scalars(query))
