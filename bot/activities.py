"""Parse raw Teams activities into typed values: who, where, and which command."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

_AT = re.compile(r"<at[^>]*>.*?</at>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")

TWO_WORD_COMMANDS = {"my alerts", "my coaching", "set alert channel"}
COMMANDS = ("help", "find", "deal", "note", "check", "ask", "privacy", "link")


@dataclass(frozen=True)
class Incoming:
    """The parts of an activity the handlers use."""

    type: str
    id: str | None
    name: str | None
    conversation_id: str
    conversation_type: str  # personal | groupChat | channel
    tenant_id: str | None
    team_id: str | None
    channel_id: str | None
    from_id: str | None  # 29:... MRI
    from_aad: str | None  # Entra object id
    from_name: str | None
    recipient_id: str | None
    service_url: str
    locale: str | None
    text: str
    mentions_bot: bool
    reply_to_id: str | None
    value: dict[str, Any]
    timestamp: datetime | None
    edited_at: str | None

    @property
    def is_personal(self) -> bool:
        return self.conversation_type == "personal"

    @property
    def root_conversation_id(self) -> str:
        """A channel thread's conversation id without its ';messageid=' suffix."""
        return self.conversation_id.split(";", 1)[0]


@dataclass(frozen=True)
class Command:
    name: str  # one of COMMANDS or TWO_WORD_COMMANDS, or "unknown"
    args: str


def _locale(activity: dict[str, Any]) -> str | None:
    if activity.get("locale"):
        return str(activity["locale"])
    for entity in activity.get("entities") or []:
        if entity.get("type") == "clientInfo" and entity.get("locale"):
            return str(entity["locale"])
    return None


def _mentions(activity: dict[str, Any], recipient_id: str | None) -> bool:
    for entity in activity.get("entities") or []:
        if entity.get("type") != "mention":
            continue
        if (entity.get("mentioned") or {}).get("id") == recipient_id:
            return True
    return False


def _timestamp(raw: Any) -> datetime | None:
    if not isinstance(raw, str):
        return None
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return None


def clean_text(raw: str) -> str:
    """Message text without the bot mention, tags and entities."""
    text = _AT.sub(" ", raw or "")
    text = html.unescape(_TAG.sub(" ", text))
    return _SPACES.sub(" ", text).strip()


def parse(activity: dict[str, Any]) -> Incoming:
    """Read an activity's envelope; unknown or missing fields become None."""
    conversation = activity.get("conversation") or {}
    channel_data = activity.get("channelData") or {}
    sender = activity.get("from") or {}
    recipient = activity.get("recipient") or {}
    channel_id = (channel_data.get("channel") or {}).get("id") or channel_data.get("teamsChannelId")
    kind = conversation.get("conversationType") or (
        "channel" if channel_id else ("groupChat" if conversation.get("isGroup") else "personal")
    )
    value = activity.get("value")
    return Incoming(
        type=str(activity.get("type") or ""),
        id=activity.get("id"),
        name=activity.get("name"),
        conversation_id=str(conversation.get("id") or ""),
        conversation_type=str(kind),
        tenant_id=conversation.get("tenantId") or (channel_data.get("tenant") or {}).get("id"),
        team_id=(channel_data.get("team") or {}).get("id") or channel_data.get("teamsTeamId"),
        channel_id=channel_id,
        from_id=sender.get("id"),
        from_aad=sender.get("aadObjectId"),
        from_name=sender.get("name"),
        recipient_id=recipient.get("id"),
        service_url=str(activity.get("serviceUrl") or ""),
        locale=_locale(activity),
        text=str(activity.get("text") or ""),
        mentions_bot=_mentions(activity, recipient.get("id")),
        reply_to_id=activity.get("replyToId"),
        value=value if isinstance(value, dict) else {},
        timestamp=_timestamp(activity.get("timestamp")),
        edited_at=(channel_data.get("eventType") == "editMessage" and activity.get("timestamp"))
        or None,
    )


def parse_command(text: str) -> Command:
    """`find acme` → Command('find', 'acme'); two-word commands first; else 'unknown'."""
    cleaned = clean_text(text)
    lowered = cleaned.lower()
    for name in sorted(TWO_WORD_COMMANDS, key=len, reverse=True):
        if lowered == name or lowered.startswith(name + " "):
            return Command(name, cleaned[len(name) :].strip())
    head, _, rest = cleaned.partition(" ")
    name = head.lower().lstrip("/")
    if name in COMMANDS:
        return Command(name, rest.strip())
    return Command("unknown", cleaned)


_QUOTED = re.compile(r"^[\"'\u201c](.+?)[\"'\u201d]\s+(.+)$", re.DOTALL)


def split_note(args: str) -> tuple[str, str] | None:
    """`"Big deal" called them` or `Acme called them` → (deal, text)."""
    quoted = _QUOTED.match(args.strip())
    if quoted:
        return quoted.group(1).strip(), quoted.group(2).strip()
    deal, _, text = args.strip().partition(" ")
    return (deal, text.strip()) if deal and text.strip() else None
