"""What the bot's handlers need, built once by the composition root."""

from __future__ import annotations

import asyncio
import base64
import logging
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any

from backend.app.db import Database
from backend.app.services.ai_gateway import ChatUpstream
from backend.app.services.compliance_toolkit import ComplianceToolkit
from backend.app.services.crm_text import CrmTextScreener
from bot.ports import Outbound

CHANNEL_JOB = "bot.channel_message"
ASK_JOB = "bot.ask"

log = logging.getLogger("nova.bot")


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
    # Slow outbound work (an AI answer) started by a job but not awaited by it, so that it
    # holds neither a worker nor the after-commit actions queued behind it.
    in_flight: set[asyncio.Task[None]] = field(default_factory=set)

    def require_outbound(self) -> Outbound:
        if self.outbound is None:
            raise RuntimeError("the bot adapter is not attached")
        return self.outbound

    def detach(self, work: Coroutine[Any, Any, None], *, name: str) -> None:
        """Run ``work`` in the background; a failure is logged (the job's closure covers it)."""
        task = asyncio.get_running_loop().create_task(work, name=name)
        self.in_flight.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self.in_flight.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("background bot work failed", exc_info=task.exception())

    async def settle(self) -> None:
        """Wait until no background work is left (tests; work may start more work)."""
        while self.in_flight:
            await asyncio.gather(*self.in_flight, return_exceptions=True)

    def cancel_in_flight(self) -> None:
        """Stop the background work at shutdown: the asks' closure jobs tell their users."""
        for task in list(self.in_flight):
            task.cancel()

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
