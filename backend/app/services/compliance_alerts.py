"""Alerts: the officers' queue, its review workflow, history and concurrency rules."""

from __future__ import annotations

import base64
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeAlias

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.errors import Conflict, InvalidInput, NotFound
from backend.app.models import Alert, AlertEvent, AlertStatus
from backend.app.permissions import Permission, permissions_for_role
from backend.app.repositories import compliance_alerts as alert_repository
from backend.app.repositories import users as user_repository
from backend.app.services import audit as audit_service
from backend.app.services import compliance_notifications as notifications
from backend.app.services.actors import Actor

# The filters callers build for list_alerts, named here so delivery layers need no repository.
AlertFilters: TypeAlias = alert_repository.AlertFilters

S = AlertStatus
# action -> (statuses it may start from, status it leads to); None keeps the status.
TRANSITIONS: dict[str, tuple[frozenset[AlertStatus], AlertStatus | None]] = {
    "acknowledge": (frozenset({S.NEW}), S.ACKNOWLEDGED),
    "escalate": (frozenset({S.NEW, S.ACKNOWLEDGED}), S.ESCALATED),
    "resolve": (frozenset({S.NEW, S.ACKNOWLEDGED, S.ESCALATED}), S.RESOLVED),
    "dismiss": (frozenset({S.NEW, S.ACKNOWLEDGED, S.ESCALATED}), S.DISMISSED),
    "reopen": (frozenset({S.RESOLVED, S.DISMISSED}), S.ACKNOWLEDGED),
    "assign": (frozenset(AlertStatus), None),
    "comment": (frozenset(AlertStatus), None),
    "tag": (frozenset(AlertStatus), None),
}
DISMISS_REASONS = ("false_positive", "duplicate", "authorised", "not_actionable", "other")


@dataclass(frozen=True)
class AlertAction:
    action: str
    comment: str | None = None
    reason: str | None = None
    assignee_id: uuid.UUID | None = None
    tags: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class AlertPage:
    items: list[Alert]
    next_cursor: str | None


@dataclass(frozen=True)
class AlertDetail:
    alert: Alert
    events: list[AlertEvent]
    assignee_label: str | None
    reveal_requests: list[Any] = field(default_factory=list)


def encode_cursor(alert: Alert) -> str:
    raw = f"{alert.created_at.isoformat()}|{alert.id}"
    return base64.urlsafe_b64encode(raw.encode()).decode()


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    try:
        created_at, alert_id = base64.urlsafe_b64decode(cursor.encode()).decode().split("|")
        return datetime.fromisoformat(created_at), uuid.UUID(alert_id)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidInput("the cursor is not one this API handed out") from exc


async def list_alerts(
    session: AsyncSession, *, actor: Actor, filters: AlertFilters, limit: int, cursor: str | None
) -> AlertPage:
    actor.require(Permission.COMPLIANCE_REVIEW)
    position = decode_cursor(cursor) if cursor else None
    rows = await alert_repository.list_page(session, filters, limit=limit + 1, cursor=position)
    next_cursor = encode_cursor(rows[limit - 1]) if len(rows) > limit else None
    return AlertPage(items=rows[:limit], next_cursor=next_cursor)


async def get(session: AsyncSession, *, actor: Actor, alert_id: uuid.UUID) -> AlertDetail:
    actor.require(Permission.COMPLIANCE_REVIEW)
    alert = await alert_repository.get(session, alert_id)
    if alert is None:
        raise NotFound("alert not found")
    return await _detail(session, alert)


async def _detail(session: AsyncSession, alert: Alert) -> AlertDetail:
    assignee = await user_repository.get(session, alert.assignee_id) if alert.assignee_id else None
    return AlertDetail(
        alert=alert,
        events=await alert_repository.events(session, alert.id),
        assignee_label=assignee.full_name or assignee.email if assignee else None,
        reveal_requests=await alert_repository.reveal_requests(session, alert.id),
    )


def _conflict(alert: Alert, detail: str) -> Conflict:
    return Conflict(
        detail, current={"id": str(alert.id), "status": alert.status, "version": alert.version}
    )


