from __future__ import annotations

import asyncio

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.db import Database
from backend.app.models import Pipeline
from backend.app.permissions import Role
from backend.app.repositories import pipelines as pipeline_repository
from backend.app.services import pipelines as pipeline_service
from backend.tests import crm_helpers as crm
from backend.tests.conftest import Users, assert_problem


async def test_first_deals_share_one_default_pipeline_when_created_concurrently(
    client: httpx.AsyncClient, users: Users
) -> None:
    sales = await users.headers(Role.SALES, team="EMEA")
    bodies = [{"title": f"Deal {i}", "amount": "10.00", "currency": "EUR"} for i in range(4)]
    responses = await asyncio.gather(
        *(client.post("/api/v1/deals", json=body, headers=sales) for body in bodies)
    )

    assert [r.status_code for r in responses] == [201] * 4, [r.text for r in responses]
    pipelines = (await client.get("/api/v1/pipelines", headers=sales)).json()
    assert [p["name"] for p in pipelines] == ["Sales"]
    assert len(pipelines[0]["stages"]) == len(pipeline_service.DEFAULT_STAGES)
    assert {r.json()["pipeline_id"] for r in responses} == {pipelines[0]["id"]}


async def test_default_pipeline_is_reused_when_another_transaction_creates_it_first(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_get_default = pipeline_repository.get_default
    stale_reads: list[None] = [None]

    async def get_default_read_before_the_winner_committed(
        session: AsyncSession,
    ) -> Pipeline | None:
        # The loser looked for the default pipeline before the winner committed its own.
        return stale_reads.pop() if stale_reads else await real_get_default(session)

    async with database.sessionmaker() as winner, database.sessionmaker() as loser:
        created = await pipeline_service.ensure_default(winner)
        monkeypatch.setattr(
            pipeline_repository, "get_default", get_default_read_before_the_winner_committed
        )
        racing = asyncio.create_task(pipeline_service.ensure_default(loser))
        await asyncio.sleep(0.2)  # on PostgreSQL the loser's insert now waits for the winner
        await winner.commit()
        reused = await racing
        await loser.commit()

    assert reused.id == created.id
    async with database.session_scope() as session:
        everything = await pipeline_repository.list_all(session, include_archived=True)
        assert [p.id for p in everything] == [created.id]
        stages = await pipeline_repository.stages(session, [created.id])
        assert len(stages) == len(pipeline_service.DEFAULT_STAGES)


async def test_deal_without_pipeline_gets_409_when_only_an_archived_default_exists(
    client: httpx.AsyncClient, users: Users
) -> None:
    admin = await users.headers(Role.ADMIN)
    first = await crm.deal(client, admin)
    archived = await client.delete(f"/api/v1/pipelines/{first['pipeline_id']}", headers=admin)
    assert archived.status_code == 204

    refused = await client.post(
        "/api/v1/deals", json={"title": "Next", "amount": "1.00"}, headers=admin
    )

    assert "ask an admin to create a pipeline" in assert_problem(refused, 409)["detail"]


async def test_same_pipeline_name_created_concurrently_gives_one_pipeline_and_409s(
    client: httpx.AsyncClient, users: Users
) -> None:
    admin = await users.headers(Role.ADMIN)
    body = {"name": "Renewals", "stages": [{"name": "Open"}, {"name": "Signed"}]}
    responses = await asyncio.gather(
        *(client.post("/api/v1/pipelines", json=body, headers=admin) for _ in range(3))
    )

    assert sorted(r.status_code for r in responses) == [201, 409, 409], [r.text for r in responses]
    for refused in (r for r in responses if r.status_code == 409):
        assert_problem(refused, 409)
    names = [p["name"] for p in (await client.get("/api/v1/pipelines", headers=admin)).json()]
    assert names.count("Renewals") == 1
