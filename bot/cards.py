"""Adaptive Cards 1.5 for commands, as pure functions of plain data (validated in tests)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.i18n import t

Card = dict[str, Any]
CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
COMMAND_KEYS = (
    ("help", "cmd.help"),
    ("find <text>", "cmd.find"),
    ("deal <name>", "cmd.deal"),
    ("note <deal> <text>", "cmd.note"),
    ("check <text>", "cmd.check"),
    ("ask <prompt>", "cmd.ask"),
    ("my alerts", "cmd.my_alerts"),
    ("my coaching", "cmd.my_coaching"),
    ("privacy", "cmd.privacy"),
    ("link", "cmd.link"),
    ("set alert channel", "cmd.set_alert_channel"),
)


def card(body: list[dict[str, Any]], actions: list[dict[str, Any]] | None = None) -> Card:
    """An Adaptive Card 1.5 envelope (the version Teams needs for Action.Execute)."""
    result: Card = {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": "1.5",
        "body": body,
    }
    if actions:
        result["actions"] = actions
    return result


def text(value: str, **style: Any) -> dict[str, Any]:
    return {"type": "TextBlock", "text": value, "wrap": True, **style}


def title(value: str) -> dict[str, Any]:
    return text(value, size="Medium", weight="Bolder")


def facts(pairs: Sequence[tuple[str, str]]) -> dict[str, Any]:
    return {"type": "FactSet", "facts": [{"title": k, "value": v or "\u2014"} for k, v in pairs]}


def execute(label: str, verb: str, data: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "Action.Execute", "title": label, "verb": verb, "data": data, **extra}


def attachment(content: Card) -> dict[str, Any]:
    return {"contentType": CARD_CONTENT_TYPE, "content": content}


def message(content: Card) -> dict[str, Any]:
    """A message activity carrying one card."""
    return {"type": "message", "attachments": [attachment(content)]}


def help_card(locale: str | None, *, linked: bool) -> Card:
    body = [title(t(locale, "help.title")), text(t(locale, "help.intro"))]
    body.append(facts([(usage, t(locale, key)) for usage, key in COMMAND_KEYS]))
    if not linked:
        body.append(text(t(locale, "help.unlinked"), color="Attention"))
    return card(body)


def notice_card(heading: str, detail: str, *, attention: bool = False) -> Card:
    style = {"color": "Attention"} if attention else {}
    return card([title(heading), text(detail, **style)])


def error_card(locale: str | None, error_id: str) -> Card:
    return notice_card(
        t(locale, "error.title"), t(locale, "error.body", error_id=error_id), attention=True
    )


def problem_card(locale: str | None, detail: str) -> Card:
    return notice_card(t(locale, "problem.title"), detail, attention=True)


def results_card(locale: str | None, query: str, sections: dict[str, list[str]]) -> Card:
    """Search results by kind: {"find.companies": [lines...], ...}."""
    if not any(sections.values()):
        return notice_card(
            t(locale, "find.title", query=query), t(locale, "find.none", query=query)
        )
    body: list[dict[str, Any]] = [title(t(locale, "find.title", query=query))]
    for key, lines in sections.items():
        if lines:
            body.append(text(t(locale, key), weight="Bolder", spacing="Medium"))
            body.extend(text(f"\u2022 {line}", spacing="None") for line in lines)
    return card(body)


def deal_card(
    locale: str | None,
    deal: dict[str, Any],
    *,
    stage: str,
    next_activity: str | None,
    stages: Sequence[tuple[str, str]],
    notice: str | None = None,
) -> Card:
    """A deal with buttons to move its stage or log a note (Action.Execute)."""
    deal_id = str(deal["id"])
    body = [
        title(str(deal["title"])),
        facts(
            [
                (t(locale, "deal.stage"), stage),
                (t(locale, "deal.amount"), f"{deal['amount']} {deal['currency']}"),
                (t(locale, "deal.status"), str(deal["status"])),
                (t(locale, "deal.next"), next_activity or t(locale, "deal.no_next")),
            ]
        ),
    ]
    if notice:
        body.append(text(notice, color="Good"))
    move = card(
        [
            {
                "type": "Input.ChoiceSet",
                "id": "stageId",
                "label": t(locale, "deal.move_to"),
                "value": str(deal["stage_id"]),
                "choices": [{"title": name, "value": sid} for sid, name in stages],
            }
        ],
        [execute(t(locale, "deal.move"), "deal.move", {"dealId": deal_id})],
    )
    note = card(
        [
            {
                "type": "Input.Text",
                "id": "note",
                "isMultiline": True,
                "placeholder": t(locale, "deal.note_placeholder"),
                "maxLength": 2000,
            }
        ],
        [execute(t(locale, "deal.save_note"), "deal.note", {"dealId": deal_id})],
    )
    for sub in (move, note):
        sub.pop("$schema")
        sub.pop("version")
    return card(
        body,
        [
            {"type": "Action.ShowCard", "title": t(locale, "deal.move"), "card": move},
            {"type": "Action.ShowCard", "title": t(locale, "deal.log_note"), "card": note},
        ],
    )


def check_card(
    locale: str | None,
    *,
    decision: str,
    policy: str,
    redacted: str,
    findings: Sequence[dict[str, Any]],
) -> Card:
    """What the engine found in a text (redacted) and why each finding fired."""
    if not findings:
        return notice_card(t(locale, "check.title"), t(locale, "check.clean", policy=policy))
    body = [
        title(t(locale, "check.title")),
        text(t(locale, "check.found", decision=decision, policy=policy)),
        text(t(locale, "check.redacted"), weight="Bolder"),
        text(redacted, fontType="Monospace"),
        text(t(locale, "check.why"), weight="Bolder"),
    ]
    body.extend(text(f"\u2022 {why_line(f)}", spacing="None") for f in findings[:10])
    return card(body)


def why_line(finding: dict[str, Any]) -> str:
    """One finding in a line: detector, severity and the engine's explanation."""
    explanation = finding.get("explanation") or {}
    reason = explanation.get("reason") or explanation.get("summary") or ""
    if not reason and explanation:
        reason = ", ".join(f"{k}: {v}" for k, v in list(explanation.items())[:3])
    label = f"{finding.get('detector')} ({finding.get('severity')})"
    return f"{label}: {reason}" if reason else label


