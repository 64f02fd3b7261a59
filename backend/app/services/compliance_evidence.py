"""Revealing raw evidence or an author's identity: permission, written reason, audit, four eyes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from backend.app.models import Alert, RevealRequest
from backend.app.permissions import Permission
from backend.app.repositories import compliance_alerts as alert_repository
from backend.app.repositories import compliance_policies as policy_repository
from backend.app.services import audit as audit_service
from backend.app.services.actors import Actor
from backend.app.services.compliance_toolkit import ComplianceToolkit

MIN_REASON_LENGTH = 10
TARGETS = ("excerpt", "identity")


@dataclass(frozen=True)
class RevealResult:
    """Either the revealed content, or a pending request waiting for a second officer."""

    request: RevealRequest
    content: dict[str, Any] | None


async def _alert(session: AsyncSession, alert_id: uuid.UUID) -> Alert:
    alert = await alert_repository.get(session, alert_id)
    if alert is None:
        raise NotFound("alert not found")
    return alert


async def needs_four_eyes(session: AsyncSession, alert: Alert) -> bool:
    """Whether the alert's policy requires a second officer's approval to reveal."""
    policy = await policy_repository.get(session, alert.policy_id) if alert.policy_id else None
    return bool(policy and policy.four_eyes_reveal)


def _check_request(target: str, reason: str | None) -> str:
    if target not in TARGETS:
        raise InvalidInput("reveal target must be 'excerpt' or 'identity'")
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise InvalidInput(
            f"a written reason of at least {MIN_REASON_LENGTH} characters is required",
            errors=[{"loc": ["body", "reason"], "msg": "reason required", "type": "value_error"}],
        )
    return reason


async def request_reveal(
    session: AsyncSession,
    *,
    actor: Actor,
    toolkit: ComplianceToolkit,
    alert_id: uuid.UUID,
    target: str,
    reason: str | None,
) -> RevealResult:
    """Reveal at once, or open a request a second officer must approve when the policy says so."""
    actor.require(Permission.COMPLIANCE_REVEAL)
    reason = _check_request(target, reason)
    alert = await _alert(session, alert_id)
    four_eyes = await needs_four_eyes(session, alert)
    request = RevealRequest(
        id=uuid.uuid4(),
        alert_id=alert.id,
        target=target,
        reason=reason,
        status="pending" if four_eyes else "approved",
        requested_by_id=actor.user_id,
    )
    alert_repository.add(session, request)
    await session.flush()
    await audit_service.record(
        session,
        actor=actor,
        action="compliance.reveal.requested" if four_eyes else "compliance.reveal.granted",
        target_type="compliance_alert",
        target_id=str(alert.id),
        details={
            "target": target,
            "reason": reason,
            "request_id": str(request.id),
            "four_eyes": four_eyes,
        },
    )
    if four_eyes:
        return RevealResult(request=request, content=None)
    return RevealResult(
        request=request, content=await _open(session, actor, toolkit, alert, request)
    )


async def decide(
    session: AsyncSession,
    *,
    actor: Actor,
    request_id: uuid.UUID,
    approve: bool,
    comment: str | None = None,
) -> RevealRequest:
    """A second officer approves or rejects a pending reveal; never the requester."""
    actor.require(Permission.COMPLIANCE_REVEAL)
    request = await alert_repository.get_reveal(session, request_id)
    if request is None:
        raise NotFound("reveal request not found")
    if request.status != "pending":
        raise Conflict(
            f"this request is already {request.status}", current={"status": request.status}
        )
    if request.requested_by_id is not None and request.requested_by_id == actor.user_id:
        raise PermissionDenied("four eyes: a second officer must approve your own request")
    request.status = "approved" if approve else "rejected"
    request.decided_by_id = actor.user_id
    request.decided_at = datetime.now(UTC)
    await audit_service.record(
        session,
        actor=actor,
        action=f"compliance.reveal.{request.status}",
        target_type="compliance_alert",
        target_id=str(request.alert_id),
        details={"request_id": str(request.id), "comment": comment},
    )
    return request


async def use_approved(
    session: AsyncSession, *, actor: Actor, toolkit: ComplianceToolkit, request_id: uuid.UUID
) -> RevealResult:
    """The requester opens what a second officer approved (once)."""
    actor.require(Permission.COMPLIANCE_REVEAL)
    request = await alert_repository.get_reveal(session, request_id)
    if request is None or request.requested_by_id != actor.user_id:
        raise NotFound("reveal request not found")
    if request.status != "approved":
        raise Conflict(f"this request is {request.status}", current={"status": request.status})
    alert = await _alert(session, request.alert_id)
    return RevealResult(
        request=request, content=await _open(session, actor, toolkit, alert, request)
    )


async def _open(
    session: AsyncSession,
    actor: Actor,
    toolkit: ComplianceToolkit,
    alert: Alert,
    request: RevealRequest,
) -> dict[str, Any]:
    if request.used_at is not None and request.status == "used":
        raise Conflict("this approval was already used", current={"status": request.status})
    if request.target == "identity":
        if alert.author_identity_ciphertext is None:
            raise NotFound("this alert has no recorded author")
        identity = toolkit.vault.decrypt_json(
            alert.author_identity_ciphertext, context=f"alert:{alert.id}"
        )
        content: dict[str, Any] = {"identity": identity}
    else:
        excerpts = []
        for scan in await alert_repository.scans_of(session, alert.id):
            if scan.evidence_ciphertext is not None:
                text = toolkit.vault.decrypt(scan.evidence_ciphertext, context=f"scan:{scan.id}")
                excerpts.append(
                    {
                        "scan_id": str(scan.id),
                        "created_at": scan.created_at.isoformat(),
                        "text": text,
                    }
                )
        if not excerpts:
            raise NotFound("the raw evidence is gone (retention) or was never stored")
        content = {"excerpts": excerpts}
    request.used_at = datetime.now(UTC)
    if request.status == "approved" and await needs_four_eyes(session, alert):
        request.status = "used"
    await audit_service.record(
        session,
        actor=actor,
        action="compliance.reveal.opened",
        target_type="compliance_alert",
        target_id=str(alert.id),
        details={"target": request.target, "request_id": str(request.id)},
    )
    return content
