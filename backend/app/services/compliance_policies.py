"""Hub policies: CRUD with versions, scope resolution, and dry runs."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.adapters.compliance_adapter import InvalidPolicyDocument, Verdict
from backend.app.errors import Conflict, InvalidInput, NotFound
from backend.app.models import CompliancePolicy, PolicyVersion
from backend.app.permissions import Permission
from backend.app.repositories import compliance_alerts as alert_repository
from backend.app.repositories import compliance_policies as policy_repository
from backend.app.services import audit as audit_service
from backend.app.services.actors import SYSTEM, Actor
from backend.app.services.compliance_toolkit import ComplianceToolkit

DEFAULT_POLICY_NAME = "Default"
DECISION_RANK = {"allow": 0, "warn": 1, "redact": 2, "block": 3}
EDITABLE_FIELDS = (
    "name",
    "description",
    "is_active",
    "priority",
    "scope",
    "document",
    "alert_min_decision",
    "four_eyes_reveal",
    "suppressions",
    "include_crm_company_names",
)


@dataclass(frozen=True)
class ScanTarget:
    """Where a message comes from, for scope matching and suppressions."""

    source: str
    team_id: str | None = None
    channel_id: str | None = None
    chat_id: str | None = None
    author_id: str | None = None


@dataclass(frozen=True)
class ResolvedPolicy:
    policy: CompliancePolicy
    document: dict[str, Any]
    suppressed: bool


def snapshot(policy: CompliancePolicy) -> dict[str, Any]:
    return {name: getattr(policy, name) for name in EDITABLE_FIELDS}


def _matches(scope_values: list[str] | None, value: str | None) -> bool:
    return not scope_values or (value is not None and value in scope_values)


def in_scope(policy: CompliancePolicy, target: ScanTarget) -> bool:
    scope = policy.scope or {}
    conversation = target.channel_id or target.chat_id
    return (
        _matches(scope.get("sources"), target.source)
        and _matches(scope.get("teams"), target.team_id)
        and _matches(scope.get("channels"), conversation)
        and _matches(scope.get("users"), target.author_id)
    )


def is_suppressed(policy: CompliancePolicy, target: ScanTarget) -> bool:
    suppressions = policy.suppressions or {}
    conversation = target.channel_id or target.chat_id
    return (conversation is not None and conversation in suppressions.get("channels", [])) or (
        target.author_id is not None and target.author_id in suppressions.get("users", [])
    )


async def ensure_default(session: AsyncSession, *, toolkit: ComplianceToolkit) -> CompliancePolicy:
    """The catch-all policy every installation starts with (the engine's shipped default)."""
    existing = await policy_repository.get_by_name(session, DEFAULT_POLICY_NAME)
    if existing is not None:
        return existing
    return await _create(
        session,
        actor=SYSTEM,
        toolkit=toolkit,
        values={
            "name": DEFAULT_POLICY_NAME,
            "description": "Core PII redacted, secrets and prompt injection blocked.",
            "priority": 1000,
            "document": toolkit.adapter.default_policy_document(),
        },
    )


async def resolve(
    session: AsyncSession, *, toolkit: ComplianceToolkit, target: ScanTarget
) -> ResolvedPolicy:
    """The active policy with the lowest priority number whose scope covers the message."""
    for policy in await policy_repository.list_active(session):
        if in_scope(policy, target):
            return ResolvedPolicy(
                policy=policy,
                document=await _effective_document(session, toolkit, policy),
                suppressed=is_suppressed(policy, target),
            )
    policy = await ensure_default(session, toolkit=toolkit)
    return ResolvedPolicy(policy=policy, document=dict(policy.document), suppressed=False)


async def _effective_document(
    session: AsyncSession, toolkit: ComplianceToolkit, policy: CompliancePolicy
) -> dict[str, Any]:
    document = dict(policy.document)
    if policy.include_crm_company_names and toolkit.crm_terms is not None:
        names = await toolkit.crm_terms(session)
        if names:
            terms = list(document.get("terms", []))
            terms.append({"name": "crm_clients", "terms": names, "severity": "medium"})
            document["terms"] = terms
    return document


def _validate(toolkit: ComplianceToolkit, values: dict[str, Any]) -> None:
    if "document" in values:
        try:
            toolkit.adapter.validate_policy(values["document"])
        except InvalidPolicyDocument as exc:
            raise InvalidInput(
                f"the policy document is invalid: {exc}",
                errors=[{"loc": ["body", "document"], "msg": str(exc), "type": "value_error"}],
            ) from exc
    if "alert_min_decision" in values and values["alert_min_decision"] not in DECISION_RANK:
        raise InvalidInput("alert_min_decision must be one of allow, warn, redact, block")


async def _create(
    session: AsyncSession, *, actor: Actor, toolkit: ComplianceToolkit, values: dict[str, Any]
) -> CompliancePolicy:
    _validate(toolkit, values)
    if await policy_repository.get_by_name(session, values["name"]) is not None:
        raise Conflict("a policy with this name already exists")
    policy = CompliancePolicy(id=uuid.uuid4(), updated_by_id=actor.user_id, version=1, **values)
    policy_repository.add(session, policy)
    await session.flush()
    policy_repository.add_version(
        session,
        PolicyVersion(
            policy_id=policy.id, version=1, snapshot=snapshot(policy), created_by_id=actor.user_id
        ),
    )
    await audit_service.record(
        session,
        actor=actor,
        action="compliance.policy.created",
        target_type="compliance_policy",
        target_id=str(policy.id),
        details={"name": policy.name, "version": 1},
    )
    return policy


async def create(
    session: AsyncSession, *, actor: Actor, toolkit: ComplianceToolkit, values: dict[str, Any]
) -> CompliancePolicy:
    """Create a policy (officers and admins)."""
    actor.require(Permission.COMPLIANCE_POLICIES)
    return await _create(session, actor=actor, toolkit=toolkit, values=values)


async def get(session: AsyncSession, *, actor: Actor, policy_id: uuid.UUID) -> CompliancePolicy:
    actor.require(Permission.COMPLIANCE_POLICIES)
    policy = await policy_repository.get(session, policy_id)
    if policy is None:
        raise NotFound("policy not found")
    return policy


async def list_policies(session: AsyncSession, *, actor: Actor) -> list[CompliancePolicy]:
    actor.require(Permission.COMPLIANCE_POLICIES)
    return await policy_repository.list_all(session)


async def versions(
    session: AsyncSession, *, actor: Actor, policy_id: uuid.UUID
) -> list[PolicyVersion]:
    await get(session, actor=actor, policy_id=policy_id)
    return await policy_repository.list_versions(session, policy_id)


async def update(
    session: AsyncSession,
    *,
    actor: Actor,
    toolkit: ComplianceToolkit,
    policy_id: uuid.UUID,
    changes: dict[str, Any],
    expected_version: int | None,
) -> CompliancePolicy:
    """Apply changes as a new version; a stale ``expected_version`` is a conflict."""
    actor.require(Permission.COMPLIANCE_POLICIES)
    policy = await policy_repository.get_for_update(session, policy_id)
    if policy is None:
        raise NotFound("policy not found")
    if expected_version is not None and expected_version != policy.version:
        raise Conflict("the policy changed since you read it", current_version=policy.version)
    _validate(toolkit, changes)
    changed = sorted(k for k, v in changes.items() if getattr(policy, k) != v)
    if not changed:
        return policy
    for name in changed:
        setattr(policy, name, changes[name])
    policy.version += 1
    policy.updated_by_id = actor.user_id
    policy_repository.add_version(
        session,
        PolicyVersion(
            policy_id=policy.id,
            version=policy.version,
            snapshot=snapshot(policy),
            created_by_id=actor.user_id,
        ),
    )
    await session.flush()
    await audit_service.record(
        session,
        actor=actor,
        action="compliance.policy.updated",
        target_type="compliance_policy",
        target_id=str(policy.id),
        details={"fields": changed, "version": policy.version},
    )
    return policy


@dataclass(frozen=True)
class DryRunHit:
    scan_id: uuid.UUID | None
    verdict: Verdict


async def dry_run_text(
    session: AsyncSession,
    *,
    actor: Actor,
    toolkit: ComplianceToolkit,
    document: dict[str, Any],
    text: str,
) -> Verdict:
    """What would this policy document flag in this text? Nothing is stored."""
    actor.require(Permission.COMPLIANCE_POLICIES)
    _validate(toolkit, {"document": document})
    return await toolkit.adapter.scan(text, document)


async def dry_run_history(
    session: AsyncSession,
    *,
    actor: Actor,
    toolkit: ComplianceToolkit,
    document: dict[str, Any],
    days: int,
    limit: int = 500,
) -> list[DryRunHit]:
    """Re-scan the stored evidence of the last ``days`` days under a candidate policy.

    Clean messages keep no text, so history covers what was flagged before; the point is to
    see what a stricter or looser policy would change among them.
    """
    actor.require(Permission.COMPLIANCE_POLICIES)
    _validate(toolkit, {"document": document})
    since = datetime.now(UTC) - timedelta(days=days)
    hits: list[DryRunHit] = []
    for scan in await alert_repository.scans_with_evidence_since(session, since, limit):
        assert scan.evidence_ciphertext is not None
        text = toolkit.vault.decrypt(scan.evidence_ciphertext, context=f"scan:{scan.id}")
        hits.append(DryRunHit(scan_id=scan.id, verdict=await toolkit.adapter.scan(text, document)))
    await audit_service.record(
        session,
        actor=actor,
        action="compliance.policy.dry_run",
        details={"days": days, "messages": len(hits)},
    )
    return hits
