"""The notifier port: tell other front doors (the Teams bot's cards) that an alert changed.

Services enqueue a durable job in the same transaction as the change; the job calls every
registered notifier, so a card update is retried if Teams is down and never sent for a change
that rolled back.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.services import jobs as job_service

log = logging.getLogger("nova.compliance.notify")

NOTIFY_JOB = "compliance.notify_alert"


class AlertNotifier(Protocol):
    async def alert_changed(
        self, session: AsyncSession, *, alert_id: uuid.UUID, event: str
    ) -> None:
        """React to ``event`` (created, updated, status changed...) on an alert."""
        ...


class NotifierRegistry:
    def __init__(self) -> None:
        self._notifiers: list[AlertNotifier] = []

    def add(self, notifier: AlertNotifier) -> None:
        self._notifiers.append(notifier)

    async def run_job(self, session: AsyncSession, payload: dict[str, Any]) -> None:
        """Job handler: deliver one alert event to every notifier."""
        alert_id = uuid.UUID(payload["alert_id"])
        for notifier in self._notifiers:
            await notifier.alert_changed(session, alert_id=alert_id, event=payload["event"])


async def enqueue(session: AsyncSession, *, alert_id: uuid.UUID, event: str) -> None:
    await job_service.enqueue(
        session, kind=NOTIFY_JOB, payload={"alert_id": str(alert_id), "event": event}
    )
