from __future__ import annotations

import httpx

from backend.app.permissions import Role
from backend.tests import crm_helpers as crm
from backend.tests.conftest import Users, assert_problem


async def test_deal_amount_stays_decimal_when_created_and_read(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await users.headers(Role.SALES, team="EMEA")
    deal = await crm.deal(client, headers, amount="12345678901234.57", currency="usd")
    assert deal["amount"] == "12345678901234.57"
    assert deal["currency"] == "USD"
    assert deal["status"] == "open"
    pipelines = (await client.get("/api/v1/pipelines", headers=headers)).json()
    assert deal["pipeline_id"] == pipelines[0]["id"]
    assert deal["stage_id"] == pipelines[0]["stages"][0]["id"]
    bad = await client.post(
        "/api/v1/deals", json={"title": "x", "amount": "1.234", "currency": "EUR"}, headers=headers
    )
    assert_problem(bad, 422)


async def test_stage_changes_wins_and_losses_appear_on_timeline_when_deal_moves(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await users.headers(Role.SALES, team="EMEA")
    company = await crm.company(client, headers, name="Initech")
    deal = await crm.deal(client, headers, company_id=company["id"])
    stages = (await client.get(f"/api/v1/pipelines/{deal['pipeline_id']}", headers=headers)).json()[
        "stages"
    ]
    moved = await client.patch(
        f"/api/v1/deals/{deal['id']}", json={"stage_id": stages[2]["id"]}, headers=headers
    )
    assert moved.status_code == 200, moved.text
    no_reason = await client.patch(
        f"/api/v1/deals/{deal['id']}", json={"status": "lost"}, headers=headers
    )
    assert_problem(no_reason, 422)
    lost = await client.patch(
        f"/api/v1/deals/{deal['id']}",
        json={"status": "lost", "close_reason": "Budget cut"},
        headers=headers,
    )
    assert lost.json()["status"] == "lost"
    assert lost.json()["closed_at"] is not None

    timeline = (await client.get(f"/api/v1/deals/{deal['id']}/timeline", headers=headers)).json()
    kinds = [a["type"] for a in timeline["items"]]
    assert kinds == ["deal_lost", "stage_changed"]
    assert timeline["items"][0]["body"] == "Deal lost: Budget cut"
    assert timeline["items"][1]["body"] == f"Stage: Lead → {stages[2]['name']}"
    company_timeline = (
        await client.get(f"/api/v1/companies/{company['id']}/timeline", headers=headers)
    ).json()
    assert [a["type"] for a in company_timeline["items"]] == kinds

    won_filter = await client.get("/api/v1/deals?status=lost", headers=headers)
    assert [d["id"] for d in won_filter.json()["items"]] == [deal["id"]]
    stage_filter = await client.get(f"/api/v1/deals?stage={stages[0]['id']}", headers=headers)
    assert stage_filter.json()["items"] == []


async def test_note_is_stored_redacted_when_it_contains_an_aws_key_pair(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await users.headers(Role.SALES, team="EMEA")
    contact = await crm.contact(client, headers, first_name="Dev")
    text = (
        f"Customer pasted AWS_ACCESS_KEY_ID={crm.AWS_ACCESS_KEY_ID} "
        f"AWS_SECRET_ACCESS_KEY={crm.AWS_SECRET_ACCESS_KEY} - call back on +1 415 555 0134"
    )
    note = await crm.note(client, headers, contact_id=contact["id"], body=text)
    assert crm.AWS_ACCESS_KEY_ID not in note["body"]
    assert crm.AWS_SECRET_ACCESS_KEY not in note["body"]
    assert "+1 415 555 0134" in note["body"]
    redacted = {r["kind"] for r in note["compliance"]["redacted"]}
    assert "aws-secret-access-key" in redacted
    assert sum(r["count"] for r in note["compliance"]["redacted"]) == 2
    assert [p["entity_type"] for p in note["compliance"]["pii_flagged"]] == ["PHONE"]

    stored = (await client.get(f"/api/v1/activities/{note['id']}", headers=headers)).json()
    assert crm.AWS_SECRET_ACCESS_KEY not in stored["body"]
    deal = await crm.deal(
        client, headers, description=f"aws_secret_access_key: {crm.AWS_SECRET_ACCESS_KEY}"
    )
    assert crm.AWS_SECRET_ACCESS_KEY not in deal["description"]
    assert deal["compliance"]["redacted"]


async def test_clean_note_has_empty_report_when_nothing_is_found(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await users.headers(Role.SALES, team="EMEA")
    company = await crm.company(client, headers)
    note = await crm.note(client, headers, company_id=company["id"], body="Great call.")
    assert note["body"] == "Great call."
    assert note["compliance"] == {"decision": None, "redacted": [], "pii_flagged": []}
    task = await crm.create(
        client,
        "activities",
        headers,
        type="task",
        body="Send proposal",
        company_id=company["id"],
        due_at="2026-12-01T09:00:00Z",
    )
    done = await client.patch(
        f"/api/v1/activities/{task['id']}", json={"is_done": True}, headers=headers
    )
    assert done.json()["is_done"] is True
    open_tasks = await client.get("/api/v1/activities?type=task&is_done=false", headers=headers)
    assert open_tasks.json()["items"] == []
    orphan = await client.post("/api/v1/activities", json={"type": "note"}, headers=headers)
    assert_problem(orphan, 422)


async def test_company_duplicate_domain_gets_409_and_merge_moves_links(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await users.headers(Role.SALES, team="EMEA")
    acme = await crm.company(client, headers, name="Acme", domain="https://www.ACME.com/about")
    assert acme["domain"] == "acme.com"
    duplicate = await client.post(
        "/api/v1/companies", json={"name": "Acme Inc", "domain": "acme.com"}, headers=headers
    )
    assert assert_problem(duplicate, 409)["duplicate_id"] == acme["id"]
    other = await crm.company(client, headers, name="ACME Corp", industry="Anvils")
    contact = await crm.contact(client, headers, company_id=other["id"])
    deal = await crm.deal(client, headers, company_id=other["id"])
    merged = await client.post(
        f"/api/v1/companies/{acme['id']}/merge", json={"merged_id": other["id"]}, headers=headers
    )
    assert merged.status_code == 200, merged.text
    assert merged.json()["moved"] == {"contacts": 1, "deals": 1, "activities": 0}
    assert merged.json()["filled_fields"] == ["industry"]
    moved = (await client.get(f"/api/v1/contacts/{contact['id']}", headers=headers)).json()
    assert moved["company_id"] == acme["id"]
    moved_deal = (await client.get(f"/api/v1/deals/{deal['id']}", headers=headers)).json()
    assert moved_deal["company_id"] == acme["id"]
    search = await client.get("/api/v1/companies?q=acme", headers=headers)
    assert [c["id"] for c in search.json()["items"]] == [acme["id"]]


async def test_pipelines_are_configured_by_admins_when_stages_are_ordered(
    client: httpx.AsyncClient, users: Users
) -> None:
    admin = await users.headers(Role.ADMIN)
    sales = await users.headers(Role.SALES, team="EMEA")
    body = {"name": "Renewals", "stages": [{"name": "Due"}, {"name": "Signed", "probability": 90}]}
    forbidden = await client.post("/api/v1/pipelines", json=body, headers=sales)
    assert_problem(forbidden, 403)
    created = await client.post("/api/v1/pipelines", json=body, headers=admin)
    assert created.status_code == 201, created.text
    pipeline = created.json()
    assert [s["name"] for s in pipeline["stages"]] == ["Due", "Signed"]
    reordered = await client.patch(
        f"/api/v1/pipelines/{pipeline['id']}",
        json={"stages": [pipeline["stages"][1], {"name": "Lost"}, pipeline["stages"][0]]},
        headers=admin,
    )
    assert [s["name"] for s in reordered.json()["stages"]] == ["Signed", "Lost", "Due"]
    deal = await crm.deal(client, sales, pipeline_id=pipeline["id"])
    assert deal["stage_id"] == reordered.json()["stages"][0]["id"]
    in_use = await client.patch(
        f"/api/v1/pipelines/{pipeline['id']}", json={"stages": [{"name": "Only"}]}, headers=admin
    )
    assert_problem(in_use, 409)
