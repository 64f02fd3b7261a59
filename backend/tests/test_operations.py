from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx

from backend.app.db import Database
from backend.app.models import Job, JobStatus
from backend.app.permissions import Role
from backend.tests.conftest import Users, assert_problem


async def _add_jobs(database: Database) -> None:
    now = datetime.now(UTC)
    async with database.session_scope() as session:
        session.add(Job(kind="graph.fetch", payload={}, run_at=now - timedelta(minutes=5)))
        session.add(Job(kind="graph.fetch", payload={}, run_at=now))
        session.add(
            Job(
                kind="compliance.notify_alert",
                payload={},
                status=JobStatus.DEAD,
                attempts=5,
                last_error="connector unreachable",
                finished_at=now,
            )
        )


async def test_queue_health_counts_depth_and_dead_letters_when_jobs_exist(
    client: httpx.AsyncClient, users: Users, database: Database
) -> None:
    await _add_jobs(database)
    headers = await users.headers(Role.ADMIN)
    response = await client.get("/api/v1/operations/queue", headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["counts"] == {"queued": 2, "running": 0, "succeeded": 0, "dead": 1}
    assert body["depth"] == 2
    assert body["oldest_queued_age_seconds"] >= 290
    assert [d["kind"] for d in body["dead_letters"]] == ["compliance.notify_alert"]
    assert body["dead_letters"][0]["last_error"] == "connector unreachable"


async def test_queue_health_is_empty_when_no_jobs(client: httpx.AsyncClient, users: Users) -> None:
    headers = await users.headers(Role.COMPLIANCE_OFFICER)
    response = await client.get("/api/v1/operations/queue", headers=headers)
    assert response.status_code == 200
    assert response.json()["depth"] == 0
    assert response.json()["oldest_queued_age_seconds"] == 0.0
    assert response.json()["dead_letters"] == []


async def test_queue_health_is_forbidden_when_caller_is_sales(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await users.headers(Role.SALES)
    response = await client.get("/api/v1/operations/queue", headers=headers)
    assert_problem(response, 403)
