"""The bot's front door after authentication: route each activity to its handler.

Domain errors become friendly cards; anything unexpected is logged with an id and only the id
is shown. Redelivered activities are recognised by id and answered once.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.db import after_commit
from backend.app.errors import DomainError
from backend.app.services import bot_activities as activity_service
from backend.app.services import bot_conversations as conversation_service
from backend.app.services import bot_links as link_service
from backend.app.services import compliance_coaching as coaching_service
from backend.app.services import deals as deal_service
from backend.app.services import jobs as job_service
from backend.app.services.bot_conversations import ConversationIn
from bot import alerts, asks, cards, commands, extension
from bot.activities import Incoming, parse, parse_command
from bot.cards_alerts import coaching_card
from bot.channel import sealed_job_payload
from bot.context import CHANNEL_JOB, BotServices, reference_of
from bot.i18n import t
from bot.pacing import OutboundFailed
from bot.ports import InvokeReply, Turn
from bot.recent import RecentConversations

log = logging.getLogger("nova.bot")
CARD_RESPONSE = "application/vnd.microsoft.card.adaptive"


def card_reply(content: dict[str, Any]) -> InvokeReply:
    """The adaptiveCard/action answer that replaces the card for the user who clicked."""
    return InvokeReply(200, {"statusCode": 200, "type": CARD_RESPONSE, "value": content})


class NovaBot:
    """Callable bot logic: ``await bot(turn)`` returns an invoke reply or None."""

    def __init__(self, services: BotServices) -> None:
        self.services = services
        self.recent = RecentConversations()

    async def __call__(self, turn: Turn) -> InvokeReply | None:
        incoming = parse(turn.activity)
        try:
            return await self._handle(turn, incoming)
        except OutboundFailed as exc:
            # The turn's work is committed; only the answer could not be delivered. An error
            # status would make Teams redeliver, and the redelivery is dropped as a duplicate.
            log.warning(
                "bot answer not delivered",
                extra={"status": exc.status, "activity_id": incoming.id},
            )
            return None

    async def _handle(self, turn: Turn, incoming: Incoming) -> InvokeReply | None:
        try:
            return await self._route(turn, incoming)
        except OutboundFailed:
            raise  # the connector refused: an error card would go the same way
        except DomainError as exc:
            return await self._answer(
                turn, incoming, cards.problem_card(incoming.locale, exc.detail)
            )
        except Exception:
            error_id = uuid.uuid4().hex[:12]
            log.exception(
                "bot handler failed",
                extra={
                    "error_id": error_id,
                    "activity_id": incoming.id,
                    "activity_type": incoming.type,
                },
            )
            return await self._answer(turn, incoming, cards.error_card(incoming.locale, error_id))

    async def _answer(
        self, turn: Turn, incoming: Incoming, content: dict[str, Any]
    ) -> InvokeReply | None:
        if incoming.type == "invoke":
            return card_reply(content)
        if incoming.type != "message" or not (incoming.is_personal or incoming.mentions_bot):
            return None  # nobody asked the bot anything: the log (with its id) is enough
        await turn.send(cards.message(content))
        return None

    async def _route(self, turn: Turn, i: Incoming) -> InvokeReply | None:
        if i.type == "message":
            return await self._message(turn, i)
        if i.type in ("conversationUpdate", "installationUpdate"):
            await self._installed(turn, i)
            return None
        if i.type == "invoke":
            return await self._invoke(turn, i)
        return None  # typing, reactions, unknown types: acknowledged, never an error

    def _conversation_in(self, turn: Turn, i: Incoming) -> ConversationIn:
        reference = reference_of(turn.activity)
        reference["conversation"] = dict(reference["conversation"]) | {"id": i.root_conversation_id}
        if not i.is_personal:
            # A channel's or group's reference is the same whoever wrote: no sender in it.
            reference["user"] = None
        return ConversationIn(
            conversation_id=i.root_conversation_id,
            kind=i.conversation_type,
            service_url=i.service_url,
            reference=reference,
            tenant_id=i.tenant_id,
            team_id=i.team_id,
            channel_id=i.channel_id,
            user_aad_object_id=i.from_aad if i.is_personal else None,
            locale=i.locale,
        )

    async def _installed(self, turn: Turn, i: Incoming) -> None:
        async with self.services.database.session_scope() as session:
            await conversation_service.remember(
                session,
                conversation_in=self._conversation_in(turn, i),
                alert_channel_id=self.services.alert_channel_id,
            )
        if (
            i.type == "installationUpdate"
            and turn.activity.get("action") == "add"
            and i.is_personal
        ):
            await turn.send(cards.message(cards.help_card(i.locale, linked=False)))

    async def _remember(self, session: AsyncSession, conversation: ConversationIn) -> None:
        """Store the conversation's reference unless this process stored the same one lately."""
        if self.recent.is_current(conversation):
            return
        await conversation_service.remember(
            session, conversation_in=conversation, alert_channel_id=self.services.alert_channel_id
        )

        async def stored() -> None:
            self.recent.mark(conversation)

        after_commit(session, stored)

    async def _message(self, turn: Turn, i: Incoming) -> InvokeReply | None:
        is_command = i.is_personal or i.mentions_bot
        command = parse_command(i.text)
        if not i.is_personal and command.name == "unknown":
            # A mention that is not a command is an ordinary message: it is scanned like the rest.
            is_command = False
        async with self.services.database.session_scope() as session:
            key = activity_service.activity_key(i.conversation_id, i.id)
            if not await activity_service.first_delivery(session, key=key):
                return None
            await self._remember(session, self._conversation_in(turn, i))
            if not is_command:
                # Acknowledge now, scan in the background: durable, in the same transaction.
                await job_service.enqueue(
                    session,
                    kind=CHANNEL_JOB,
                    payload=sealed_job_payload(self.services, turn.activity),
                )
                return None
            content = await commands.run(session, self.services, i, command)
        if isinstance(content, asks.PendingAsk):
            await asks.acknowledge(self.services, turn, content)
            return None
        # Sent after the commit: a reply never describes a change that rolled back.
        await turn.send(cards.message(content))
        return None

    async def _invoke(self, turn: Turn, i: Incoming) -> InvokeReply | None:
        if i.name == "adaptiveCard/action":
            return await self._card_action(i)
        if i.name and i.name.startswith("composeExtension/"):
            async with self.services.database.session_scope() as session:
                return InvokeReply(200, await extension.handle(session, self.services, i))
        return InvokeReply(200, {})

    async def _card_action(self, i: Incoming) -> InvokeReply:
        action = i.value.get("action") or {}
        verb = str(action.get("verb") or "")
        data = dict(action.get("data") or {})
        key = activity_service.activity_key(i.id, i.reply_to_id, verb)
        async with self.services.database.session_scope() as session:
            first = await activity_service.first_delivery(session, key=key)
            actor = await link_service.resolve(session, aad_object_id=i.from_aad)
            if verb.startswith("alert."):
                # A redelivered click shows the current state instead of acting twice.
                name = verb.removeprefix("alert.") if first else "refresh"
                content = await alerts.act(
                    session, actor=actor, verb=name, data=data, locale=i.locale
                )
            elif verb == "coaching.false_positive":
                content = await self._false_positive(session, i, data)
            elif verb in ("deal.move", "deal.note"):
                content = await self._deal_action(session, i, actor, verb, data)
            else:
                content = cards.notice_card(t(i.locale, "help.title"), t(i.locale, "unknown"))
        return card_reply(content)

    async def _false_positive(
        self, session: Any, i: Incoming, data: dict[str, Any]
    ) -> dict[str, Any]:
        coaching_id = uuid.UUID(str(data.get("coachingId")))
        try:
            coaching = await coaching_service.report_false_positive(
                session,
                toolkit=self.services.toolkit,
                object_id=i.from_aad or "",
                coaching_id=coaching_id,
            )
        except DomainError as exc:
            if exc.status != 409:
                raise
            items = await coaching_service.list_for_person(
                session, toolkit=self.services.toolkit, object_id=i.from_aad or "", limit=200
            )
            coaching = next(c for c in items if c.id == coaching_id)
        return coaching_card(
            i.locale,
            coaching_id=str(coaching.id),
            policy=coaching.policy_name,
            categories=list(coaching.categories.get("items", [])),
            excerpt=coaching.redacted_excerpt,
            reported=True,
        )

    async def _deal_action(
        self, session: Any, i: Incoming, actor: Any, verb: str, data: dict[str, Any]
    ) -> dict[str, Any]:
        if actor is None:
            return cards.notice_card(t(i.locale, "help.title"), t(i.locale, "unlinked"))
        deal_id = uuid.UUID(str(data.get("dealId")))
        if verb == "deal.move":
            deal = await deal_service.update(
                session,
                actor=actor,
                screener=self.services.screener,
                deal_id=deal_id,
                changes={"stage_id": uuid.UUID(str(data.get("stageId")))},
            )
            return await commands.render_deal(session, i.locale, actor, deal, notice=None)
        deal = await deal_service.get(session, actor=actor, deal_id=deal_id)
        told = await commands.log_note(
            session, self.services, i.locale, actor, deal, str(data.get("note") or "").strip()
        )
        return await commands.render_deal(session, i.locale, actor, deal, notice=told)
