"""Shared helpers for the compliance hub tests."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

CARD = "4539 1488 0343 6467"
CARD_TEXT = f"Client card for the renewal is {CARD}, exp 09/27"
TENANT = "tenant-0001"
CHANNEL = "19:sales@thread.tacv2"


def teams_context(message_id: str | None = None, **overrides: Any) -> dict[str, Any]:
    context = {
        "tenant_id": TENANT,
        "team_id": "team-1",
        "channel_id": CHANNEL,
        "author_id": "aad-object-id-0001",
        "author_name": "Marc Dubois",
        "message_id": message_id or uuid.uuid4().hex,
        "link": "https://teams.microsoft.com/l/message/19:sales/123",
    }
    context.update(overrides)
    return context


async def scan(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    text: str = CARD_TEXT,
    source: str = "teams_channel_message",
    **context: Any,
) -> dict[str, Any]:
    response = await client.post(
        "/api/v1/compliance/scan",
        json={"text": text, "source": source, "context": teams_context(**context)},
        headers=headers,
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


async def act(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    alert_id: str,
    action: str,
    **body: Any,
) -> httpx.Response:
    return await client.post(
        f"/api/v1/compliance/alerts/{alert_id}/actions",
        json={"action": action, **body},
        headers=headers,
    )


class RecordingNotifier:
    """A fake for the notifier port: records every alert event it is told about."""

    def __init__(self) -> None:
        self.events: list[tuple[uuid.UUID, str]] = []

    async def alert_changed(
        self, session: AsyncSession, *, alert_id: uuid.UUID, event: str
    ) -> None:
        self.events.append((alert_id, event))
