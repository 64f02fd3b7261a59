"""Chat catch-up after missed notifications: each known user's chat export through the real
msgraph-sdk against the fake Graph, one page per job, from the user's watermark."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from fastapi import FastAPI
from prometheus_client import REGISTRY
from sqlalchemy import select, update

from backend.app.config import Settings
from backend.app.models import Alert, GraphChatUser, Job, Scan, User
from backend.app.services import graph_chat_backfill as chat_backfill_service
from backend.app.services import graph_subscriptions as subscription_service
from backend.app.services import ingestion as ingestion_service
from backend.tests import graph_payloads
from backend.tests.graph_fakes import (
    CLIENT_STATE,
    TENANT_ID,
    FakeGraph,
    GraphCert,
    Recorded,
    TokenIssuer,
    chat_message,
    rich_item,
)
from backend.tests.graph_helpers import count, drain, jobs_of, post_batch

pytest_plugins = ["backend.tests.graph_fixtures"]

ALICE = "a11ce000-0000-0000-0000-0000000000a1"
BOB = "b0b00000-0000-0000-0000-0000000000b0"
CHAT = "19:alice-bob_chat@unq.gbl.spaces"
CARD = "my card is 4111 1111 1111 1111, exp 12/29"
EXPORT = "/chats/getAllMessages"


@pytest.fixture
def settings(graph_test_settings: Settings) -> Settings:
    # Chats and channels subscribed (the default); small pages, so a sweep takes several.
    return graph_test_settings.model_copy(update={"graph_backfill_page_size": 3})


def _ago(**delta: float) -> str:
    return (datetime.now(UTC) - timedelta(**delta)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _messages(
    prefix: str, n: int, *, minutes_ago: float = 30, authors: tuple[str, str] = (BOB, ALICE)
) -> list[dict[str, object]]:
    """``n`` chat messages a second apart, the odd ones (by Alice) with a card number."""
    return [
        chat_message(
            message_id=f"{prefix}{i}",
            text=f"{prefix}{i}: {CARD}" if i % 2 else f"{prefix}{i}: see you at ten",
            author_id=authors[i % 2],
            modified=_ago(minutes=minutes_ago, seconds=-i),
        )
        for i in range(n)
    ]


async def _know(app: FastAPI, *object_ids: str) -> None:
    """CRM users signed in with these Entra ids: the product knows them, so sweeps them."""
    async with app.state.database.session_scope() as session:
        for object_id in object_ids:
            session.add(
                User(
                    email=f"{object_id[:4]}@example.com",
                    role="sales_rep",
                    entra_object_id=object_id,
                )
            )


async def _subscriptions(app: FastAPI) -> dict[str, str]:
    async with app.state.database.session_scope() as session:
        rows = await subscription_service.maintain(session, app.state.graph_runtime)
    return {row.resource: str(row.subscription_id) for row in rows}


async def _chat(
    app: FastAPI,
    graph: FakeGraph,
    messages: list[dict[str, object]],
    members: tuple[str, ...] = (ALICE,),
    known: tuple[str, ...] = (ALICE,),
) -> dict[str, str]:
    """Users the product knows, a chat of ``members`` holding ``messages`` in the fake Graph,
    and the subscriptions made: their ids by resource."""
    await _know(app, *known)
    graph.add_chat(CHAT, list(members), messages)
    return await _subscriptions(app)


async def _missed(app: FastAPI, subscription_id: str) -> str:
    item = {"subscriptionId": subscription_id, "lifecycleEvent": "missed"}
    async with app.state.database.session_scope() as session:
        return await subscription_service.handle_lifecycle(session, app.state.graph_runtime, item)


def _exports(graph: FakeGraph, user_id: str = "") -> list[Recorded]:
    return graph.calls("GET", f"/users/{user_id}" if user_id else "/chats/getAllMessages")


async def _chat_user(app: FastAPI, object_id: str) -> GraphChatUser:
    async with app.state.database.session_scope() as session:
        query = select(GraphChatUser).where(GraphChatUser.aad_object_id == object_id)
        user: GraphChatUser = (await session.scalars(query)).one()
    return user


async def _scanned_ids(app: FastAPI) -> list[str]:
    async with app.state.database.session_scope() as session:
        return sorted(str(s.message_id) for s in await session.scalars(select(Scan)))


async def test_missed_chat_messages_scanned_once_when_every_participant_export_returns_them(
    graph_app: FastAPI, fake_graph: FakeGraph, client: httpx.AsyncClient
) -> None:
    chats = (
        await _chat(graph_app, fake_graph, _messages("m", 2), (ALICE, BOB), known=(ALICE, BOB))
    )[EXPORT]

    # Graph posts `missed` for the chats subscription to the lifecycle URL.
    batch = graph_payloads.lifecycle_notification("missed", CLIENT_STATE)
    batch["value"][0]["subscriptionId"] = chats
    assert (await client.post("/api/v1/graph/lifecycle", json=batch)).status_code == 202
    await drain(graph_app)

    exports = _exports(fake_graph)
    assert sorted(e.path.split("/")[3] for e in exports) == sorted([ALICE, BOB])
    query = exports[0].query
    assert query["model"] == ["A"]
    assert query["$top"] == ["3"]
    since, until = query["$filter"][0].split(" and ")
    assert since.startswith("lastModifiedDateTime gt ")
    assert until.startswith("lastModifiedDateTime lt ")
    assert exports[0].authorization == "Bearer fake-graph-token"
    # Both exports hold both messages; each is scanned once, the card raises one alert.
    assert await _scanned_ids(graph_app) == ["m0", "m1"]
    database = graph_app.state.database
    assert await count(database, Alert) == 1
    assert len(await jobs_of(database, ingestion_service.MESSAGE_JOB)) == 2
    async with database.session_scope() as session:
        scan = (await session.scalars(select(Scan).where(Scan.message_id == "m1"))).one()
    assert (scan.source, scan.chat_id, scan.tenant_id) == ("teams_chat_message", CHAT, TENANT_ID)
    alice = await _chat_user(graph_app, ALICE)
    assert alice.swept_until is not None and alice.next_link is None
    assert alice.messages_seen == 2


async def test_chat_export_paged_across_jobs_to_the_end_of_the_window(
    graph_app: FastAPI, fake_graph: FakeGraph
) -> None:
    chats = (await _chat(graph_app, fake_graph, _messages("p", 8), (ALICE, BOB)))[EXPORT]

    assert await _missed(graph_app, chats) == "caught-up"
    await drain(graph_app)

    tokens = [e.query.get("$skiptoken") for e in _exports(fake_graph, ALICE)]
    assert tokens == [None, ["3"], ["6"]]
    database = graph_app.state.database
    pages = await jobs_of(database, chat_backfill_service.CHAT_BACKFILL_JOB)
    assert [j.status for j in pages] == ["succeeded"] * 3
    assert await count(database, Scan) == 8
    assert await count(database, Alert) == 1  # one author, one card, grouped
    alice = await _chat_user(graph_app, ALICE)
    assert (alice.next_link, alice.window_end, alice.messages_seen) == (None, None, 8)
    assert alice.swept_until == alice.requested_until


async def test_chat_sweep_resumes_from_the_stored_link_when_a_page_job_failed(
    graph_app: FastAPI, fake_graph: FakeGraph
) -> None:
    chats = (await _chat(graph_app, fake_graph, _messages("c", 7)))[EXPORT]
    fake_graph.fail("GET", EXPORT, 500, after=1)  # the first page comes, the second fails
    database = graph_app.state.database

    await _missed(graph_app, chats)
    await drain(graph_app)  # the failed job waits for its retry

    pages = await jobs_of(database, chat_backfill_service.CHAT_BACKFILL_JOB)
    assert [(j.status, j.last_error) for j in pages] == [
        ("succeeded", None),
        ("queued", "chat export failed: graph error 500"),
    ]
    alice = await _chat_user(graph_app, ALICE)
    assert alice.next_link is not None and "skiptoken=3" in alice.next_link
    assert await _scanned_ids(graph_app) == ["c0", "c1", "c2"]

    async with database.session_scope() as session:
        await session.execute(update(Job).values(run_at=datetime.now(UTC) - timedelta(seconds=1)))
    await drain(graph_app)

    tokens = [e.query.get("$skiptoken") for e in _exports(fake_graph, ALICE)]
    assert tokens == [None, ["3"], ["3"], ["6"]]  # resumed at the failed page, not the start
    assert await _scanned_ids(graph_app) == [f"c{i}" for i in range(7)]
    assert len(await jobs_of(database, ingestion_service.MESSAGE_JOB)) == 7
    alice = await _chat_user(graph_app, ALICE)
    assert alice.next_link is None and alice.swept_until is not None


async def test_chat_window_starts_at_the_watermark_when_chats_were_swept_before(
    graph_app: FastAPI, fake_graph: FakeGraph
) -> None:
    only_alice = (ALICE, ALICE)
    chats = (
        await _chat(graph_app, fake_graph, _messages("w", 1, minutes_ago=180, authors=only_alice))
    )[EXPORT]
    await _missed(graph_app, chats)
    await drain(graph_app)
    assert await _scanned_ids(graph_app) == ["w0"]
    # That sweep ended an hour ago; since then a message came (and one from before it shows).
    watermark = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    async with graph_app.state.database.session_scope() as session:
        await session.execute(update(GraphChatUser).values(swept_until=watermark))
    fake_graph.add_chat(CHAT, [ALICE], _messages("old", 1, minutes_ago=120, authors=only_alice))
    fake_graph.add_chat(CHAT, [ALICE], _messages("new", 1, minutes_ago=30, authors=only_alice))

    await _missed(graph_app, chats)
    await drain(graph_app)

    since = (watermark - chat_backfill_service.WINDOW_OVERLAP).strftime("%Y-%m-%dT%H:%M:%SZ")
    last = _exports(fake_graph, ALICE)[-1]
    assert last.query["$filter"][0].startswith(f"lastModifiedDateTime gt {since} and ")
    assert await _scanned_ids(graph_app) == ["new0", "w0"]


async def test_chat_export_retried_after_retry_after_when_graph_throttles(
    graph_app: FastAPI, fake_graph: FakeGraph
) -> None:
    chats = (await _chat(graph_app, fake_graph, _messages("t", 2)))[EXPORT]
    fake_graph.fail("GET", EXPORT, 429, times=1, Retry_After="1")
    before = REGISTRY.get_sample_value("nova_graph_throttled_total", {"status": "429"}) or 0.0

    await _missed(graph_app, chats)
    started = time.monotonic()
    await drain(graph_app)

    assert time.monotonic() - started >= 1.0
    assert len(_exports(fake_graph, ALICE)) == 2
    assert REGISTRY.get_sample_value("nova_graph_throttled_total", {"status": "429"}) == before + 1
    assert await count(graph_app.state.database, Scan) == 2
    pages = await jobs_of(graph_app.state.database, chat_backfill_service.CHAT_BACKFILL_JOB)
    assert [(j.status, j.attempts) for j in pages] == [("succeeded", 1)]


async def test_no_chat_swept_when_only_channels_are_subscribed(
    graph_app: FastAPI, fake_graph: FakeGraph
) -> None:
    runtime = graph_app.state.graph_runtime
    runtime.settings = runtime.settings.model_copy(
        update={"graph_subscription_resources": "/teams/getAllMessages"}
    )
    teams = (await _chat(graph_app, fake_graph, _messages("n", 2)))["/teams/getAllMessages"]

    assert await _missed(graph_app, teams) == "caught-up"
    await drain(graph_app)

    assert _exports(fake_graph) == []
    database = graph_app.state.database
    assert await jobs_of(database, chat_backfill_service.CHAT_BACKFILL_JOB) == []
    assert await count(database, GraphChatUser) == 0


async def test_chats_not_swept_when_the_channels_subscription_missed_notifications(
    graph_app: FastAPI, fake_graph: FakeGraph
) -> None:
    teams = (await _chat(graph_app, fake_graph, _messages("x", 2)))["/teams/getAllMessages"]

    await _missed(graph_app, teams)
    await drain(graph_app)

    assert _exports(fake_graph) == []


async def test_user_no_longer_swept_when_graph_does_not_know_them(
    graph_app: FastAPI, fake_graph: FakeGraph
) -> None:
    chats = (await _chat(graph_app, fake_graph, _messages("g", 1), known=(ALICE, BOB)))[
        EXPORT
    ]  # Bob left the tenant

    await _missed(graph_app, chats)
    await drain(graph_app)
    bob = await _chat_user(graph_app, BOB)
    assert bob.gone_at is not None
    assert await _missed(graph_app, chats) == "caught-up"
    await drain(graph_app)

    assert len(_exports(fake_graph, BOB)) == 1
    assert len(_exports(fake_graph, ALICE)) == 2
    pages = await jobs_of(graph_app.state.database, chat_backfill_service.CHAT_BACKFILL_JOB)
    assert {j.status for j in pages} == {"succeeded"}


async def test_tenant_authors_remembered_for_the_sweep_when_their_messages_are_ingested(
    graph_app: FastAPI,
    client: httpx.AsyncClient,
    certs: tuple[GraphCert, GraphCert],
    issuer: TokenIssuer,
) -> None:
    guest = chat_message(message_id="e1", text="hello from outside", author_id=BOB)
    guest["from"]["user"]["tenantId"] = "99999999-0000-0000-0000-000000000000"
    items = [
        rich_item(chat_message(message_id="e0", text="hello", author_id=ALICE), certs[0]),
        rich_item(guest, certs[0]),
    ]

    assert (await post_batch(client, items, [issuer.token()])).status_code == 202
    await drain(graph_app)

    async with graph_app.state.database.session_scope() as session:
        known = list(await session.scalars(select(GraphChatUser.aad_object_id)))
    assert known == [ALICE]
