"""Channel and group-chat messages: scanned in the background, authors coached 1:1 at once."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.db import after_commit
from backend.app.services import bot_conversations as conversation_service
from backend.app.services import compliance_scans as scan_service
from backend.app.services.bot_conversations import ConversationIn
from backend.app.services.compliance_scans import ScanContext, ScanOutcome
from bot import cards
from bot.activities import Incoming, clean_text, parse
from bot.cards_alerts import coaching_card
from bot.context import BotServices, reference_of
from bot.pacing import OutboundFailed

log = logging.getLogger("nova.bot.channel")


def message_link(i: Incoming) -> str | None:
    """A Teams deep link to the message, for the alert's source link."""
    if not i.id:
        return None
    where = i.channel_id or i.conversation_id
    base = "https://teams.microsoft.com/l/message"
    return f"{base}/{quote(where, safe='')}/{i.id}?tenantId={i.tenant_id or ''}"


def job_payload(activity: dict[str, Any]) -> dict[str, Any]:
    """What the scan job needs from the activity (never the HTML attachments)."""
    keep = ("type", "id", "timestamp", "serviceUrl", "channelId", "from", "conversation")
    payload = {k: activity.get(k) for k in keep}
    payload |= {
        "recipient": activity.get("recipient"),
        "text": activity.get("text") or "",
        "locale": activity.get("locale"),
        "entities": [e for e in activity.get("entities") or [] if e.get("type") == "clientInfo"],
        "channelData": activity.get("channelData") or {},
    }
    return payload


def sealed_job_payload(services: BotServices, activity: dict[str, Any]) -> dict[str, Any]:
    """The scan job's payload with the message text sealed like evidence, never in clear."""
    payload = job_payload(activity)
    payload["sealed_text"] = services.seal(payload.pop("text"), context=_job_context(payload))
    return {"activity": payload}


def _job_context(activity: dict[str, Any]) -> str:
    conversation = (activity.get("conversation") or {}).get("id")
    return f"bot-channel-job:{conversation}:{activity.get('id')}"


def _opened(services: BotServices, activity: dict[str, Any]) -> dict[str, Any]:
    if "sealed_text" not in activity:
        return activity
    opened = dict(activity)
    opened["text"] = services.unseal(opened.pop("sealed_text"), context=_job_context(opened))
    return opened


async def run_channel_job(
    services: BotServices, session: AsyncSession, payload: dict[str, Any]
) -> None:
    """Job handler: scan one channel or group-chat message, then coach its author privately."""
    activity = _opened(services, payload["activity"])
    i = parse(activity)
    body = clean_text(i.text)
    if not body:
        return
    in_channel = i.conversation_type == "channel"
    outcome = await scan_service.run_scan(
        session,
        toolkit=services.toolkit,
        source="teams_channel_message" if in_channel else "teams_chat_message",
        text=body,
        context=ScanContext(
            tenant_id=i.tenant_id,
            team_id=i.team_id,
            channel_id=i.channel_id if in_channel else None,
            chat_id=None if in_channel else i.conversation_id,
            author_id=i.from_aad,
            author_name=i.from_name,
            message_id=i.id,
            edited_at=i.edited_at,
            message_at=i.timestamp,
            link=message_link(i),
        ),
    )
    if outcome.duplicate or outcome.coaching_id is None:
        return
    await coach(services, session, i, activity, outcome)


async def coach(
    services: BotServices,
    session: AsyncSession,
    i: Incoming,
    activity: dict[str, Any],
    outcome: ScanOutcome,
) -> None:
    """Send the author the private coaching card, in their 1:1 chat with the bot.

    The card goes out once the scan has committed: a coaching note never describes a scan that
    rolled back, and the HTTP call never holds the transaction open.
    """
    personal = await conversation_service.personal_for(session, aad_object_id=i.from_aad or "")
    locale = (personal.locale if personal else None) or i.locale
    content = cards.message(
        coaching_card(
            locale,
            coaching_id=str(outcome.coaching_id),
            policy=outcome.policy_name,
            categories=list(outcome.verdict.categories),
            excerpt=outcome.verdict.redacted_text,
        )
    )
    reference = dict(personal.reference) if personal is not None else None

    async def send() -> None:
        try:
            await _deliver(services, i, activity, reference, content)
        except OutboundFailed as exc:
            # The alert stands; the coaching note is in the author's history (`my coaching`).
            log.warning(
                "coaching message not delivered",
                extra={
                    "status": exc.status,
                    "coaching_id": str(outcome.coaching_id),
                    "activity_id": i.id,
                },
            )

    after_commit(session, send)


async def _deliver(
    services: BotServices,
    i: Incoming,
    activity: dict[str, Any],
    personal_reference: dict[str, Any] | None,
    content: dict[str, Any],
) -> None:
    outbound = services.require_outbound()
    if personal_reference is not None:
        await outbound.post(personal_reference, content)
        return
    if not i.from_id:
        return
    reference, _ = await outbound.create_personal(reference_of(activity), i.from_id, content)
    conversation = reference.get("conversation") or {}
    async with services.database.session_scope() as session:
        await conversation_service.remember(
            session,
            conversation_in=ConversationIn(
                conversation_id=str(conversation.get("id")),
                kind="personal",
                service_url=i.service_url,
                reference=reference | {"user": activity.get("from")},
                tenant_id=i.tenant_id,
                user_aad_object_id=i.from_aad,
                locale=i.locale,
            ),
        )
