"""A Teams message as the ingestion sees it, whichever way Graph delivered it."""

from __future__ import annotations

import html
import re
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from msgraph.generated.models.chat_message import ChatMessage

_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"<\s*(br|/p|/div|/li)\b[^>]*>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t]+")


def html_to_text(content: str) -> str:
    """Teams bodies are HTML: keep the words, mentions included, drop the markup."""
    text = _BLOCK.sub("\n", content)
    text = html.unescape(_TAG.sub("", text))
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.splitlines()).strip()


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True)
class GraphMessage:
    """The fields the scanner and the alert need; JSON-safe so a job payload can carry it."""

    message_id: str
    text: str
    tenant_id: str | None = None
    team_id: str | None = None
    channel_id: str | None = None
    chat_id: str | None = None
    reply_to_id: str | None = None
    author_id: str | None = None
    author_name: str | None = None
    author_tenant_id: str | None = None
    created_at: str | None = None
    edited_at: str | None = None
    link: str | None = None
    message_type: str = "message"
    deleted: bool = False

    @property
    def resource(self) -> str:
        """The Graph path of this message (for fetching it again or marking it)."""
        if self.chat_id:
            return f"chats('{self.chat_id}')/messages('{self.message_id}')"
        base = f"teams('{self.team_id}')/channels('{self.channel_id}')/messages"
        if self.reply_to_id:
            return f"{base}('{self.reply_to_id}')/replies('{self.message_id}')"
        return f"{base}('{self.message_id}')"

    @property
    def is_scannable(self) -> bool:
        return self.message_type == "message" and not self.deleted and bool(self.text.strip())

    def to_payload(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> GraphMessage:
        fields = cls.__dataclass_fields__
        return cls(**{k: v for k, v in payload.items() if k in fields})


def _body_text(message: ChatMessage) -> str:
    body = message.body
    content = (body.content or "") if body is not None else ""
    content_type = getattr(body.content_type, "value", "") if body is not None else ""
    text = html_to_text(content) if content_type == "html" else content
    if message.subject:
        text = f"{message.subject}\n{text}"
    return text


def _user_tenant(user: Any) -> str | None:
    if user is None:
        return None
    tenant = getattr(user, "tenant_id", None) or (user.additional_data or {}).get("tenantId")
    return str(tenant) if tenant else None


def from_chat_message(
    message: ChatMessage, *, tenant_id: str | None = None, team_id: str | None = None
) -> GraphMessage:
    """Normalise an SDK chatMessage (fetched, from delta, or decrypted)."""
    identity = message.channel_identity
    user = message.from_.user if message.from_ is not None else None
    message_type = getattr(message.message_type, "value", None) or "message"
    return GraphMessage(
        message_id=str(message.id),
        text=_body_text(message),
        tenant_id=tenant_id or _user_tenant(user),
        team_id=(identity.team_id if identity else None) or (None if message.chat_id else team_id),
        channel_id=identity.channel_id if identity else None,
        chat_id=message.chat_id,
        reply_to_id=message.reply_to_id,
        author_id=user.id if user else None,
        author_name=user.display_name if user else None,
        author_tenant_id=_user_tenant(user),
        created_at=_iso(message.created_date_time),
        edited_at=_iso(message.last_edited_date_time),
        link=message.web_url,
        message_type=str(message_type),
        deleted=message.deleted_date_time is not None,
    )


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text_of(document: dict[str, Any]) -> str:
    body = _dict(document.get("body"))
    content = str(body.get("content") or "")
    text = html_to_text(content) if body.get("contentType") == "html" else content
    subject = document.get("subject")
    return f"{subject}\n{text}" if subject else text


def from_json(document: dict[str, Any], *, tenant_id: str | None = None) -> GraphMessage:
    """Normalise a chatMessage JSON document (a decrypted rich notification).

    Read directly rather than through the SDK's model: its deserialiser costs tens of
    milliseconds per message, which is the whole budget of a worker at load.
    """
    if not isinstance(document.get("id"), str | int):
        raise ValueError("not a chatMessage: no id")
    identity = _dict(document.get("channelIdentity"))
    user = _dict(_dict(document.get("from")).get("user"))
    chat_id = document.get("chatId")
    return GraphMessage(
        message_id=str(document["id"]),
        text=_text_of(document),
        tenant_id=tenant_id or user.get("tenantId"),
        team_id=identity.get("teamId"),
        channel_id=identity.get("channelId"),
        chat_id=chat_id if isinstance(chat_id, str) else None,
        reply_to_id=document.get("replyToId"),
        author_id=user.get("id"),
        author_name=user.get("displayName"),
        author_tenant_id=user.get("tenantId"),
        created_at=document.get("createdDateTime"),
        edited_at=document.get("lastEditedDateTime"),
        link=document.get("webUrl"),
        message_type=str(document.get("messageType") or "message"),
        deleted=document.get("deletedDateTime") is not None,
    )
