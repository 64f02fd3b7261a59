"""CRM free text and client names reach the compliance hub."""

from __future__ import annotations

import httpx

from backend.app.permissions import Role
from backend.tests import crm_helpers as crm
from backend.tests.compliance_helpers import scan
from backend.tests.conftest import Users


async def test_crm_note_with_a_secret_raises_a_hub_alert_with_sealed_evidence(
    client: httpx.AsyncClient, users: Users
) -> None:
    sales = await users.headers(Role.SALES, team="EMEA")
    officer = await users.headers(Role.COMPLIANCE_OFFICER)
    contact = await crm.contact(client, sales, first_name="Dev")
    text = f"Customer pasted AWS_SECRET_ACCESS_KEY={crm.AWS_SECRET_ACCESS_KEY} in the ticket"
    note = await crm.note(client, sales, contact_id=contact["id"], body=text)
    assert crm.AWS_SECRET_ACCESS_KEY not in note["body"]
    alerts = (await client.get("/api/v1/compliance/alerts?source=crm_text", headers=officer)).json()
    assert len(alerts["items"]) == 1
    alert = alerts["items"][0]
    assert alert["category"] == "secret"
    assert crm.AWS_SECRET_ACCESS_KEY not in str(alert)
    revealed = await client.post(
        f"/api/v1/compliance/alerts/{alert['id']}/reveal",
        json={"target": "excerpt", "reason": "Checking what the customer shared"},
        headers=officer,
    )
    assert crm.AWS_SECRET_ACCESS_KEY in revealed.json()["content"]["excerpts"][0]["text"]


async def test_policy_with_crm_client_names_flags_a_client_mentioned_in_teams(
    client: httpx.AsyncClient, users: Users
) -> None:
    sales = await users.headers(Role.SALES, team="EMEA")
    officer = await users.headers(Role.COMPLIANCE_OFFICER)
    await crm.company(client, sales, name="Zephyrine Logistics", domain="zephyrine.example")
    created = await client.post(
        "/api/v1/compliance/policies",
        json={"name": "Client data", "priority": 1, "include_crm_company_names": True},
        headers=officer,
    )
    assert created.status_code == 201
    result = await scan(
        client, officer, text="Forwarding the Zephyrine Logistics price list to my gmail"
    )
    assert "policy" in result["categories"]
    clean = await scan(client, officer, text="Forwarding the agenda to the team")
    assert clean["categories"] == []
