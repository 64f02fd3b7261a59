from __future__ import annotations

import json

import httpx
from sqlalchemy import text

from backend.app.db import Database
from backend.app.permissions import Role
from backend.tests.compliance_helpers import CARD, scan
from backend.tests.conftest import Users, assert_problem

REASON = "Investigating case CC-2026-118 with HR"


async def _alert(client: httpx.AsyncClient, headers: dict[str, str]) -> str:
    return str((await scan(client, headers))["alert_id"])


async def test_alert_is_redacted_and_pseudonymised_by_default(
    client: httpx.AsyncClient, users: Users
) -> None:
    officer = await users.headers(Role.COMPLIANCE_OFFICER)
    alert_id = await _alert(client, officer)
    body = (await client.get(f"/api/v1/compliance/alerts/{alert_id}", headers=officer)).json()
    raw = json.dumps(body)
    assert CARD not in raw
    assert CARD.replace(" ", "") not in raw
    assert "Marc Dubois" not in raw
    assert "aad-object-id-0001" not in raw
    assert body["author_pseudonym"].startswith("user-")
    assert body["findings"][0]["explanation"]["rule"]


async def test_evidence_is_encrypted_at_rest(
    client: httpx.AsyncClient, users: Users, database: Database
) -> None:
    officer = await users.headers(Role.COMPLIANCE_OFFICER)
    await _alert(client, officer)
    async with database.session_scope() as session:
        rows = (
            await session.execute(text("SELECT evidence_ciphertext FROM compliance_scan"))
        ).all()
        identities = (
            await session.execute(text("SELECT author_identity_ciphertext FROM compliance_alert"))
        ).all()
    blob = b"".join(bytes(r[0]) for r in rows) + b"".join(bytes(r[0]) for r in identities)
    assert blob
    assert CARD.encode() not in blob
    assert b"Marc Dubois" not in blob


async def test_reveal_without_a_reason_is_refused(client: httpx.AsyncClient, users: Users) -> None:
    officer = await users.headers(Role.COMPLIANCE_OFFICER)
    alert_id = await _alert(client, officer)
    for reason in (None, "", "because"):
        response = await client.post(
            f"/api/v1/compliance/alerts/{alert_id}/reveal",
            json={"target": "excerpt", "reason": reason},
            headers=officer,
        )
        assert_problem(response, 422)


async def test_reveal_with_a_reason_returns_raw_evidence_and_is_audited(
    client: httpx.AsyncClient, users: Users
) -> None:
    officer = await users.headers(Role.COMPLIANCE_OFFICER)
    alert_id = await _alert(client, officer)
    excerpt = await client.post(
        f"/api/v1/compliance/alerts/{alert_id}/reveal",
        json={"target": "excerpt", "reason": REASON},
        headers=officer,
    )
    assert excerpt.status_code == 200, excerpt.text
    assert CARD in excerpt.json()["content"]["excerpts"][0]["text"]
    identity = await client.post(
        f"/api/v1/compliance/alerts/{alert_id}/reveal",
        json={"target": "identity", "reason": REASON},
        headers=officer,
    )
    assert identity.json()["content"]["identity"]["name"] == "Marc Dubois"
    audit = (
        await client.get("/api/v1/compliance/audit?action=compliance.reveal", headers=officer)
    ).json()
    actions = [e["action"] for e in audit["items"]]
    assert actions.count("compliance.reveal.granted") == 2
    assert actions.count("compliance.reveal.opened") == 2
    assert all(
        e["details"].get("reason") == REASON
        for e in audit["items"]
        if e["action"].endswith("granted")
    )


async def test_four_eyes_policy_needs_a_second_officer(
    client: httpx.AsyncClient, users: Users
) -> None:
    requester = await users.headers(Role.COMPLIANCE_OFFICER)
    approver = await users.headers(Role.COMPLIANCE_OFFICER)
    policies = (await client.get("/api/v1/compliance/policies", headers=requester)).json()
    default = next(p for p in policies if p["name"] == "Default")
    patched = await client.patch(
        f"/api/v1/compliance/policies/{default['id']}",
        json={"four_eyes_reveal": True},
        headers=requester,
    )
    assert patched.status_code == 200
    alert_id = await _alert(client, requester)
    pending = await client.post(
        f"/api/v1/compliance/alerts/{alert_id}/reveal",
        json={"target": "excerpt", "reason": REASON},
        headers=requester,
    )
    assert pending.status_code == 202
    assert pending.json()["content"] is None
    request_id = pending.json()["request"]["id"]
    base = f"/api/v1/compliance/reveal-requests/{request_id}"
    assert_problem(await client.post(f"{base}/open", headers=requester), 409)
    assert_problem(
        await client.post(f"{base}/decision", json={"approve": True}, headers=requester), 403
    )
    approved = await client.post(f"{base}/decision", json={"approve": True}, headers=approver)
    assert approved.json()["status"] == "approved"
    assert_problem(await client.post(f"{base}/open", headers=approver), 404)
    opened = await client.post(f"{base}/open", headers=requester)
    assert CARD in opened.json()["content"]["excerpts"][0]["text"]
    assert_problem(await client.post(f"{base}/open", headers=requester), 409)
    detail = (await client.get(f"/api/v1/compliance/alerts/{alert_id}", headers=requester)).json()
    assert detail["four_eyes"] is True
    assert detail["reveal_requests"][0]["status"] == "used"
