"""What the bot's handlers need, built once by the composition root."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from backend.app.db import Database
from backend.app.services.ai_gateway import ChatUpstream
from backend.app.services.compliance_toolkit import ComplianceToolkit
from backend.app.services.crm_text import CrmTextScreener
from bot.ports import Outbound

CHANNEL_JOB = "bot.channel_message"
ASK_JOB = "bot.ask"


@dataclass
class BotServices:
    database: Database
    toolkit: ComplianceToolkit
    screener: CrmTextScreener
    upstream: ChatUpstream | None
    app_id: str
    alert_channel_id: str | None = None
    web_base_url: str = "http://localhost:3000"
    outbound: Outbound | None = None  # set once the adapter exists

    def require_outbound(self) -> Outbound:
        if self.outbound is None:
            raise RuntimeError("the bot adapter is not attached")
        return self.outbound

    def seal(self, text: str, *, context: str) -> str:
        """Text sealed like evidence, for a job payload (never stored in clear)."""
        return base64.b64encode(self.toolkit.vault.encrypt(text, context=context)).decode()

    def unseal(self, sealed: str, *, context: str) -> str:
        return self.toolkit.vault.decrypt(base64.b64decode(sealed), context=context)


def reference_of(activity: dict[str, Any]) -> dict[str, Any]:
    """A ConversationReference (wire shape) for the conversation an activity came from."""
    conversation = dict(activity.get("conversation") or {})
    # No activityId: proactive messages start new messages, and a stable reference is only
    # rewritten in the database when the conversation really moved.
    return {
        "user": activity.get("from"),
        "bot": activity.get("recipient"),
        "conversation": conversation,
        "channelId": activity.get("channelId") or "msteams",
        "locale": activity.get("locale"),
        "serviceUrl": activity.get("serviceUrl"),
    }
