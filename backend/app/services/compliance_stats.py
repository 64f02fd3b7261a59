"""Statistics for the dashboard and the alerts export for eDiscovery."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.models import Alert
from backend.app.permissions import Permission
from backend.app.repositories import compliance_alerts as alert_repository
from backend.app.repositories.compliance_alerts import AlertFilters
from backend.app.services import audit as audit_service
from backend.app.services.actors import Actor

EXPORT_LIMIT = 100_000
EXPORT_FIELDS = (
    "id",
    "created_at",
    "status",
    "severity",
    "category",
    "categories",
    "detectors",
    "source",
    "policy_name",
    "policy_version",
    "author_pseudonym",
    "occurrences",
    "redacted_excerpt",
    "acknowledged_at",
    "closed_at",
    "resolution_reason",
    "tags",
    "link",
)


@dataclass(frozen=True)
class Stats:
    total: int
    by_day: list[dict[str, Any]]
    by_category: dict[str, int]
    by_severity: dict[str, int]
    by_status: dict[str, int]
    mean_seconds_to_acknowledge: float | None
    mean_seconds_to_resolve: float | None


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


async def stats(session: AsyncSession, *, actor: Actor, since: datetime, until: datetime) -> Stats:
    """Counts per day, category, severity and status, and mean times to acknowledge and resolve."""
    actor.require(Permission.COMPLIANCE_REVIEW)
    alerts = await alert_repository.alerts_between(session, since, until)
    per_day: dict[str, Counter[str]] = defaultdict(Counter)
    for alert in alerts:
        day = alert.created_at.date().isoformat()
        per_day[day][f"category:{alert.category}"] += 1
        per_day[day][f"severity:{alert.severity}"] += 1
        per_day[day]["total"] += 1
    to_ack = [
        (a.acknowledged_at - a.created_at).total_seconds() for a in alerts if a.acknowledged_at
    ]
    to_close = [(a.closed_at - a.created_at).total_seconds() for a in alerts if a.closed_at]
    return Stats(
        total=len(alerts),
        by_day=[{"day": day, **dict(counts)} for day, counts in sorted(per_day.items())],
        by_category=dict(Counter(a.category for a in alerts)),
        by_severity=dict(Counter(a.severity for a in alerts)),
        by_status=dict(Counter(a.status for a in alerts)),
        mean_seconds_to_acknowledge=_mean(to_ack),
        mean_seconds_to_resolve=_mean(to_close),
    )


def _row(alert: Alert) -> dict[str, Any]:
    row: dict[str, Any] = {name: getattr(alert, name) for name in EXPORT_FIELDS}
    for name in ("categories", "detectors", "tags"):
        row[name] = list(row[name].get("items", []))
    for name in ("created_at", "acknowledged_at", "closed_at"):
        row[name] = row[name].isoformat() if row[name] else None
    row["id"] = str(alert.id)
    return row


async def export_alerts(
    session: AsyncSession, *, actor: Actor, filters: AlertFilters, fmt: str
) -> Iterator[str]:
    """Alerts in a date range as CSV or JSON lines: redacted excerpts and pseudonyms only."""
    actor.require(Permission.COMPLIANCE_REVIEW)
    alerts = await alert_repository.list_for_export(session, filters, EXPORT_LIMIT)
    await audit_service.record(
        session,
        actor=actor,
        action="compliance.alerts.exported",
        details={
            "format": fmt,
            "count": len(alerts),
            "since": filters.since.isoformat() if filters.since else None,
            "until": filters.until.isoformat() if filters.until else None,
        },
    )
    rows = [_row(a) for a in alerts]
    return _json_lines(rows) if fmt == "json" else _csv_lines(rows)


def _json_lines(rows: list[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"


def _csv_lines(rows: list[dict[str, Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_FIELDS)
    writer.writeheader()
    yield buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow({k: _cell(v) for k, v in row.items()})
        yield buffer.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        value = ";".join(value)
    # A leading =, +, - or @ would run as a formula in a spreadsheet (CSV injection).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value
