"""Alerts in Teams: post new ones to the alert channels, act on card buttons, keep cards current."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.errors import Conflict
from backend.app.permissions import Permission
from backend.app.services import bot_conversations as conversation_service
from backend.app.services import compliance_alerts as alert_service
from backend.app.services.actors import SYSTEM, Actor
from backend.app.services.compliance_alerts import AlertAction, AlertDetail
from bot import cards
from bot.cards_alerts import AlertView, alert_card, refusal_card
from bot.context import BotServices
from bot.i18n import t
from bot.pacing import OutboundFailed

log = logging.getLogger("nova.bot.alerts")

ACTION_LABELS = {
    "acknowledge": "acknowledged",
    "assign": "assigned",
    "escalate": "escalated",
    "resolve": "resolved",
    "dismiss": "dismissed",
    "comment": "commented",
}


def alert_view(detail: AlertDetail) -> AlertView:
    """The card's data from the hub's alert detail; the author stays a pseudonym."""
    alert = detail.alert
    last = next((e for e in reversed(detail.events) if e.action in ACTION_LABELS), None)
    return AlertView(
        id=str(alert.id),
        status=alert.status,
        severity=alert.severity,
        category=alert.category,
        detectors=list(alert.detectors.get("items", [])),
        author_pseudonym=alert.author_pseudonym,
        excerpt=alert.redacted_excerpt,
        link=alert.link,
        policy_name=alert.policy_name,
        policy_version=alert.policy_version,
        occurrences=alert.occurrences,
        version=alert.version,
        assignee_label=detail.assignee_label,
        last_action=ACTION_LABELS.get(last.action) if last else None,
        last_actor=last.actor_label if last else None,
        false_positive_reported="reported-false-positive" in alert.tags.get("items", []),
    )


def _review_action(verb: str, actor: Actor, data: dict[str, Any]) -> AlertAction:
    comment = str(data.get("comment") or "").strip() or None
    if verb == "assign_me":
        return AlertAction("assign", assignee_id=actor.user_id, comment=comment)
    if verb == "dismiss":
        return AlertAction("dismiss", reason="false_positive", comment=comment)
    return AlertAction(verb, comment=comment)


async def act(
    session: AsyncSession,
    *,
    actor: Actor | None,
    verb: str,
    data: dict[str, Any],
    locale: str | None,
) -> dict[str, Any]:
    """One button press: refuse non-officers, apply once, and return the card to show."""
    if actor is None or not actor.can(Permission.COMPLIANCE_REVIEW):
        return refusal_card(locale)
    alert_id = uuid.UUID(str(data.get("alertId")))
    if verb == "refresh":
        detail = await alert_service.get(session, actor=actor, alert_id=alert_id)
        return alert_card(locale, alert_view(detail))
    version = data.get("version")
    try:
        async with session.begin_nested():
            detail = await alert_service.act(
                session,
                actor=actor,
                alert_id=alert_id,
                action=_review_action(verb, actor, data),
                expected_version=int(version) if version is not None else None,
            )
    except Conflict:
        # Two officers at once: the first wins, the other sees the state it produced.
        detail = await alert_service.get(session, actor=actor, alert_id=alert_id)
        return alert_card(locale, alert_view(detail), notice=t(locale, "alert.lost_race"))
    return alert_card(locale, alert_view(detail))


class TeamsAlertNotifier:
    """The hub's AlertNotifier: posts new alerts to the alert channels and updates their cards."""

    def __init__(self, services: BotServices) -> None:
        self.services = services

    async def alert_changed(
        self, session: AsyncSession, *, alert_id: uuid.UUID, event: str
    ) -> None:
        detail = await alert_service.get(session, actor=SYSTEM, alert_id=alert_id)
        view = alert_view(detail)
        outbound = self.services.require_outbound()
        posted = {
            c.conversation_id: c
            for c in await conversation_service.alert_cards(session, alert_id=alert_id)
        }
        for channel in await conversation_service.alert_channels(session):
            content = cards.message(alert_card(channel.locale, view))
            existing = posted.pop(channel.conversation_id, None)
            try:
                if existing is not None:
                    await outbound.update(channel.reference, existing.activity_id, content)
                    continue
                activity_id = await outbound.post(channel.reference, content)
            except OutboundFailed as exc:
                log.warning(
                    "alert card not delivered",
                    extra={"alert_id": str(alert_id), "event": event, "status": exc.status},
                )
                continue
            if activity_id:
                await conversation_service.record_alert_card(
                    session,
                    alert_id=alert_id,
                    conversation_id=channel.conversation_id,
                    activity_id=activity_id,
                )
        await self._update_elsewhere(session, view, list(posted.values()))

    async def _update_elsewhere(
        self, session: AsyncSession, view: AlertView, remaining: list[Any]
    ) -> None:
        """Cards in conversations that are no longer alert channels still show the truth."""
        outbound = self.services.require_outbound()
        for posted in remaining:
            conversation = await conversation_service.get(
                session, conversation_id=posted.conversation_id
            )
            if conversation is None:
                continue
            try:
                await outbound.update(
                    conversation.reference,
                    posted.activity_id,
                    cards.message(alert_card(conversation.locale, view)),
                )
            except OutboundFailed as exc:
                log.warning(
                    "alert card not updated", extra={"alert_id": view.id, "status": exc.status}
                )
