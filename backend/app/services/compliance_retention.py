"""Retention: per-category limits on raw evidence and closed alerts, enforced by a daily job."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.errors import InvalidInput
from backend.app.models import ComplianceSetting
from backend.app.permissions import Permission
from backend.app.repositories import compliance_alerts as alert_repository
from backend.app.repositories import compliance_policies as policy_repository
from backend.app.services import audit as audit_service
from backend.app.services.actors import SYSTEM, Actor

log = logging.getLogger("nova.compliance.retention")

RETENTION_KEY = "retention"
CATEGORIES = ("pii", "secret", "injection", "policy")
# Days to keep raw evidence, and closed alerts, per category.
DEFAULT_RETENTION: dict[str, dict[str, int]] = {
    "evidence_days": {"pii": 30, "secret": 90, "injection": 90, "policy": 180},
    "closed_alert_days": {"pii": 365, "secret": 365, "injection": 365, "policy": 730},
}
MAX_DAYS = 3650


async def get_settings(session: AsyncSession, *, actor: Actor) -> dict[str, dict[str, int]]:
    actor.require(Permission.COMPLIANCE_REVIEW)
    return await _current(session)


async def _current(session: AsyncSession) -> dict[str, dict[str, int]]:
    stored = await policy_repository.get_setting(session, RETENTION_KEY)
    merged = {kind: dict(days) for kind, days in DEFAULT_RETENTION.items()}
    for kind, days in (stored.value if stored else {}).items():
        merged.setdefault(kind, {}).update(days)
    return merged


async def update_settings(
    session: AsyncSession, *, actor: Actor, changes: dict[str, dict[str, int]]
) -> dict[str, dict[str, int]]:
    """Change retention days (admins); every change is audited."""
    actor.require(Permission.USERS_MANAGE)
    for kind, days in changes.items():
        if kind not in DEFAULT_RETENTION:
            raise InvalidInput(f"unknown retention kind {kind!r}")
        for category, value in days.items():
            if category not in CATEGORIES or not 1 <= int(value) <= MAX_DAYS:
                raise InvalidInput(f"{kind}.{category} must be a category with 1..{MAX_DAYS} days")
    merged = await _current(session)
    for kind, days in changes.items():
        merged[kind].update({c: int(v) for c, v in days.items()})
    stored = await policy_repository.get_setting(session, RETENTION_KEY)
    if stored is None:
        policy_repository.add_setting(session, ComplianceSetting(key=RETENTION_KEY, value=merged))
    else:
        stored.value = merged
    await audit_service.record(
        session, actor=actor, action="compliance.retention.updated", details={"retention": merged}
    )
    return merged


async def enforce(session: AsyncSession, *, now: datetime | None = None) -> dict[str, Any]:
    """Delete raw evidence and closed alerts past their category's limit, and audit it."""
    now = now or datetime.now(UTC)
    settings = await _current(session)
    report: dict[str, Any] = {"evidence_purged": {}, "alerts_deleted": {}}
    for category in CATEGORIES:
        evidence_before = now - timedelta(days=settings["evidence_days"][category])
        purged = await alert_repository.purge_evidence(session, category, evidence_before)
        alerts_before = now - timedelta(days=settings["closed_alert_days"][category])
        alert_ids = await alert_repository.closed_alert_ids(session, category, alerts_before)
        await alert_repository.delete_alerts(session, alert_ids)
        report["evidence_purged"][category] = purged
        report["alerts_deleted"][category] = [str(i) for i in alert_ids]
    if any(report["evidence_purged"].values()) or any(report["alerts_deleted"].values()):
        await audit_service.record(
            session, actor=SYSTEM, action="compliance.retention.deleted", details=report
        )
    log.info("retention enforced", extra={"purged": report["evidence_purged"]})
    return report


async def run_job(session: AsyncSession, payload: dict[str, Any]) -> None:
    """Job handler for the daily retention run."""
    await enforce(session)
