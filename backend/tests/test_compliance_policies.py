from __future__ import annotations

import httpx
import pytest

from backend.app.permissions import Role
from backend.tests.compliance_helpers import CARD_TEXT, scan
from backend.tests.conftest import Users, assert_problem

PROJECT_TERMS = {
    "terms": [{"name": "codenames", "terms": ["Project Nightjar"], "severity": "high"}]
}


async def _officer(users: Users) -> dict[str, str]:
    return await users.headers(Role.COMPLIANCE_OFFICER)


async def test_policy_changes_are_versioned_and_audited(
    client: httpx.AsyncClient, users: Users
) -> None:
    officer = await _officer(users)
    created = await client.post(
        "/api/v1/compliance/policies", json={"name": "Sales floor"}, headers=officer
    )
    assert created.status_code == 201
    policy = created.json()
    assert policy["version"] == 1
    assert policy["document"]["categories"]["secret"]["action"] == "block"
    document = {**policy["document"], **PROJECT_TERMS}
    updated = await client.patch(
        f"/api/v1/compliance/policies/{policy['id']}",
        json={"document": document, "priority": 5},
        headers={**officer, "If-Match": created.headers["etag"]},
    )
    assert updated.status_code == 200, updated.text
    assert updated.json()["version"] == 2
    stale = await client.patch(
        f"/api/v1/compliance/policies/{policy['id']}",
        json={"priority": 6},
        headers={**officer, "If-Match": created.headers["etag"]},
    )
    assert assert_problem(stale, 409)["current_version"] == 2
    versions = (
        await client.get(f"/api/v1/compliance/policies/{policy['id']}/versions", headers=officer)
    ).json()
    assert [v["version"] for v in versions] == [2, 1]
    assert versions[0]["snapshot"]["priority"] == 5
    audit = (
        await client.get("/api/v1/compliance/audit?action=compliance.policy", headers=officer)
    ).json()
    assert {e["action"] for e in audit["items"]} >= {
        "compliance.policy.created",
        "compliance.policy.updated",
    }


async def test_policy_terms_flag_a_codename_and_alert_fires_with_the_policy_version(
    client: httpx.AsyncClient, users: Users
) -> None:
    officer = await _officer(users)
    base = (
        await client.post(
            "/api/v1/compliance/policies", json={"name": "Codenames"}, headers=officer
        )
    ).json()
    await client.patch(
        f"/api/v1/compliance/policies/{base['id']}",
        json={"document": {**base["document"], **PROJECT_TERMS}, "priority": 1},
        headers=officer,
    )
    result = await scan(client, officer, text="Status of project nightjar? Launch is close.")
    assert "policy" in result["categories"]
    assert result["policy"] == "Codenames"
    assert result["policy_version"] == 2
    alert = (
        await client.get(f"/api/v1/compliance/alerts/{result['alert_id']}", headers=officer)
    ).json()
    assert alert["policy_name"] == "Codenames"
    assert alert["policy_version"] == 2


@pytest.mark.parametrize(
    "document",
    [
        {"detectors": {"enable": 5}},
        {"categories": {"pii": {"action": "explode"}}},
        {"patterns": [{"name": "bad", "pattern": "("}]},
        {"unknown_key": True},
    ],
)
async def test_policy_with_an_invalid_document_is_422(
    client: httpx.AsyncClient, users: Users, document: dict[str, object]
) -> None:
    officer = await _officer(users)
    response = await client.post(
        "/api/v1/compliance/policies",
        json={"name": "Broken", "document": document},
        headers=officer,
    )
    body = assert_problem(response, 422)
    assert body["errors"][0]["loc"] == ["body", "document"]


async def test_policy_scope_applies_only_to_its_sources(
    client: httpx.AsyncClient, users: Users
) -> None:
    officer = await _officer(users)
    base = (
        await client.post("/api/v1/compliance/policies", json={"name": "Bot only"}, headers=officer)
    ).json()
    lenient = {
        **base["document"],
        "categories": {**base["document"]["categories"], "pii": {"action": "allow"}},
    }
    await client.patch(
        f"/api/v1/compliance/policies/{base['id']}",
        json={"document": lenient, "priority": 1, "scope": {"sources": ["bot_prompt"]}},
        headers=officer,
    )
    in_scope = await scan(client, officer, source="bot_prompt")
    out_of_scope = await scan(client, officer, source="teams_channel_message")
    assert in_scope["policy"] == "Bot only"
    assert in_scope["alert_id"] is None
    assert out_of_scope["policy"] == "Default"
    assert out_of_scope["alert_id"] is not None


async def test_dry_run_answers_what_a_policy_would_flag(
    client: httpx.AsyncClient, users: Users
) -> None:
    officer = await _officer(users)
    default = (await client.get("/api/v1/compliance/policies", headers=officer)).json()[0]
    document = {**default["document"], **PROJECT_TERMS}
    text_run = await client.post(
        "/api/v1/compliance/policies/dry-run",
        json={
            "document": document,
            "text": "Project Nightjar launch moved; card 4539 1488 0343 6467",
        },
        headers=officer,
    )
    item = text_run.json()["items"][0]
    assert set(item["categories"]) == {"pii", "policy"}
    await scan(client, officer, text=CARD_TEXT)
    history = await client.post(
        "/api/v1/compliance/policies/dry-run",
        json={"document": document, "days": 7},
        headers=officer,
    )
    assert [i["categories"] for i in history.json()["items"]] == [["pii"]]
    assert_problem(
        await client.post(
            "/api/v1/compliance/policies/dry-run", json={"document": document}, headers=officer
        ),
        422,
    )
