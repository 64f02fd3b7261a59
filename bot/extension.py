"""The message extension: "Check with NovaCRM" on any message, and "Log to CRM" onto a deal."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.services import bot_links as link_service
from backend.app.services import compliance_policies as policy_service
from bot import cards, commands
from bot.activities import Incoming, clean_text
from bot.context import BotServices
from bot.i18n import t

CHECK_COMMAND = "checkMessage"
LOG_COMMAND = "logToCrm"


def _message_text(i: Incoming) -> str:
    payload = i.value.get("messagePayload") or {}
    body = payload.get("body") or {}
    data = i.value.get("data") or {}
    return clean_text(str(body.get("content") or data.get("draft") or data.get("text") or ""))


def _dialog(heading: str, content: dict[str, Any]) -> dict[str, Any]:
    return {
        "task": {"type": "continue", "value": {"title": heading, "card": cards.attachment(content)}}
    }


def _told(text: str) -> dict[str, Any]:
    return {"task": {"type": "message", "value": text}}


async def _verdict(session: AsyncSession, services: BotServices, text: str) -> tuple[Any, str]:
    resolved = await policy_service.resolve(
        session, toolkit=services.toolkit, target=policy_service.ScanTarget(source="api")
    )
    return await services.toolkit.adapter.scan(text, resolved.document), resolved.policy.name


async def handle(session: AsyncSession, services: BotServices, i: Incoming) -> dict[str, Any]:
    """composeExtension/fetchTask and /submitAction for both commands."""
    command = str(i.value.get("commandId") or "")
    text = _message_text(i)
    if command == LOG_COMMAND:
        return await _log(session, services, i, text)
    if not text:
        return _told(t(i.locale, "check.usage"))
    verdict, policy = await _verdict(session, services, text)
    return _dialog(t(i.locale, "check.title"), commands.check_result(i.locale, verdict, policy))


async def _log(
    session: AsyncSession, services: BotServices, i: Incoming, text: str
) -> dict[str, Any]:
    actor = await link_service.resolve(session, aad_object_id=i.from_aad)
    if actor is None:
        return _told(t(i.locale, "unlinked"))
    deal_name = str((i.value.get("data") or {}).get("deal") or "").strip()
    if not deal_name:
        return _told(t(i.locale, "extension.need_deal"))
    deal = await commands.find_deal(session, actor, deal_name)
    if deal is None:
        return _told(t(i.locale, "deal.none", query=deal_name))
    verdict, _policy = await _verdict(session, services, text)
    # Logged redacted per policy: whatever the policy finds never reaches the CRM as is.
    told = await commands.log_note(session, services, i.locale, actor, deal, verdict.redacted_text)
    return _told(told)
