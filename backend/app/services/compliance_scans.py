"""The scanning service: every message and prompt goes through here, whichever door it used.

It resolves the policy, calls the engine through the adapter, stores the result (metadata
only for a clean message), raises or groups alerts, and records the author's coaching.
Delivering the same message twice (Teams and Graph both redeliver) is idempotent.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.adapters.compliance_adapter import Verdict
from backend.app.errors import InvalidInput
from backend.app.models import (
    Alert,
    AlertEvent,
    CoachingMessage,
    CompliancePolicy,
    Scan,
    ScanSource,
)
from backend.app.permissions import Permission
from backend.app.repositories import companies as company_repository
from backend.app.repositories import compliance_alerts as alert_repository
from backend.app.services import compliance_notifications as notifications
from backend.app.services import compliance_policies as policy_service
from backend.app.services.actors import Actor
from backend.app.services.compliance_toolkit import ComplianceToolkit

CRM_TERMS_LIMIT = 5000
SEVERITY_RANK = {"low": 0, "medium": 1, "high": 2, "critical": 3}
COACHED_SOURCES = {
    ScanSource.TEAMS_CHANNEL_MESSAGE.value,
    ScanSource.TEAMS_CHAT_MESSAGE.value,
    ScanSource.BOT_PROMPT.value,
}


@dataclass(frozen=True)
class ScanContext:
    """Where a text comes from. Every field is optional; message ids make scans idempotent."""

    tenant_id: str | None = None
    team_id: str | None = None
    channel_id: str | None = None
    chat_id: str | None = None
    author_id: str | None = None  # Entra object id
    author_name: str | None = None
    message_id: str | None = None
    edited_at: str | None = None  # last-edit time as delivered; part of the idempotency key
    message_at: datetime | None = None
    link: str | None = None


@dataclass(frozen=True)
class ScanOutcome:
    scan_id: uuid.UUID
    verdict: Verdict
    alert_id: uuid.UUID | None
    duplicate: bool
    suppressed: bool
    policy_id: uuid.UUID
    policy_name: str
    policy_version: int
    author_pseudonym: str | None
    coaching_id: uuid.UUID | None = None
    alert_created: bool = False


def _digest(*parts: str | None) -> str:
    return hashlib.sha256("\x1f".join(p or "" for p in parts).encode()).hexdigest()


def message_keys(context: ScanContext) -> tuple[str | None, str | None]:
    """(idempotency key, message key): None when the message has no stable identity."""
    conversation = context.channel_id or context.chat_id
    if not context.message_id or not conversation:
        return None, None
    message_key = _digest(context.tenant_id, conversation, context.message_id)
    return _digest(message_key, context.edited_at), message_key


async def already_scanned(session: AsyncSession, contexts: list[ScanContext]) -> list[bool]:
    """For each message, whether this very version of it was scanned already (one query)."""
    keys = [message_keys(context)[0] for context in contexts]
    known = await alert_repository.existing_idempotency_keys(session, {k for k in keys if k})
    return [key is not None and key in known for key in keys]


async def scan(
    session: AsyncSession,
    *,
    actor: Actor,
    toolkit: ComplianceToolkit,
    source: str,
    text: str,
    context: ScanContext,
) -> ScanOutcome:
    """Scan one text for a caller holding the scan permission (the REST API)."""
    actor.require(Permission.COMPLIANCE_SCAN)
    return await run_scan(session, toolkit=toolkit, source=source, text=text, context=context)


async def run_scan(
    session: AsyncSession,
    *,
    toolkit: ComplianceToolkit,
    source: str,
    text: str,
    context: ScanContext,
) -> ScanOutcome:
    """Scan one text under the policy that covers it; store, alert and coach as it says.

    For trusted callers that scan on someone's behalf (gateway, bot, ingestion): the caller
    has already decided that this text must be scanned.
    """
    if source not in {s.value for s in ScanSource}:
        raise InvalidInput(f"unknown source {source!r}")
    if not text.strip():
        raise InvalidInput("there is no text to scan")
    pseudonym = toolkit.pseudonymizer.pseudonym(context.author_id) if context.author_id else None
    target = policy_service.ScanTarget(
        source=source,
        team_id=context.team_id,
        channel_id=context.channel_id,
        chat_id=context.chat_id,
        author_id=context.author_id,
    )
    resolved = await policy_service.resolve(session, toolkit=toolkit, target=target)
    verdict = await toolkit.adapter.scan(text, resolved.document)
    idempotency_key, message_key = message_keys(context)
    record = Scan(
        id=uuid.uuid4(),
        source=source,
        idempotency_key=idempotency_key,
        message_key=message_key,
        tenant_id=context.tenant_id,
        team_id=context.team_id,
        channel_id=context.channel_id,
        chat_id=context.chat_id,
        message_id=context.message_id,
        author_pseudonym=pseudonym,
        decision="allow" if resolved.suppressed else verdict.decision,
        policy_id=resolved.policy.id,
        policy_version=resolved.policy.version,
        scanned_chars=verdict.scanned_chars,
        truncated=verdict.truncated,
        link=context.link,
        message_at=context.message_at,
    )
    flagged = not verdict.is_clean and not resolved.suppressed
    if flagged:
        _attach_evidence(record, verdict, text, toolkit)
    if message_key is not None and context.edited_at:
        first = await alert_repository.first_scan_of_message(session, message_key)
        record.parent_scan_id = first.id if first is not None else None
    # Insert-if-new on the idempotency key: a redelivery (even a concurrent one) inserts nothing.
    if not await alert_repository.insert_scan_if_new(session, record):
        assert idempotency_key is not None
        earlier = await alert_repository.scan_by_idempotency_key(session, idempotency_key)
        assert earlier is not None
        return _duplicate(earlier, verdict, resolved.policy, pseudonym)
    outcome_alert: tuple[Alert | None, bool] = (None, False)
    if flagged and _alert_worthy(verdict, resolved.policy):
        outcome_alert = await _raise_or_group(
            session, toolkit, record, verdict, resolved.policy, context
        )
        record.alert_id = outcome_alert[0].id if outcome_alert[0] else None
        await alert_repository.set_scan_alert(session, record.id, record.alert_id)
    coaching = None
    if flagged and pseudonym and source in COACHED_SOURCES:
        coaching = CoachingMessage(
            id=uuid.uuid4(),
            recipient_pseudonym=pseudonym,
            scan_id=record.id,
            alert_id=record.alert_id,
            source=source,
            categories={"items": list(verdict.categories)},
            policy_name=resolved.policy.name,
            redacted_excerpt=record.redacted_excerpt or "",
            decision=verdict.decision,
        )
        alert_repository.add(session, coaching)
    await session.flush()
    return ScanOutcome(
        scan_id=record.id,
        verdict=verdict,
        alert_id=record.alert_id,
        duplicate=False,
        suppressed=resolved.suppressed,
        policy_id=resolved.policy.id,
        policy_name=resolved.policy.name,
        policy_version=resolved.policy.version,
        author_pseudonym=pseudonym,
        coaching_id=coaching.id if coaching else None,
        alert_created=outcome_alert[1],
    )


def _duplicate(
    earlier: Scan, verdict: Verdict, policy: CompliancePolicy, pseudonym: str | None
) -> ScanOutcome:
    return ScanOutcome(
        scan_id=earlier.id,
        verdict=verdict,
        alert_id=earlier.alert_id,
        duplicate=True,
        suppressed=False,
        policy_id=policy.id,
        policy_name=policy.name,
        policy_version=earlier.policy_version or policy.version,
        author_pseudonym=pseudonym,
    )


def _attach_evidence(record: Scan, verdict: Verdict, text: str, toolkit: ComplianceToolkit) -> None:
    limit = toolkit.excerpt_max_chars
    record.category = _primary_category(verdict)
    record.categories = {"items": list(verdict.categories)}
    record.findings = {"items": [_finding_record(f) for f in verdict.findings]}
    record.redacted_excerpt = verdict.redacted_text[:limit]
    record.evidence_ciphertext = toolkit.vault.encrypt(text[:limit], context=f"scan:{record.id}")


def _finding_record(finding: Any) -> dict[str, Any]:
    return {
        "detector": finding.detector_id,
        "category": finding.category,
        "type": finding.entity_type,
        "subtype": finding.subtype,
        "start": finding.start,
        "end": finding.end,
        "score": finding.score,
        "severity": finding.severity,
        "explanation": finding.explanation,
    }


def _primary_category(verdict: Verdict) -> str:
    worst = max(verdict.findings, key=lambda f: (SEVERITY_RANK[f.severity], f.score))
    return worst.category


def _alert_worthy(verdict: Verdict, policy: CompliancePolicy) -> bool:
    rank = policy_service.DECISION_RANK
    return rank[verdict.decision] >= max(1, rank.get(policy.alert_min_decision, 1))


async def _raise_or_group(
    session: AsyncSession,
    toolkit: ComplianceToolkit,
    record: Scan,
    verdict: Verdict,
    policy: CompliancePolicy,
    context: ScanContext,
) -> tuple[Alert, bool]:
    """Add an occurrence to a recent open alert of the same kind and author, or raise one."""
    now = datetime.now(UTC)
    category = record.category or "policy"
    group_key = _digest(record.author_pseudonym, category) if record.author_pseudonym else None
    existing = None
    if record.parent_scan_id is not None:
        parent = await session.get(Scan, record.parent_scan_id)
        if parent is not None and parent.alert_id is not None:
            existing = await alert_repository.get_for_update(session, parent.alert_id)
    if existing is None and group_key is not None:
        existing = await alert_repository.find_open_group(
            session, group_key, now - toolkit.group_window
        )
    if existing is not None and existing.status in ("new", "acknowledged", "escalated"):
        _add_occurrence(existing, record, verdict, now)
        alert_repository.add(
            session,
            AlertEvent(
                alert_id=existing.id,
                action="occurrence",
                actor_label="system",
                from_status=existing.status,
                to_status=existing.status,
                details={"scan_id": str(record.id), "occurrences": existing.occurrences},
            ),
        )
        await notifications.enqueue(session, alert_id=existing.id, event="occurrence")
        return existing, False
    alert = _new_alert(toolkit, record, verdict, policy, context, group_key, now)
    alert_repository.add(session, alert)
    await session.flush()
    alert_repository.add(
        session,
        AlertEvent(
            alert_id=alert.id, action="created", actor_label="system", to_status=alert.status
        ),
    )
    await notifications.enqueue(session, alert_id=alert.id, event="created")
    return alert, True


def _add_occurrence(alert: Alert, record: Scan, verdict: Verdict, now: datetime) -> None:
    alert.occurrences += 1
    alert.last_seen_at = now
    alert.version += 1
    worst = max((f.severity for f in verdict.findings), key=SEVERITY_RANK.__getitem__)
    if SEVERITY_RANK[worst] > SEVERITY_RANK[alert.severity]:
        alert.severity = worst
    detectors = set(alert.detectors.get("items", [])) | {f.detector_id for f in verdict.findings}
    alert.detectors = {"items": sorted(detectors)}
    categories = set(alert.categories.get("items", [])) | set(verdict.categories)
    alert.categories = {"items": sorted(categories)}
    alert.redacted_excerpt = record.redacted_excerpt or alert.redacted_excerpt
    alert.findings = record.findings
    alert.link = record.link or alert.link


def _new_alert(
    toolkit: ComplianceToolkit,
    record: Scan,
    verdict: Verdict,
    policy: CompliancePolicy,
    context: ScanContext,
    group_key: str | None,
    now: datetime,
) -> Alert:
    alert_id = uuid.uuid4()
    identity = None
    if context.author_id:
        identity = toolkit.vault.encrypt_json(
            {
                "object_id": context.author_id,
                "name": context.author_name,
                "tenant_id": context.tenant_id,
            },
            context=f"alert:{alert_id}",
        )
    return Alert(
        id=alert_id,
        severity=max((f.severity for f in verdict.findings), key=SEVERITY_RANK.__getitem__),
        category=record.category or "policy",
        categories={"items": sorted(verdict.categories)},
        detectors={"items": sorted({f.detector_id for f in verdict.findings})},
        source=record.source,
        policy_id=policy.id,
        policy_name=policy.name,
        policy_version=policy.version,
        author_pseudonym=record.author_pseudonym,
        author_identity_ciphertext=identity,
        group_key=group_key,
        first_seen_at=now,
        last_seen_at=now,
        redacted_excerpt=record.redacted_excerpt or "",
        findings=record.findings,
        link=record.link,
        conversation_id=context.channel_id or context.chat_id,
    )


async def scan_crm_text(
    session: AsyncSession,
    *,
    toolkit: ComplianceToolkit,
    actor: Actor,
    source: str,
    text: str,
    verdict: Verdict,
    target_type: str,
    target_id: str,
    field: str,
) -> None:
    """Listener for CRM free text: flagged notes and descriptions become hub scans and alerts."""
    await run_scan(
        session,
        toolkit=toolkit,
        source=source,
        text=text,
        context=ScanContext(
            chat_id=f"crm:{target_type}",
            message_id=f"{target_id}:{field}",
            # Every save is a new version of the text, scanned on its own.
            edited_at=datetime.now(UTC).isoformat(),
            author_id=actor.id,
            author_name=actor.label,
        ),
    )


async def crm_client_names(session: AsyncSession) -> list[str]:
    """Client company names from the CRM, for policies that watch for client data."""
    return await company_repository.active_names(session, CRM_TERMS_LIMIT)
