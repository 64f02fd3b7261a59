"""The HTTP contract of the Teams bot's web-side features."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class BotLinkCodeRead(BaseModel):
    code: str
    expires_at: datetime
    instructions: str