def ask_card(
    locale: str | None,
    *,
    answer: str | None = None,
    blocked: str | None = None,
    verdict: str | None = None,
    sanitised: str | None = None,
    redacted_note: bool = False,
    pending: bool = False,
    unavailable: str | None = None,
) -> Card:
    """The assistant's answer, a block, the gateway's verdict when no upstream is set, the
    acknowledgement shown while the answer is on its way, or the upstream's failure (an id)."""
    body = [title(t(locale, "ask.title"))]
    if blocked is not None:
        body.append(text(t(locale, "ask.blocked", detail=blocked), color="Attention"))
    elif unavailable is not None:
        body.append(text(t(locale, "ask.unavailable", error_id=unavailable), color="Attention"))
    elif pending or answer is not None:
        body.append(text(answer) if answer is not None else text(t(locale, "ask.pending")))
        if redacted_note:
            body.append(text(t(locale, "ask.redacted_note"), isSubtle=True))
    else:
        body.append(text(t(locale, "ask.no_upstream")))
        body.append(
            facts([(t(locale, "ask.verdict"), verdict or ""), (t(locale, "ask.sanitised"), "")])
        )
        body.append(text(sanitised or "", fontType="Monospace"))
    return card(body)


def list_card(heading: str, lines: Sequence[str], empty: str) -> Card:
    if not lines:
        return notice_card(heading, empty)
    return card([title(heading), *(text(f"\u2022 {line}", spacing="None") for line in lines)])


def privacy_card(locale: str | None) -> Card:
    return notice_card(t(locale, "privacy.title"), t(locale, "privacy.body"))
