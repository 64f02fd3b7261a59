from __future__ import annotations

import asyncio
import uuid

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from backend.app.db import Database
from backend.app.models import Alert, Scan
from backend.app.permissions import Role
from backend.tests.compliance_helpers import CARD, CARD_TEXT, RecordingNotifier, scan, teams_context
from backend.tests.conftest import Users, assert_problem


async def _count(database: Database, model: type) -> int:
    async with database.session_scope() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_scan_raises_an_alert_when_a_card_number_is_posted(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await users.headers(Role.COMPLIANCE_OFFICER)
    result = await scan(client, headers)
    assert result["decision"] in {"redact", "block"}
    assert "pii" in result["categories"]
    card = next(f for f in result["findings"] if f["type"] == "CREDIT_CARD")
    assert CARD_TEXT[card["start"] : card["end"]] == CARD
    assert CARD not in result["redacted_text"]
    assert result["alert_id"] is not None
    assert result["duplicate"] is False
    assert result["policy"] == "Default"


async def test_same_message_twice_creates_one_alert(
    client: httpx.AsyncClient, users: Users, database: Database
) -> None:
    headers = await users.headers(Role.COMPLIANCE_OFFICER)
    first = await scan(client, headers, message_id="msg-1")
    second = await scan(client, headers, message_id="msg-1")
    assert second["duplicate"] is True
    assert second["alert_id"] == first["alert_id"]
    assert await _count(database, Alert) == 1
    assert await _count(database, Scan) == 1


async def test_same_message_delivered_concurrently_creates_one_alert(
    client: httpx.AsyncClient, users: Users, database: Database
) -> None:
    headers = await users.headers(Role.COMPLIANCE_OFFICER)
    results = await asyncio.gather(
        *(scan(client, headers, message_id="msg-race") for _ in range(4))
    )
    assert len({r["alert_id"] for r in results}) == 1
    assert sum(not r["duplicate"] for r in results) == 1
    assert await _count(database, Alert) == 1


async def test_edited_message_is_rescanned_and_linked_to_the_first_scan(
    client: httpx.AsyncClient, users: Users, database: Database
) -> None:
    headers = await users.headers(Role.COMPLIANCE_OFFICER)
    first = await scan(client, headers, message_id="msg-2")
    edited = await scan(client, headers, message_id="msg-2", edited_at="2026-11-28T10:00:00Z")
    assert edited["duplicate"] is False
    assert edited["scan_id"] != first["scan_id"]
    assert edited["alert_id"] == first["alert_id"]
    async with database.session_scope() as session:
        row = await session.get(Scan, uuid.UUID(edited["scan_id"]))
        assert row is not None
        assert str(row.parent_scan_id) == first["scan_id"]
        alert = await session.get(Alert, uuid.UUID(first["alert_id"]))
        assert alert is not None
        assert alert.occurrences == 2


async def test_clean_scan_stores_metadata_only(
    client: httpx.AsyncClient, users: Users, database: Database
) -> None:
    headers = await users.headers(Role.SALES)
    text = "Can we move the QBR with Acme to Thursday afternoon?"
    result = await scan(client, headers, text=text)
    assert result["decision"] == "allow"
    assert result["alert_id"] is None
    async with database.session_scope() as session:
        row = (await session.scalars(select(Scan))).one()
    assert row.redacted_excerpt is None
    assert row.evidence_ciphertext is None
    assert row.findings == {}


async def test_repeated_findings_by_one_author_are_grouped_into_one_alert(
    client: httpx.AsyncClient, users: Users, database: Database
) -> None:
    headers = await users.headers(Role.COMPLIANCE_OFFICER)
    first = await scan(client, headers)
    second = await scan(client, headers, text="And the backup card: 5555 5555 5555 4444")
    other = await scan(client, headers, author_id="aad-object-id-0002")
    assert second["alert_id"] == first["alert_id"]
    assert other["alert_id"] != first["alert_id"]
    alert = (
        await client.get(f"/api/v1/compliance/alerts/{first['alert_id']}", headers=headers)
    ).json()
    assert alert["occurrences"] == 2
    assert [e["action"] for e in alert["history"]] == ["created", "occurrence"]


async def test_scan_needs_the_scan_permission(client: httpx.AsyncClient, users: Users) -> None:
    viewer = await users.headers(Role.VIEWER)
    response = await client.post(
        "/api/v1/compliance/scan",
        json={"text": CARD_TEXT, "context": teams_context()},
        headers=viewer,
    )
    assert_problem(response, 403)


async def test_scan_works_with_a_scoped_api_key(client: httpx.AsyncClient, users: Users) -> None:
    admin = await users.headers(Role.ADMIN)
    key = (
        await client.post(
            "/api/v1/api-keys", json={"name": "dlp", "scopes": ["compliance:scan"]}, headers=admin
        )
    ).json()["key"]
    result = await scan(client, {"Authorization": f"Bearer {key}"}, source="api")
    assert result["alert_id"] is not None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": "", "source": "api"}, "text"),
        ({"text": "hello", "source": "smoke_signal"}, "source"),
        ({"text": 42, "source": "api"}, "text"),
        ({"text": "hello", "context": {"unknown": 1}}, "unknown"),
        ({"text": "x" * 300_000}, "text"),
    ],
)
async def test_scan_is_422_when_input_is_malformed(
    client: httpx.AsyncClient, users: Users, body: dict[str, object], field: str
) -> None:
    headers = await users.headers(Role.COMPLIANCE_OFFICER)
    problem = assert_problem(
        await client.post("/api/v1/compliance/scan", json=body, headers=headers), 422
    )
    assert any(field in [str(p) for p in e["loc"]] for e in problem["errors"])


async def test_suppressed_channel_raises_no_alert(client: httpx.AsyncClient, users: Users) -> None:
    officer = await users.headers(Role.COMPLIANCE_OFFICER)
    created = await client.post(
        "/api/v1/compliance/policies",
        json={
            "name": "Finance desk",
            "priority": 10,
            "scope": {"sources": ["teams_channel_message"]},
            "suppressions": {"channels": ["19:billing@thread.tacv2"]},
        },
        headers=officer,
    )
    assert created.status_code == 201, created.text
    result = await scan(client, officer, channel_id="19:billing@thread.tacv2")
    assert result["suppressed"] is True
    assert result["alert_id"] is None
    assert result["policy"] == "Finance desk"


async def test_notifier_hears_about_new_alerts(
    app: FastAPI, client: httpx.AsyncClient, users: Users
) -> None:
    notifier = RecordingNotifier()
    app.state.notifiers.add(notifier)
    officer = await users.headers(Role.COMPLIANCE_OFFICER)
    result = await scan(client, officer)
    await app.state.worker_pool.drain()
    assert [(str(a), e) for a, e in notifier.events] == [(result["alert_id"], "created")]
