"""Personal-chat commands: resolve the sender, gate, call the services in one transaction, render.

Each handler runs inside the caller's transaction and returns the card to send; sending
happens after the commit, so a reply never describes a change that rolled back.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.errors import PermissionDenied
from backend.app.permissions import Permission
from backend.app.services import activities as activity_service
from backend.app.services import ai_gateway as gateway_service
from backend.app.services import bot_conversations as conversation_service
from backend.app.services import bot_links as link_service
from backend.app.services import companies as company_service
from backend.app.services import compliance_alerts as alert_service
from backend.app.services import compliance_coaching as coaching_service
from backend.app.services import compliance_policies as policy_service
from backend.app.services import contacts as contact_service
from backend.app.services import deals as deal_service
from backend.app.services import pipelines as pipeline_service
from backend.app.services.actors import Actor
from backend.app.services.compliance_scans import ScanContext
from bot import asks, cards
from bot.activities import Command, Incoming, split_note
from bot.context import BotServices
from bot.i18n import t

Card = dict[str, Any]
Reply = Card | asks.PendingAsk  # a card now, or an acknowledgement and an answer to come
Handler = Callable[[AsyncSession, BotServices, Incoming, Actor | None, str], Awaitable[Reply]]
PUBLIC = {"help", "check", "privacy", "link", "my coaching", "unknown"}
REFUSED_IN_NOTES = frozenset({"injection"})


async def run(
    session: AsyncSession, services: BotServices, incoming: Incoming, command: Command
) -> Reply:
    """Resolve the sender, then run the command; unknown senders get limited help."""
    actor = await link_service.resolve(session, aad_object_id=incoming.from_aad)
    if actor is None and command.name not in PUBLIC:
        return cards.notice_card(t(incoming.locale, "help.title"), t(incoming.locale, "unlinked"))
    handler = HANDLERS[command.name]
    return await handler(session, services, incoming, actor, command.args)


async def _help(
    session: AsyncSession, s: BotServices, i: Incoming, actor: Actor | None, _a: str
) -> Card:
    return cards.help_card(i.locale, linked=actor is not None)


async def _unknown(
    session: AsyncSession, s: BotServices, i: Incoming, a: Actor | None, _x: str
) -> Card:
    return cards.notice_card(t(i.locale, "help.title"), t(i.locale, "unknown"))


async def _privacy(
    session: AsyncSession, s: BotServices, i: Incoming, a: Actor | None, _x: str
) -> Card:
    return cards.privacy_card(i.locale)


async def _find(
    session: AsyncSession, s: BotServices, i: Incoming, actor: Actor | None, query: str
) -> Card:
    assert actor is not None
    if not query:
        return cards.notice_card(t(i.locale, "help.title"), t(i.locale, "find.usage"))
    filters = {"q": query}
    companies = await company_service.list_companies(session, actor=actor, filters=filters, limit=5)
    contacts = await contact_service.list_contacts(session, actor=actor, filters=filters, limit=5)
    deals = await deal_service.list_deals(session, actor=actor, filters=filters, limit=5)
    return cards.results_card(
        i.locale,
        query,
        {
            "find.companies": [str(c.get("name")) for c in companies.items],
            "find.contacts": [
                " ".join(str(c.get(k) or "") for k in ("first_name", "last_name")).strip()
                + (f" \u2014 {c['job_title']}" if c.get("job_title") else "")
                for c in contacts.items
            ],
            "find.deals": [
                f"{d.get('title')} \u2014 {d.get('amount')} {d.get('currency')} ({d.get('status')})"
                for d in deals.items
            ],
        },
    )


async def find_deal(session: AsyncSession, actor: Actor, name: str) -> dict[str, Any] | None:
    """The best deal match for a name the user typed: exact title first, then the newest."""
    page = await deal_service.list_deals(session, actor=actor, filters={"q": name}, limit=10)
    exact = [d for d in page.items if str(d.get("title", "")).lower() == name.lower()]
    return next(iter(exact or page.items), None)


async def render_deal(
    session: AsyncSession,
    locale: str | None,
    actor: Actor,
    deal: dict[str, Any],
    notice: str | None = None,
) -> Card:
    """The deal card with its stage names and the next open activity."""
    pipeline = await pipeline_service.get(session, actor=actor, pipeline_id=deal["pipeline_id"])
    stages = [(str(st["id"]), str(st["name"])) for st in pipeline["stages"]]
    stage = dict(stages).get(str(deal["stage_id"]), "?")
    page = await activity_service.list_activities(
        session, actor=actor, filters={"deal_id": deal["id"], "is_done": False}, limit=50
    )
    planned = sorted((a for a in page.items if a.get("due_at")), key=lambda a: a["due_at"])
    next_activity = None
    if planned:
        first = planned[0]
        next_activity = (
            f"{first['type']}: {(first.get('body') or '')[:80]} ({first['due_at']:%Y-%m-%d})"
        )
    return cards.deal_card(
        locale, deal, stage=stage, next_activity=next_activity, stages=stages, notice=notice
    )


async def _deal(
    session: AsyncSession, s: BotServices, i: Incoming, actor: Actor | None, name: str
) -> Card:
    assert actor is not None
    if not name:
        return cards.notice_card(t(i.locale, "help.title"), t(i.locale, "deal.usage"))
    deal = await find_deal(session, actor, name)
    if deal is None:
        return cards.notice_card(t(i.locale, "help.title"), t(i.locale, "deal.none", query=name))
    return await render_deal(session, i.locale, actor, deal)


async def log_note(
    session: AsyncSession,
    s: BotServices,
    locale: str | None,
    actor: Actor,
    deal: dict[str, Any],
    body: str,
) -> str:
    """The compliance gate, then the same service as the REST API; returns what to tell."""
    screened = await s.screener.screen(body)
    verdict = screened.verdict
    # Secrets are redacted by the CRM's own screen; instructions aimed at AI tools are refused.
    refused = sorted(set(verdict.categories) & REFUSED_IN_NOTES) if verdict is not None else []
    if refused:
        return t(locale, "note.blocked", categories=", ".join(refused))
    created = await activity_service.create(
        session,
        actor=actor,
        screener=s.screener,
        activity_in={"type": "note", "body": body, "deal_id": deal["id"]},
    )
    message = t(locale, "note.logged", deal=deal["title"])
    redacted = (created.get("compliance") or {}).get("redacted") or []
    if redacted:
        kinds = ", ".join(sorted({str(r.get("kind")) for r in redacted}))
        message += " " + t(locale, "note.redacted", categories=kinds)
    return message


async def _note(
    session: AsyncSession, s: BotServices, i: Incoming, actor: Actor | None, args: str
) -> Card:
    assert actor is not None
    parts = split_note(args)
    if parts is None:
        return cards.notice_card(t(i.locale, "help.title"), t(i.locale, "note.usage"))
    deal = await find_deal(session, actor, parts[0])
    if deal is None:
        return cards.notice_card(
            t(i.locale, "help.title"), t(i.locale, "deal.none", query=parts[0])
        )
    told = await log_note(session, s, i.locale, actor, deal, parts[1])
    return cards.notice_card(str(deal["title"]), told)


async def _check(
    session: AsyncSession, s: BotServices, i: Incoming, actor: Actor | None, body: str
) -> Card:
    if not body:
        return cards.notice_card(t(i.locale, "check.title"), t(i.locale, "check.usage"))
    # A dry run: the policy that would apply and what it finds, with nothing stored or raised.
    resolved = await policy_service.resolve(
        session, toolkit=s.toolkit, target=policy_service.ScanTarget(source="api")
    )
    verdict = await s.toolkit.adapter.scan(body, resolved.document)
    return check_result(i.locale, verdict, resolved.policy.name)


def check_result(locale: str | None, verdict: Any, policy: str) -> Card:
    """The check card for an engine verdict (also used by the message extension)."""
    return cards.check_card(
        locale,
        decision=verdict.decision,
        policy=policy,
        redacted=verdict.redacted_text,
        findings=[
            {
                "detector": f.detector_id,
                "severity": f.severity,
                "explanation": f.explanation,
            }
            for f in verdict.findings
        ],
    )


async def _ask(
    session: AsyncSession, s: BotServices, i: Incoming, actor: Actor | None, prompt: str
) -> Reply:
    """The gateway's gate now; the upstream's answer later, from a job (bot/asks.py)."""
    assert actor is not None
    if not prompt:
        return cards.notice_card(t(i.locale, "ask.title"), t(i.locale, "ask.usage"))
    context = ScanContext(
        tenant_id=i.tenant_id,
        chat_id=f"bot:{i.conversation_id}",
        author_id=i.from_aad,
        author_name=i.from_name,
        message_id=i.id,
    )
    try:
        screened = await gateway_service.screen_prompt(
            session,
            actor=actor,
            toolkit=s.toolkit,
            payload={"messages": [{"role": "user", "content": prompt}]},
            source="bot_prompt",
            context=context,
        )
    except gateway_service.PromptBlocked as exc:
        return cards.ask_card(i.locale, blocked=exc.detail)
    if s.upstream is None:
        sanitised = "\n".join(m["content"] for m in screened.messages)
        return cards.ask_card(i.locale, verdict=screened.verdict, sanitised=sanitised)
    return asks.pending(s, i.locale, screened)


async def _my_alerts(
    session: AsyncSession, s: BotServices, i: Incoming, actor: Actor | None, _x: str
) -> Card:
    assert actor is not None
    if not actor.can(Permission.COMPLIANCE_REVIEW):
        return cards.notice_card(t(i.locale, "alerts.title"), t(i.locale, "alerts.officers_only"))
    open_statuses = ("new", "acknowledged", "escalated")
    filters = alert_service.AlertFilters(statuses=open_statuses)
    page = await alert_service.list_alerts(
        session, actor=actor, filters=filters, limit=10, cursor=None
    )
    mine = [a for a in page.items if a.assignee_id in (None, actor.user_id)]
    lines = [
        f"{a.severity.upper()} \u00b7 {a.category} \u00b7 {a.status} \u00b7 "
        f"{a.author_pseudonym or '?'} \u00b7 {a.redacted_excerpt[:60]}"
        for a in mine
    ]
    return cards.list_card(t(i.locale, "alerts.title"), lines, t(i.locale, "alerts.none"))


async def _my_coaching(
    session: AsyncSession, s: BotServices, i: Incoming, actor: Actor | None, _x: str
) -> Card:
    if not i.from_aad:
        return cards.notice_card(
            t(i.locale, "coaching.history_title"), t(i.locale, "coaching.none")
        )
    items = await coaching_service.list_for_person(session, toolkit=s.toolkit, object_id=i.from_aad)
    lines = [
        f"{c.created_at:%Y-%m-%d} \u00b7 {', '.join(c.categories.get('items', []))} \u00b7 "
        f"{c.policy_name} \u00b7 {c.redacted_excerpt[:80]}"
        for c in items
    ]
    return cards.list_card(
        t(i.locale, "coaching.history_title"), lines, t(i.locale, "coaching.none")
    )


async def _link(
    session: AsyncSession, s: BotServices, i: Incoming, actor: Actor | None, code: str
) -> Card:
    if code and i.from_aad:
        linked = await link_service.redeem(session, aad_object_id=i.from_aad, code=code)
        return cards.notice_card(
            t(i.locale, "help.title"), t(i.locale, "link.done", email=linked.label)
        )
    if actor is not None:
        return cards.notice_card(
            t(i.locale, "help.title"), t(i.locale, "link.auto", email=actor.label)
        )
    return cards.notice_card(t(i.locale, "help.title"), t(i.locale, "link.how"))


async def _set_alert_channel(
    session: AsyncSession, s: BotServices, i: Incoming, actor: Actor | None, _x: str
) -> Card:
    assert actor is not None
    if i.conversation_type != "channel":
        return cards.notice_card(t(i.locale, "help.title"), t(i.locale, "alert_channel.where"))
    if not actor.can(Permission.COMPLIANCE_REVIEW):
        raise PermissionDenied(t(i.locale, "refusal.body"))
    await conversation_service.set_alert_channel(
        session, actor=actor, conversation_id=i.root_conversation_id
    )
    return cards.notice_card(t(i.locale, "help.title"), t(i.locale, "alert_channel.set"))


HANDLERS: dict[str, Handler] = {
    "help": _help,
    "unknown": _unknown,
    "privacy": _privacy,
    "find": _find,
    "deal": _deal,
    "note": _note,
    "check": _check,
    "ask": _ask,
    "my alerts": _my_alerts,
    "my coaching": _my_coaching,
    "link": _link,
    "set alert channel": _set_alert_channel,
}
