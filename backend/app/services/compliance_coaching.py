"""Employees' own coaching history, and their "this is a false positive" reports."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.errors import Conflict, NotFound
from backend.app.models import AlertEvent, CoachingMessage
from backend.app.repositories import compliance_alerts as alert_repository
from backend.app.services import compliance_notifications as notifications
from backend.app.services.compliance_toolkit import ComplianceToolkit


async def list_for_person(
    session: AsyncSession, *, toolkit: ComplianceToolkit, object_id: str, limit: int = 20
) -> list[CoachingMessage]:
    """What this person was told about their own messages: never anyone else's."""
    pseudonym = toolkit.pseudonymizer.pseudonym(object_id)
    return await alert_repository.coaching_for(session, pseudonym, limit)


async def report_false_positive(
    session: AsyncSession, *, toolkit: ComplianceToolkit, object_id: str, coaching_id: uuid.UUID
) -> CoachingMessage:
    """The author disputes a finding: the officers see it on the alert, at once."""
    coaching = await alert_repository.get_coaching(session, coaching_id)
    if coaching is None or coaching.recipient_pseudonym != toolkit.pseudonymizer.pseudonym(
        object_id
    ):
        raise NotFound("coaching message not found")
    if coaching.false_positive_reported_at is not None:
        raise Conflict("you already reported this as a false positive")
    coaching.false_positive_reported_at = datetime.now(UTC)
    if coaching.alert_id is not None:
        alert = await alert_repository.get_for_update(session, coaching.alert_id)
        if alert is not None:
            tags = set(alert.tags.get("items", [])) | {"reported-false-positive"}
            alert.tags = {"items": sorted(tags)}
            alert.version += 1
            alert_repository.add(
                session,
                AlertEvent(
                    alert_id=alert.id,
                    action="false_positive_reported",
                    actor_label=coaching.recipient_pseudonym,
                    from_status=alert.status,
                    to_status=alert.status,
                    details={"coaching_id": str(coaching.id)},
                ),
            )
            await notifications.enqueue(session, alert_id=alert.id, event="false_positive_reported")
    await session.flush()
    return coaching
