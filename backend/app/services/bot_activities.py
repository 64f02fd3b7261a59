"""Inbound deduplication: Teams redelivers an activity with the same id when the bot is slow."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.repositories import bot_activities as activity_repository

PURGE_JOB = "bot.purge_activities"
KEEP_FOR = timedelta(days=2)


def activity_key(*parts: str | None) -> str:
    """A fixed-size key from (conversation id, activity id[, verb...])."""
    return hashlib.sha256("\x1f".join(p or "" for p in parts).encode()).hexdigest()


async def first_delivery(session: AsyncSession, *, key: str) -> bool:
    """True the first time this activity is seen; False for every redelivery."""
    return await activity_repository.claim(session, key)


async def seen(session: AsyncSession, *, key: str) -> bool:
    """True when the key was already claimed (read only, unlike ``first_delivery``)."""
    return await activity_repository.exists(session, key)


async def run_purge_job(session: AsyncSession, _payload: dict[str, Any]) -> None:
    """Job handler: forget activity ids older than Teams' redelivery horizon."""
    await activity_repository.purge_before(session, datetime.now(UTC) - KEEP_FOR)
