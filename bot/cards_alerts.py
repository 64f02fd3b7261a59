"""Alert cards for the officers' channel and the private coaching card for authors."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.cards import Card, card, execute, facts, text, title
from bot.i18n import t

SEVERITY_COLOURS = {"critical": "Attention", "high": "Attention", "medium": "Warning"}
OPEN_STATUSES = ("new", "acknowledged", "escalated")
# verb -> (label key, statuses it may be used from)
ALERT_VERBS: dict[str, tuple[str, tuple[str, ...]]] = {
    "acknowledge": ("alert.acknowledge", ("new",)),
    "assign_me": ("alert.assign_me", OPEN_STATUSES),
    "escalate": ("alert.escalate", ("new", "acknowledged")),
    "resolve": ("alert.resolve", OPEN_STATUSES),
    "dismiss": ("alert.dismiss", OPEN_STATUSES),
}


@dataclass(frozen=True)
class AlertView:
    """What an alert card shows; never the raw text or the author's name."""

    id: str
    status: str
    severity: str
    category: str
    detectors: Sequence[str]
    author_pseudonym: str | None
    excerpt: str
    link: str | None
    policy_name: str
    policy_version: int
    occurrences: int
    version: int
    assignee_label: str | None = None
    last_action: str | None = None
    last_actor: str | None = None
    false_positive_reported: bool = False


def alert_card(locale: str | None, alert: AlertView, *, notice: str | None = None) -> Card:
    """The shared alert card; buttons only for the actions its status allows."""
    body: list[dict[str, Any]] = [
        title(f"{t(locale, 'alert.title')}: {alert.category}"),
        facts(
            [
                (t(locale, "alert.severity"), alert.severity),
                (t(locale, "alert.status"), alert.status),
                (t(locale, "alert.category"), alert.category),
                (t(locale, "alert.detectors"), ", ".join(alert.detectors)),
                (t(locale, "alert.author"), alert.author_pseudonym or "\u2014"),
                (t(locale, "alert.policy"), f"{alert.policy_name} v{alert.policy_version}"),
                (t(locale, "alert.occurrences"), str(alert.occurrences)),
                (t(locale, "alert.assignee"), alert.assignee_label or "\u2014"),
            ]
        ),
        text(alert.excerpt[:1500] or "\u2014", fontType="Monospace"),
    ]
    colour = SEVERITY_COLOURS.get(alert.severity)
    if colour:
        body[0]["color"] = colour
    if alert.false_positive_reported:
        body.append(text(t(locale, "alert.false_positive"), color="Warning"))
    if alert.last_action and alert.last_actor:
        body.append(
            text(
                t(locale, "alert.by", action=alert.last_action, actor=alert.last_actor),
                isSubtle=True,
            )
        )
    if notice:
        body.append(text(notice, color="Warning"))
    actions: list[dict[str, Any]] = []
    data = {"alertId": alert.id, "version": alert.version}
    for verb, (label, allowed) in ALERT_VERBS.items():
        if alert.status in allowed:
            actions.append(execute(t(locale, label), f"alert.{verb}", data))
    if actions:
        body.append(
            {
                "type": "Input.Text",
                "id": "comment",
                "label": t(locale, "alert.comment"),
                "isMultiline": True,
                "maxLength": 1000,
            }
        )
    if alert.link and alert.link.startswith("https://"):
        actions.append(
            {"type": "Action.OpenUrl", "title": t(locale, "alert.source"), "url": alert.link}
        )
    result = card(body, actions)
    result["refresh"] = {
        "action": {
            "type": "Action.Execute",
            "verb": "alert.refresh",
            "data": {"alertId": alert.id},
        },
        "userIds": [],
    }
    return result


def refusal_card(locale: str | None) -> Card:
    return card([title(t(locale, "refusal.title")), text(t(locale, "refusal.body"))])


def coaching_card(
    locale: str | None,
    *,
    coaching_id: str,
    policy: str,
    categories: Sequence[str],
    excerpt: str,
    reported: bool = False,
) -> Card:
    """The private 1:1 note to an author: what was found, which policy, what to do."""
    body = [
        title(t(locale, "coaching.title")),
        text(t(locale, "coaching.intro", policy=policy)),
        text(t(locale, "coaching.found"), weight="Bolder"),
        text(", ".join(categories) or "\u2014"),
        text(excerpt[:1500] or "\u2014", fontType="Monospace"),
        text(t(locale, "coaching.todo"), weight="Bolder"),
        text(t(locale, "coaching.todo_text")),
    ]
    if reported:
        body.append(text(t(locale, "coaching.reported"), color="Good"))
        return card(body)
    return card(
        body,
        [
            execute(
                t(locale, "coaching.false_positive"),
                "coaching.false_positive",
                {"coachingId": coaching_id},
            )
        ],
    )
