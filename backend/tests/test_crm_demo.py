from __future__ import annotations

import httpx
from fastapi import FastAPI

from backend.app.db import Database
from backend.app.services import demo as demo_service
from backend.tests.conftest import Users


async def test_demo_seed_builds_a_believable_crm_once_when_run_twice(
    app: FastAPI, database: Database, client: httpx.AsyncClient, users: Users
) -> None:
    for _ in range(2):
        async with database.session_scope() as session:
            await demo_service.seed(session, toolkit=app.state.compliance_toolkit)
    sales = await users.login("sales@example.com", demo_service.DEMO_PASSWORD)
    headers = {"Authorization": f"Bearer {sales['access_token']}"}
    companies = (await client.get("/api/v1/companies", headers=headers)).json()["items"]
    assert len(companies) == 3  # the EMEA rep sees the EMEA team's book only
    deals = (await client.get("/api/v1/deals?limit=200", headers=headers)).json()["items"]
    assert {d["status"] for d in deals} == {"open", "won", "lost"}
    assert len({d["stage_id"] for d in deals}) >= 3
    won = next(d for d in deals if d["status"] == "won")
    events = (await client.get(f"/api/v1/deals/{won['id']}/timeline", headers=headers)).json()
    assert "deal_won" in [a["type"] for a in events["items"]]
    assert "stage_changed" in [a["type"] for a in events["items"]]
    viewer = await users.login("viewer@example.com", demo_service.DEMO_PASSWORD)
    all_companies = await client.get(
        "/api/v1/companies", headers={"Authorization": f"Bearer {viewer['access_token']}"}
    )
    assert len(all_companies.json()["items"]) == 5
