"""The real msgraph-sdk and MSAL against a local fake Graph: subscriptions, lifecycle, delta,
throttling, message fetch, remediation."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from prometheus_client import REGISTRY
from sqlalchemy import select

from backend.app.config import Settings
from backend.app.models import Alert, GraphDeltaCursor, GraphSubscription, Job, Scan
from backend.app.services import graph_backfill as backfill_service
from backend.app.services import graph_subscriptions as subscription_service
from backend.app.services import ingestion as ingestion_service
from backend.tests.graph_fakes import (
    CLIENT_STATE,
    FakeEntraHttp,
    FakeGraph,
    GraphCert,
    TokenIssuer,
    chat_message,
)
from backend.tests.graph_helpers import count, drain, graph_settings, jobs_of

pytest_plugins = ["backend.tests.graph_fixtures"]

TEAM, CHANNEL = "0b3f1c8e-aaaa-bbbb-cccc-123456789abc", "19:compliance0000@thread.tacv2"
IBAN = "the client's IBAN is DE89 3704 0044 0532 0130 00"


@pytest.fixture
def settings(
    migrated_database_url: str,
    fake_graph: FakeGraph,
    certs: tuple[GraphCert, GraphCert],
    issuer: TokenIssuer,
) -> Settings:
    resources = f"/teams/getAllMessages,/teams/{TEAM}/channels/{CHANNEL}/messages"
    return graph_settings(
        migrated_database_url,
        fake_graph,
        certs,
        graph_subscription_resources=resources,
        graph_remediation_enabled=True,
        graph_tenant_licensed=True,
    )


def metric(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def maintain(app: FastAPI) -> list[GraphSubscription]:
    async with app.state.database.session_scope() as session:
        return await subscription_service.maintain(session, app.state.graph_runtime)


async def test_subscriptions_created_with_certificate_and_lifecycle_url_when_manager_runs(
    graph_app: FastAPI, fake_graph: FakeGraph, entra: FakeEntraHttp
) -> None:
    rows = await maintain(graph_app)

    posts = fake_graph.calls("POST", "/subscriptions")
    assert [p.body["resource"] for p in posts] == [  # type: ignore[index]
        "/teams/getAllMessages",
        f"/teams/{TEAM}/channels/{CHANNEL}/messages",
    ]
    body = posts[0].body
    assert body is not None
    assert body["includeResourceData"] is True
    assert body["encryptionCertificateId"] == "cert-2026-11"
    assert len(body["encryptionCertificate"]) > 500
    assert body["clientState"] == CLIENT_STATE
    assert body["notificationUrl"] == "https://nova.example.org/api/v1/graph/notifications"
    assert body["lifecycleNotificationUrl"] == "https://nova.example.org/api/v1/graph/lifecycle"
    assert posts[0].authorization == "Bearer fake-graph-token"
    # One token from Entra ID, then MSAL's cache.
    assert len(entra.token_requests) == 1
    assert entra.token_requests[0][1]["grant_type"] == "client_credentials"
    assert all(r.status == "active" and r.subscription_id for r in rows)
    async with graph_app.state.database.session_scope() as session:
        stored = list(await session.scalars(select(GraphSubscription)))
        cursors = list(await session.scalars(select(GraphDeltaCursor)))
    assert {s.subscription_id for s in stored} == set(fake_graph.subscriptions)
    assert [(c.team_id, c.channel_id) for c in cursors] == [(TEAM, CHANNEL)]
    assert metric("nova_graph_subscription_expiry_seconds", resource="/teams/getAllMessages") > 3600


async def test_subscription_renewed_ahead_of_expiry_when_it_is_close(
    graph_app: FastAPI, fake_graph: FakeGraph
) -> None:
    await maintain(graph_app)
    async with graph_app.state.database.session_scope() as session:
        row = (await session.scalars(select(GraphSubscription).limit(1))).one()
        row.expires_at = datetime.now(UTC) + timedelta(minutes=30)
        renewed_id = row.subscription_id

    rows = await maintain(graph_app)

    patches = fake_graph.calls("PATCH", "/subscriptions/")
    assert [p.path.rsplit("/", 1)[1] for p in patches] == [renewed_id]
    assert len(fake_graph.calls("POST", "/subscriptions")) == 2  # nothing recreated
    renewed = next(r for r in rows if r.subscription_id == renewed_id)
    assert renewed.expires_at is not None
    assert renewed.expires_at > datetime.now(UTC) + timedelta(days=2)
    # Renewed in time: no notification can have been lost, nothing to catch up.
    assert await jobs_of(graph_app.state.database, backfill_service.BACKFILL_JOB) == []


async def test_subscription_recreated_when_renewal_finds_it_gone(
    graph_app: FastAPI, fake_graph: FakeGraph
) -> None:
    await maintain(graph_app)
    async with graph_app.state.database.session_scope() as session:
        row = (await session.scalars(select(GraphSubscription).limit(1))).one()
        row.expires_at = datetime.now(UTC) + timedelta(minutes=5)
        gone = str(row.subscription_id)
    del fake_graph.subscriptions[gone]

    rows = await maintain(graph_app)

    assert len(fake_graph.calls("POST", "/subscriptions")) == 3
    assert gone not in {r.subscription_id for r in rows}
    assert all(r.status == "active" for r in rows)
    # Graph had dropped it unannounced: what it did not notify meanwhile is fetched by delta.
    backfills = await jobs_of(graph_app.state.database, backfill_service.BACKFILL_JOB)
    assert [(j.payload["team_id"], j.payload["channel_id"]) for j in backfills] == [(TEAM, CHANNEL)]


async def test_channels_caught_up_when_a_subscription_expired_while_the_app_was_down(
    graph_app: FastAPI, fake_graph: FakeGraph
) -> None:
    await maintain(graph_app)
    async with graph_app.state.database.session_scope() as session:
        row = (await session.scalars(select(GraphSubscription).limit(1))).one()
        row.expires_at = datetime.now(UTC) - timedelta(hours=3)  # down past its expiry
        expired = str(row.subscription_id)
    del fake_graph.subscriptions[expired]  # Graph deletes an expired subscription

    rows = await maintain(graph_app)

    assert all(r.status == "active" for r in rows)
    assert expired not in {r.subscription_id for r in rows}
    backfills = await jobs_of(graph_app.state.database, backfill_service.BACKFILL_JOB)
    assert [(j.payload["team_id"], j.payload["channel_id"]) for j in backfills] == [(TEAM, CHANNEL)]


async def test_subscription_marked_failed_when_graph_refuses_it(
    graph_app: FastAPI, fake_graph: FakeGraph
) -> None:
    fake_graph.fail("POST", "/subscriptions", 403, times=2)

    rows = await maintain(graph_app)

    assert [r.status for r in rows] == ["failed", "failed"]
    assert all("403" in (r.last_error or "") for r in rows)
    assert [r.status for r in await maintain(graph_app)] == ["active", "active"]
    # Never live before: the channels' first delta sync covers the past, no catch-up.
    assert await jobs_of(graph_app.state.database, backfill_service.BACKFILL_JOB) == []


async def _lifecycle(app: FastAPI, event: str, subscription_id: str) -> str:
    item = {"subscriptionId": subscription_id, "lifecycleEvent": event}
    async with app.state.database.session_scope() as session:
        return await subscription_service.handle_lifecycle(session, app.state.graph_runtime, item)


async def test_reauthorize_called_when_graph_requires_reauthorization(
    graph_app: FastAPI, fake_graph: FakeGraph
) -> None:
    rows = await maintain(graph_app)
    subscription_id = str(rows[0].subscription_id)

    assert await _lifecycle(graph_app, "reauthorizationRequired", subscription_id) == "reauthorized"

    calls = fake_graph.calls("POST", f"/subscriptions/{subscription_id}/reauthorize")
    assert len(calls) == 1


async def test_subscription_recreated_and_channels_caught_up_when_graph_removed_it(
    graph_app: FastAPI, fake_graph: FakeGraph
) -> None:
    rows = await maintain(graph_app)
    removed = str(rows[0].subscription_id)
    del fake_graph.subscriptions[removed]

    assert await _lifecycle(graph_app, "subscriptionRemoved", removed) == "recreated"

    assert len(fake_graph.calls("POST", "/subscriptions")) == 3
    async with graph_app.state.database.session_scope() as session:
        resources = {s.resource: s for s in await session.scalars(select(GraphSubscription))}
    recreated = resources["/teams/getAllMessages"]
    assert recreated.status == "active"
    assert recreated.subscription_id not in (None, removed)
    backfills = await jobs_of(graph_app.state.database, backfill_service.BACKFILL_JOB)
    assert [(j.payload["team_id"], j.payload["channel_id"]) for j in backfills] == [(TEAM, CHANNEL)]


async def test_channels_caught_up_by_delta_when_notifications_were_missed(
    graph_app: FastAPI, fake_graph: FakeGraph
) -> None:
    rows = await maintain(graph_app)
    fake_graph.set_delta(
        TEAM,
        CHANNEL,
        [[chat_message(message_id="m1", text=IBAN, team_id=TEAM, channel_id=CHANNEL)]],
    )

    assert await _lifecycle(graph_app, "missed", str(rows[0].subscription_id)) == "caught-up"
    await drain(graph_app)

    assert len(fake_graph.calls("GET", "/messages/delta")) == 1
    assert await count(graph_app.state.database, Scan) == 1


def _page(start: int, size: int) -> list[dict[str, object]]:
    return [
        chat_message(
            message_id=f"d{n}",
            text=f"message {n}: {IBAN}" if n % 2 else f"message {n}: all good",
            team_id=TEAM,
            channel_id=CHANNEL,
            author_id=f"00000000-0000-0000-0000-{n:012d}",
        )
        for n in range(start, start + size)
    ]


async def test_delta_followed_to_the_delta_link_when_backfilling_a_channel(
    graph_app: FastAPI, fake_graph: FakeGraph
) -> None:
    fake_graph.set_delta(TEAM, CHANNEL, [_page(0, 3), _page(3, 3), _page(6, 2)])
    async with graph_app.state.database.session_scope() as session:
        await backfill_service.enqueue_page(session, team_id=TEAM, channel_id=CHANNEL, link=None)

    await drain(graph_app)

    deltas = fake_graph.calls("GET", "/messages/delta")
    assert [d.query.get("page") for d in deltas] == [None, ["1"], ["2"]]
    first = deltas[0].query
    assert first["$top"] == ["50"]
    assert first["$filter"][0].startswith("lastModifiedDateTime gt ")
    async with graph_app.state.database.session_scope() as session:
        cursor = (await session.scalars(select(GraphDeltaCursor))).one()
    assert cursor.next_link is None
    assert cursor.delta_link is not None and "deltatoken=final" in cursor.delta_link
    assert cursor.messages_seen == 8
    database = graph_app.state.database
    assert await count(database, Scan) == 8
    assert await count(database, Alert) == 4  # the odd ones carry an IBAN, one author each

    # The next catch-up starts from the stored delta link, not from the beginning.
    async with graph_app.state.database.session_scope() as session:
        await backfill_service.enqueue_page(session, team_id=TEAM, channel_id=CHANNEL, link="again")
    await drain(graph_app)
    last = fake_graph.calls("GET", "/messages/delta")[-1]
    assert last.query["deltatoken"] == ["final"]
    assert await count(database, Scan) == 8


async def test_backfill_resumes_from_the_stored_page_when_a_run_crashed(
    graph_app: FastAPI, fake_graph: FakeGraph
) -> None:
    fake_graph.set_delta(TEAM, CHANNEL, [_page(0, 2), _page(2, 2), _page(4, 2)])
    runtime = graph_app.state.graph_runtime
    database = graph_app.state.database
    async with database.session_scope() as session:
        await backfill_service.run_page(session, runtime, team_id=TEAM, channel_id=CHANNEL)
    fake_graph.fail("GET", "/messages/delta", 500)  # the second page fails: the run crashes
    with pytest.raises(Exception, match="delta query failed"):
        async with database.session_scope() as session:
            await backfill_service.run_page(session, runtime, team_id=TEAM, channel_id=CHANNEL)

    async with database.session_scope() as session:
        cursor = (await session.scalars(select(GraphDeltaCursor))).one()
    assert cursor.next_link is not None and cursor.next_link.endswith("page=1")
    async with database.session_scope() as session:
        await backfill_service.run_page(session, runtime, team_id=TEAM, channel_id=CHANNEL)
        await backfill_service.run_page(session, runtime, team_id=TEAM, channel_id=CHANNEL)
    pages = [d.query.get("page") for d in fake_graph.calls("GET", "/messages/delta")]
    assert pages[-2:] == [["1"], ["2"]]
    assert pages.count(None) == 1  # never restarted from the first page
    await drain(graph_app)
    assert await count(database, Scan) == 6


async def test_request_retried_after_retry_after_when_graph_throttles(
    graph_app: FastAPI, fake_graph: FakeGraph
) -> None:
    fake_graph.put_message(chat_message(message_id="t1", text=IBAN))
    fake_graph.fail("GET", "/messages/t1", 429, times=1, Retry_After="1")
    before = metric("nova_graph_throttled_total", status="429")
    gateway = graph_app.state.graph_runtime.gateway

    started = time.monotonic()
    fetched = await gateway.get_message("chats('19:abc_def@unq.gbl.spaces')/messages('t1')")

    assert time.monotonic() - started >= 1.0
    assert fetched is not None and fetched.id == "t1"
    assert len(fake_graph.calls("GET", "/messages/t1")) == 2
    assert metric("nova_graph_throttled_total", status="429") == before + 1


async def test_message_fetched_and_scanned_when_notification_has_no_resource_data(
    graph_app: FastAPI, fake_graph: FakeGraph
) -> None:
    message = chat_message(message_id="b1", text=IBAN, team_id=TEAM, channel_id=CHANNEL)
    fake_graph.put_message(message)
    item = {
        "subscriptionId": "s",
        "changeType": "created",
        "tenantId": "t",
        "resource": f"teams('{TEAM}')/channels('{CHANNEL}')/messages('b1')",
    }
    async with graph_app.state.database.session_scope() as session:
        handler = ingestion_service.build_handlers(graph_app.state.graph_runtime)
        await handler[ingestion_service.NOTIFICATION_JOB](session, {"item": item})

    async with graph_app.state.database.session_scope() as session:
        scan = (await session.scalars(select(Scan))).one()
    assert (scan.team_id, scan.channel_id, scan.message_id) == (TEAM, CHANNEL, "b1")
    assert scan.source == "teams_channel_message"
    assert scan.alert_id is not None


async def test_message_marked_as_policy_violation_when_policy_blocks_it(
    graph_app: FastAPI, fake_graph: FakeGraph
) -> None:
    secret = "deploy with ghp_Abcdefghijklmnopqrstuvwxyz0123456789 now"
    fake_graph.put_message(chat_message(message_id="x1", text=secret))
    fake_graph.put_message(chat_message(message_id="x2", text=IBAN))
    database = graph_app.state.database
    for message_id in ("x1", "x2"):
        item = {
            "subscriptionId": "s",
            "changeType": "created",
            "resource": f"chats('19:abc_def@unq.gbl.spaces')/messages('{message_id}')",
        }
        async with database.session_scope() as session:
            await ingestion_service.build_handlers(graph_app.state.graph_runtime)[
                ingestion_service.NOTIFICATION_JOB
            ](session, {"item": item})

    await drain(graph_app)

    patches = fake_graph.calls("PATCH", "/messages/")
    assert [p.path.rsplit("/", 1)[1] for p in patches] == ["x1"]  # redact-only IBAN untouched
    violation = patches[0].body["policyViolation"]  # type: ignore[index]
    assert violation["dlpAction"] == "blockAccess"
    assert "secret" in violation["policyTip"]["matchedConditionDescriptions"]
    remediations = await jobs_of(database, ingestion_service.REMEDIATE_JOB)
    assert [j.status for j in remediations] == ["succeeded"]


async def test_no_remediation_when_the_setting_is_off(
    graph_app: FastAPI, fake_graph: FakeGraph
) -> None:
    graph_app.state.graph_runtime.settings = graph_app.state.settings.model_copy(
        update={"graph_remediation_enabled": False}
    )
    fake_graph.put_message(
        chat_message(message_id="x3", text="ghp_Abcdefghijklmnopqrstuvwxyz0123456789")
    )
    item = {"subscriptionId": "s", "resource": "chats('19:abc_def@unq.gbl.spaces')/messages('x3')"}
    async with graph_app.state.database.session_scope() as session:
        await ingestion_service.build_handlers(graph_app.state.graph_runtime)[
            ingestion_service.NOTIFICATION_JOB
        ](session, {"item": item})
    await drain(graph_app)

    assert fake_graph.calls("PATCH", "/messages/") == []
    assert await count(graph_app.state.database, Job, Job.kind == "graph.remediate") == 0
