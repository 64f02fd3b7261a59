"""The Graph webhooks: handshake, clientState, validation tokens, decryption, idempotency."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from prometheus_client import REGISTRY
from sqlalchemy import select

from backend.app.config import Settings
from backend.app.models import Alert, Job, Scan
from backend.app.services import ingestion as ingestion_service
from backend.tests import graph_payloads
from backend.tests.conftest import assert_problem
from backend.tests.graph_fakes import (
    CLIENT_STATE,
    GraphCert,
    TokenIssuer,
    chat_message,
    rich_item,
)
from backend.tests.graph_helpers import count, drain, jobs_of, post_batch

pytest_plugins = ["backend.tests.graph_fixtures"]

IBAN = "the client's IBAN is DE89 3704 0044 0532 0130 00"


@pytest.fixture
def settings(graph_test_settings: Settings) -> Settings:
    return graph_test_settings


def metric(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


@pytest.mark.parametrize("path", ["notifications", "lifecycle"])
async def test_token_echoed_as_plain_text_when_graph_validates_the_url(
    client: httpx.AsyncClient, path: str
) -> None:
    response = await client.post(
        f"/api/v1/graph/{path}?validationToken=Validation%3A%20Testing%20client%20%3Cb%3E",
        headers={"Content-Type": "text/plain"},
    )

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.text == "Validation: Testing client <b>"


async def test_handshake_refused_when_the_token_is_implausible(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/graph/notifications?validationToken=" + "a" * 3000)

    assert_problem(response, 400)


async def test_rich_notification_decrypted_and_scanned_when_everything_checks_out(
    client: httpx.AsyncClient,
    app: FastAPI,
    certs: tuple[GraphCert, GraphCert],
    issuer: TokenIssuer,
) -> None:
    item = rich_item(chat_message(message_id="r1", text=IBAN), certs[0])

    response = await post_batch(client, [item], [issuer.token()])

    assert response.status_code == 202
    assert response.content == b""
    # Answered before scanning: the item waits in the jobs table.
    [job] = await jobs_of(app.state.database, ingestion_service.NOTIFICATION_JOB)
    assert job.status == "queued"
    assert "clientState" not in job.payload["item"]
    assert await count(app.state.database, Scan) == 0
    await drain(app)
    async with app.state.database.session_scope() as session:
        scan = (await session.scalars(select(Scan))).one()
        alert = (await session.scalars(select(Alert))).one()
    assert (scan.chat_id, scan.message_id, scan.source) == (
        "19:abc_def@unq.gbl.spaces",
        "r1",
        "teams_chat_message",
    )
    assert "pii" in alert.categories["items"]


async def test_item_encrypted_for_the_previous_certificate_decrypted_when_rotating(
    client: httpx.AsyncClient,
    app: FastAPI,
    certs: tuple[GraphCert, GraphCert],
    issuer: TokenIssuer,
) -> None:
    item = rich_item(chat_message(message_id="old1", text=IBAN), certs[1])

    assert (await post_batch(client, [item], [issuer.token()])).status_code == 202
    await drain(app)

    assert await count(app.state.database, Alert) == 1


async def test_one_alert_when_a_notification_is_delivered_twice(
    client: httpx.AsyncClient,
    app: FastAPI,
    certs: tuple[GraphCert, GraphCert],
    issuer: TokenIssuer,
) -> None:
    item = rich_item(chat_message(message_id="dup1", text=IBAN), certs[0])
    again = rich_item(chat_message(message_id="dup1", text=IBAN), certs[0])  # new ciphertext

    for batch in ([item], [item], [again]):
        assert (await post_batch(client, batch, [issuer.token()])).status_code == 202
        await drain(app)

    database = app.state.database
    assert await count(database, Alert) == 1
    assert await count(database, Scan) == 1
    # The identical redelivery did not even make a second job.
    assert len(await jobs_of(database, ingestion_service.NOTIFICATION_JOB)) == 2


async def test_item_dropped_and_counted_when_client_state_does_not_match(
    client: httpx.AsyncClient,
    app: FastAPI,
    certs: tuple[GraphCert, GraphCert],
    issuer: TokenIssuer,
) -> None:
    good = rich_item(chat_message(message_id="c1", text=IBAN), certs[0])
    forged = rich_item(chat_message(message_id="c2", text=IBAN), certs[0], client_state="guess")
    missing = {k: v for k, v in forged.items() if k != "clientState"}
    before = metric("nova_graph_notifications_total", outcome="client_state_mismatch")

    response = await post_batch(client, [good, forged, missing], [issuer.token()])

    assert response.status_code == 202
    jobs = await jobs_of(app.state.database, ingestion_service.NOTIFICATION_JOB)
    assert [j.payload["item"]["resourceData"]["id"] for j in jobs] == ["c1"]
    after = metric("nova_graph_notifications_total", outcome="client_state_mismatch")
    assert after == before + 2


@pytest.mark.parametrize(
    "claims",
    [
        {"appid": "99999999-0000-0000-0000-000000000000"},
        {"aud": "someone-else"},
        {"iss": "https://sts.windows.net/another-tenant/"},
        {"exp": 1_000_000_000},
        {"signing_key": "foreign"},
    ],
    ids=["appid", "audience", "issuer", "expired", "signature"],
)
async def test_rich_items_rejected_when_the_validation_token_is_wrong(
    client: httpx.AsyncClient,
    app: FastAPI,
    certs: tuple[GraphCert, GraphCert],
    issuer: TokenIssuer,
    claims: dict[str, Any],
) -> None:
    if claims.get("signing_key") == "foreign":
        claims["signing_key"] = TokenIssuer().key
    item = rich_item(chat_message(message_id="v1", text=IBAN), certs[0])
    before = metric("nova_graph_notifications_total", outcome="validation_token_invalid")

    response = await post_batch(client, [item], [issuer.token(**claims)])

    assert response.status_code == 202
    assert await jobs_of(app.state.database, ingestion_service.NOTIFICATION_JOB) == []
    after = metric("nova_graph_notifications_total", outcome="validation_token_invalid")
    assert after == before + 1


async def test_rich_items_rejected_when_validation_tokens_are_missing(
    client: httpx.AsyncClient, app: FastAPI, certs: tuple[GraphCert, GraphCert]
) -> None:
    item = rich_item(chat_message(message_id="v2", text=IBAN), certs[0])

    assert (await post_batch(client, [item])).status_code == 202
    assert (await post_batch(client, [item], ["not-a-jwt"])).status_code == 202

    assert await jobs_of(app.state.database, ingestion_service.NOTIFICATION_JOB) == []


def _flip(value: str) -> str:
    raw = bytearray(base64.b64decode(value))
    raw[len(raw) // 2] ^= 0x01
    return base64.b64encode(bytes(raw)).decode()


@pytest.mark.parametrize(
    ("field", "tamper", "reason"),
    [
        ("dataSignature", _flip, "signature mismatch"),
        ("data", _flip, "signature mismatch"),
        ("data", lambda v: v[:-4] + "!!!!", "bad base64"),
        ("dataKey", _flip, "key unwrap failed"),
        ("encryptionCertificateId", lambda v: "unknown-cert", "unknown encryption certificate id"),
    ],
    ids=["signature", "flipped-ciphertext", "bad-base64", "flipped-key", "unknown-cert"],
)
async def test_tampered_item_rejected_and_counted_when_decrypting(
    client: httpx.AsyncClient,
    app: FastAPI,
    certs: tuple[GraphCert, GraphCert],
    issuer: TokenIssuer,
    field: str,
    tamper: Any,
    reason: str,
) -> None:
    item = rich_item(chat_message(message_id="k1", text=IBAN), certs[0])
    item["encryptedContent"][field] = tamper(item["encryptedContent"][field])
    before = metric("nova_graph_decrypt_failures_total", reason=reason)

    assert (await post_batch(client, [item], [issuer.token()])).status_code == 202
    await drain(app)

    assert await count(app.state.database, Scan) == 0
    [job] = await jobs_of(app.state.database, ingestion_service.NOTIFICATION_JOB)
    assert job.status == "succeeded"  # rejected for good: retrying cannot make it authentic
    assert metric("nova_graph_decrypt_failures_total", reason=reason) == before + 1


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[]",
        b'{"value": []}',
        b'{"value": "x"}',
        b'{"value": [{"changeType": "created"}]}',
        b'{"value": [1, 2]}',
        b"\xff\xfe",
        b"[" * 100_000,
    ],
    ids=["text", "list", "empty", "not-a-list", "no-subscription", "not-objects", "binary", "deep"],
)
async def test_400_when_the_body_is_not_a_notification_batch(
    client: httpx.AsyncClient, app: FastAPI, body: bytes
) -> None:
    response = await client.post(
        "/api/v1/graph/notifications", content=body, headers={"Content-Type": "application/json"}
    )

    assert_problem(response, 400)
    assert await count(app.state.database, Job) == 0


async def test_413_when_the_body_is_too_large(client: httpx.AsyncClient, app: FastAPI) -> None:
    limit = app.state.settings.max_body_bytes
    body = json.dumps({"value": [{"subscriptionId": "s", "pad": "x" * limit}]})

    response = await client.post(
        "/api/v1/graph/notifications", content=body, headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 413


async def test_basic_notification_enqueued_when_it_carries_no_resource_data(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    batch = graph_payloads.basic_notification(CLIENT_STATE)

    response = await client.post("/api/v1/graph/notifications", json=batch)

    assert response.status_code == 202
    [job] = await jobs_of(app.state.database, ingestion_service.NOTIFICATION_JOB)
    assert job.payload["item"]["resource"].startswith("teams('0b3f1c8e")


@pytest.mark.parametrize("event", ["reauthorizationRequired", "subscriptionRemoved", "missed"])
async def test_lifecycle_event_enqueued_when_graph_posts_it(
    client: httpx.AsyncClient, app: FastAPI, event: str
) -> None:
    batch = graph_payloads.lifecycle_notification(event, CLIENT_STATE)

    response = await client.post("/api/v1/graph/lifecycle", json=batch)

    assert response.status_code == 202
    [job] = await jobs_of(app.state.database, ingestion_service.LIFECYCLE_JOB)
    assert job.payload["item"]["lifecycleEvent"] == event


async def test_lifecycle_event_dropped_when_client_state_does_not_match(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    batch = graph_payloads.lifecycle_notification("missed", "<secret>")

    response = await client.post("/api/v1/graph/lifecycle", json=batch)

    assert response.status_code == 202
    assert await count(app.state.database, Job) == 0