async def act(
    session: AsyncSession,
    *,
    actor: Actor,
    alert_id: uuid.UUID,
    action: AlertAction,
    expected_version: int | None,
) -> AlertDetail:
    """Apply one review action; a stale version or a forbidden transition is a 409."""
    actor.require(Permission.COMPLIANCE_REVIEW)
    alert = await alert_repository.get(session, alert_id)
    if alert is None:
        raise NotFound("alert not found")
    if action.action not in TRANSITIONS:
        raise InvalidInput(f"unknown action {action.action!r}")
    if expected_version is not None and expected_version != alert.version:
        raise _conflict(alert, "the alert changed since you read it")
    allowed_from, target = TRANSITIONS[action.action]
    if AlertStatus(alert.status) not in allowed_from:
        raise _conflict(alert, f"cannot {action.action} an alert that is {alert.status}")
    details = await _validate_action(session, action)
    # Compare-and-set on the version: of two officers acting at once, exactly one wins.
    if not await alert_repository.bump_version(session, alert.id, alert.version):
        current = await alert_repository.get(session, alert.id)
        raise _conflict(current or alert, "another officer acted on this alert first")
    previous = alert.status
    alert.version += 1
    _apply(alert, action, target, actor)
    alert_repository.add(
        session,
        AlertEvent(
            alert_id=alert.id,
            action=action.action,
            actor_id=actor.id,
            actor_label=actor.label,
            from_status=previous,
            to_status=alert.status,
            comment=action.comment,
            details=details,
        ),
    )
    await session.flush()
    await audit_service.record(
        session,
        actor=actor,
        action=f"compliance.alert.{action.action}",
        target_type="compliance_alert",
        target_id=str(alert.id),
        details={"from": previous, "to": alert.status, **details},
    )
    await notifications.enqueue(session, alert_id=alert.id, event=action.action)
    return await _detail(session, alert)


async def _validate_action(session: AsyncSession, action: AlertAction) -> dict[str, Any]:
    if action.action == "dismiss" and action.reason not in DISMISS_REASONS:
        raise InvalidInput(f"dismiss needs a reason: one of {', '.join(DISMISS_REASONS)}")
    if action.action == "comment" and not (action.comment or "").strip():
        raise InvalidInput("a comment action needs a comment")
    if action.action == "tag" and not (action.tags or action.remove_tags):
        raise InvalidInput("a tag action needs tags to add or remove")
    if action.action == "assign":
        if action.assignee_id is None:
            return {"assignee_id": None}
        assignee = await user_repository.get(session, action.assignee_id)
        if assignee is None or not assignee.is_active:
            raise InvalidInput("the assignee is not an active user")
        if Permission.COMPLIANCE_REVIEW not in permissions_for_role(assignee.role):
            raise InvalidInput("alerts can only be assigned to compliance officers or admins")
        return {"assignee_id": str(assignee.id)}
    if action.action in {"resolve", "dismiss"} and action.reason:
        return {"reason": action.reason}
    if action.action == "tag":
        return {"added": list(action.tags), "removed": list(action.remove_tags)}
    return {}


def _apply(alert: Alert, action: AlertAction, target: AlertStatus | None, actor: Actor) -> None:
    now = datetime.now(UTC)
    if target is not None:
        alert.status = target.value
        if alert.acknowledged_at is None and action.action != "reopen":
            alert.acknowledged_at = now  # time to acknowledge: the first officer action
        if target is AlertStatus.ESCALATED:
            alert.escalated_at = now
        if target in (AlertStatus.RESOLVED, AlertStatus.DISMISSED):
            alert.closed_at = now
            alert.resolution_reason = action.reason or action.action
        if action.action == "reopen":
            alert.closed_at = None
            alert.resolution_reason = None
    if action.action == "assign":
        alert.assignee_id = action.assignee_id
    if action.action == "tag":
        current = [t for t in alert.tags.get("items", []) if t not in action.remove_tags]
        alert.tags = {"items": sorted(set(current) | set(action.tags))}
