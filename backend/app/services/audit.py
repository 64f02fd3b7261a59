"""The audit trail: every domain appends here, and anyone with the right can verify the chain.

Each entry stores the hash of the entry before it, so changing or deleting a past row breaks
the chain from that point on. Appends are serialised by locking the single head row.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.models import AuditEntry
from backend.app.permissions import Permission
from backend.app.repositories import audit as audit_repository
from backend.app.services.actors import Actor

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class ChainVerification:
    ok: bool
    entries: int
    first_broken_id: int | None


def entry_digest(entry: AuditEntry) -> str:
    """Hash an entry's content together with the previous entry's hash."""
    body = {
        "id": entry.id,
        "created_at": entry.created_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_type": entry.actor_type,
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "action": entry.action,
        "target_type": entry.target_type,
        "target_id": entry.target_id,
        "details": entry.details,
        "prev_hash": entry.prev_hash,
    }
    canonical = json.dumps(
        body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


async def record(
    session: AsyncSession,
    *,
    actor: Actor,
    action: str,
    target_type: str | None = None,
    target_id: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the chain inside the caller's transaction."""
    head = await audit_repository.lock_head(session, GENESIS_HASH)
    entry = AuditEntry(
        id=head.last_id + 1,
        created_at=datetime.now(UTC),
        actor_type=actor.kind,
        actor_id=actor.id,
        actor_label=actor.label,
        action=action,
        target_type=target_type,
        target_id=target_id,
        details=_jsonable(details or {}),
        prev_hash=head.last_hash,
    )
    entry.entry_hash = entry_digest(entry)
    audit_repository.add_entry(session, entry)
    head.last_id = entry.id
    head.last_hash = entry.entry_hash
    head.entries += 1
    await session.flush()
    return entry


def _jsonable(details: dict[str, Any]) -> dict[str, Any]:
    # Round-trip once so what we hash is exactly what the database gives back.
    return dict(json.loads(json.dumps(details, default=str, ensure_ascii=False)))


async def verify(session: AsyncSession, *, actor: Actor) -> ChainVerification:
    """Walk the chain in order and report the first entry that does not fit."""
    actor.require(Permission.AUDIT_READ)
    expected_prev = GENESIS_HASH
    expected_id = 1
    count = 0
    async for entry in audit_repository.iter_entries(session):
        if (
            entry.id != expected_id
            or entry.prev_hash != expected_prev
            or entry_digest(entry) != entry.entry_hash
        ):
            return ChainVerification(
                ok=False, entries=count, first_broken_id=min(entry.id, expected_id)
            )
        expected_prev = entry.entry_hash
        expected_id = entry.id + 1
        count += 1
    head = await audit_repository.get_head(session)
    if head is not None and (head.last_id != expected_id - 1 or head.last_hash != expected_prev):
        # Entries were removed from the end of the chain.
        return ChainVerification(ok=False, entries=count, first_broken_id=expected_id)
    return ChainVerification(ok=True, entries=count, first_broken_id=None)


async def list_entries(
    session: AsyncSession, *, actor: Actor, limit: int, before_id: int | None, **filters: Any
) -> list[AuditEntry]:
    """A page of entries, newest first."""
    actor.require(Permission.AUDIT_READ)
    return await audit_repository.list_page(session, limit=limit, before_id=before_id, **filters)
