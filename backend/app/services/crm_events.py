"""Timeline events: stage changes, wins, losses and merges appear beside notes and calls."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.models import Activity, Company, Contact, Deal
from backend.app.repositories import activities as activity_repository
from backend.app.services.actors import Actor

USER_TYPES = ("note", "call", "meeting", "task")
EVENT_TYPES = ("stage_changed", "deal_won", "deal_lost", "deal_reopened", "merged", "erased")


async def record(
    session: AsyncSession,
    *,
    actor: Actor,
    type: str,
    subject: Deal | Contact | Company,
    body: str,
    details: dict[str, Any],
) -> Activity:
    """Add a system event to a record's timeline (and to its company's)."""
    assert type in EVENT_TYPES
    event = Activity(
        type=type,
        body=body,
        details=details,
        owner_id=actor.user_id,
        team_id=subject.team_id,
    )
    if isinstance(subject, Deal):
        event.deal_id, event.company_id = subject.id, subject.company_id
    elif isinstance(subject, Contact):
        event.contact_id, event.company_id = subject.id, subject.company_id
    else:
        event.company_id = subject.id
    activity_repository.add(session, event)
    await session.flush()
    return event
