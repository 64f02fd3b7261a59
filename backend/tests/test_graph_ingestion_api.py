"""The ingestion's operational API, and the in-process pipeline running by itself."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from backend.app.config import Settings
from backend.app.main import create_app
from backend.app.models import AuditEntry, GraphSubscription, Job, Scan
from backend.app.permissions import Role
from backend.app.services import jobs as job_service
from backend.tests.conftest import Users, assert_problem, truncate_all
from backend.tests.graph_fakes import GraphCert, TokenIssuer, chat_message, rich_item
from backend.tests.graph_helpers import count, post_batch

pytest_plugins = ["backend.tests.graph_fixtures"]


@pytest.fixture
def settings(graph_test_settings: Settings) -> Settings:
    return graph_test_settings


async def _dead_job(app: FastAPI) -> int:
    async with app.state.database.session_scope() as session:
        job = await job_service.enqueue(session, kind="graph.message", payload={"message": {}})
        assert job is not None
        job.status = "dead"
        job.last_error = "TypeError"
        session.add(GraphSubscription(resource="/chats/getAllMessages", status="failed"))
        return job.id


async def test_status_shows_jobs_and_subscriptions_when_an_officer_asks(
    app: FastAPI, client: httpx.AsyncClient, users: Users
) -> None:
    await _dead_job(app)

    response = await client.get(
        "/api/v1/graph/ingestion", headers=await users.headers(Role.COMPLIANCE_OFFICER)
    )

    assert response.status_code == 200
    body = response.json()
    assert body["queue_backend"] == "local"
    assert body["jobs"]["dead"] == 1
    assert [s["resource"] for s in body["subscriptions"]] == ["/chats/getAllMessages"]
    assert body["subscriptions"][0]["status"] == "failed"


async def test_status_refused_when_the_caller_is_sales(
    client: httpx.AsyncClient, users: Users
) -> None:
    response = await client.get("/api/v1/graph/ingestion", headers=await users.headers(Role.SALES))

    assert_problem(response, 403)


async def test_dead_job_requeued_and_audited_when_an_admin_asks(
    app: FastAPI, client: httpx.AsyncClient, users: Users
) -> None:
    job_id = await _dead_job(app)

    response = await client.post(
        f"/api/v1/graph/ingestion/dead-letters/{job_id}/requeue",
        headers=await users.headers(Role.ADMIN),
    )

    assert response.status_code == 200, response.text
    assert response.json()["status"] == "queued"
    assert response.json()["attempts"] == 0
    assert "message" in response.json()["payload_keys"]
    database = app.state.database
    assert await count(database, Job, Job.id == job_id, Job.status == "queued") == 1
    assert await count(database, AuditEntry, AuditEntry.action == "operations.job.requeued") == 1


async def test_requeue_refused_when_not_admin_or_not_dead(
    app: FastAPI, client: httpx.AsyncClient, users: Users
) -> None:
    job_id = await _dead_job(app)
    officer = await users.headers(Role.COMPLIANCE_OFFICER)
    admin = await users.headers(Role.ADMIN)

    denied = await client.post(
        f"/api/v1/graph/ingestion/dead-letters/{job_id}/requeue", headers=officer
    )
    missing = await client.post(
        "/api/v1/graph/ingestion/dead-letters/999999/requeue", headers=admin
    )

    assert_problem(denied, 403)
    assert_problem(missing, 404)


@pytest.fixture
async def live_app(settings: Settings) -> AsyncIterator[FastAPI]:
    """The app as `task backend` runs it: in-process workers on."""
    application = create_app(settings.model_copy(update={"run_workers": True}))
    async with application.router.lifespan_context(application):
        yield application
    await truncate_all(application.state.database)


async def test_message_scanned_without_help_when_the_in_process_workers_run(
    live_app: FastAPI, certs: tuple[GraphCert, GraphCert], issuer: TokenIssuer
) -> None:
    item = rich_item(
        chat_message(message_id="live1", text="IBAN DE89 3704 0044 0532 0130 00"), certs[0]
    )
    transport = httpx.ASGITransport(app=live_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        assert (await post_batch(client, [item], [issuer.token()])).status_code == 202

    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if await count(live_app.state.database, Scan):
            break
        await asyncio.sleep(0.05)
    assert await count(live_app.state.database, Scan) == 1
