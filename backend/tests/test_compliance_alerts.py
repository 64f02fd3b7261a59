from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from backend.app.permissions import Role
from backend.tests.compliance_helpers import RecordingNotifier, act, scan
from backend.tests.conftest import Users, assert_problem


async def _new_alert(client: httpx.AsyncClient, headers: dict[str, str], **context: str) -> str:
    return str((await scan(client, headers, **context))["alert_id"])


async def test_alert_moves_through_every_state_and_records_history(
    client: httpx.AsyncClient, users: Users
) -> None:
    officer = await users.headers(Role.COMPLIANCE_OFFICER)
    alert_id = await _new_alert(client, officer)
    steps: list[tuple[str, dict[str, Any], str]] = [
        ("acknowledge", {}, "acknowledged"),
        ("escalate", {}, "escalated"),
        ("resolve", {"reason": "coached", "comment": "Talked to the author"}, "resolved"),
        ("reopen", {}, "acknowledged"),
        ("dismiss", {"reason": "false_positive"}, "dismissed"),
        ("reopen", {}, "acknowledged"),
        ("comment", {"comment": "Following up with the client"}, "acknowledged"),
        ("tag", {"tags": ["card", "renewal"]}, "acknowledged"),
        ("assign", {"assignee_id": "me"}, "acknowledged"),
    ]
    for action, body, expected in steps:
        response = await act(client, officer, alert_id, action, **body)
        assert response.status_code == 200, (action, response.text)
        assert response.json()["status"] == expected
    alert = response.json()
    assert alert["tags"] == ["card", "renewal"]
    assert alert["assignee_id"] is not None
    assert alert["seconds_to_acknowledge"] is not None
    assert [e["action"] for e in alert["history"]] == ["created"] + [s[0] for s in steps]
    admin = await users.headers(Role.ADMIN)
    audit = (
        await client.get(f"/api/v1/compliance/audit?target_id={alert_id}&limit=50", headers=admin)
    ).json()
    assert len(audit["items"]) == len(steps)
    assert (await client.get("/api/v1/compliance/audit/verify", headers=admin)).json()["ok"] is True


@pytest.mark.parametrize(
    ("setup", "action", "current"),
    [
        ((), "reopen", "new"),
        (("acknowledge",), "acknowledge", "acknowledged"),
        (("resolve",), "escalate", "resolved"),
        (("resolve",), "resolve", "resolved"),
        (("dismiss",), "acknowledge", "dismissed"),
    ],
)
async def test_forbidden_transition_is_409_with_current_state(
    client: httpx.AsyncClient, users: Users, setup: tuple[str, ...], action: str, current: str
) -> None:
    officer = await users.headers(Role.COMPLIANCE_OFFICER)
    alert_id = await _new_alert(client, officer)
    for step in setup:
        extra = {"reason": "false_positive"} if step == "dismiss" else {}
        assert (await act(client, officer, alert_id, step, **extra)).status_code == 200
    body = assert_problem(
        await act(client, officer, alert_id, action, reason="false_positive"), 409
    )
    assert body["current"]["status"] == current


async def test_dismiss_needs_a_reason(client: httpx.AsyncClient, users: Users) -> None:
    officer = await users.headers(Role.COMPLIANCE_OFFICER)
    alert_id = await _new_alert(client, officer)
    assert_problem(await act(client, officer, alert_id, "dismiss"), 422)


async def test_stale_if_match_is_409_and_fresh_one_passes(
    client: httpx.AsyncClient, users: Users
) -> None:
    officer = await users.headers(Role.COMPLIANCE_OFFICER)
    alert_id = await _new_alert(client, officer)
    read = await client.get(f"/api/v1/compliance/alerts/{alert_id}", headers=officer)
    tag = read.headers["etag"]
    assert (await act(client, officer, alert_id, "comment", comment="first")).status_code == 200
    stale = await client.post(
        f"/api/v1/compliance/alerts/{alert_id}/actions",
        json={"action": "acknowledge"},
        headers={**officer, "If-Match": tag},
    )
    assert assert_problem(stale, 409)["current"]["version"] == read.json()["version"] + 1
    fresh_tag = (
        await client.get(f"/api/v1/compliance/alerts/{alert_id}", headers=officer)
    ).headers["etag"]
    fresh = await client.post(
        f"/api/v1/compliance/alerts/{alert_id}/actions",
        json={"action": "acknowledge"},
        headers={**officer, "If-Match": fresh_tag},
    )
    assert fresh.status_code == 200


async def test_two_officers_acting_at_once_one_wins_one_gets_409(
    client: httpx.AsyncClient, users: Users
) -> None:
    first = await users.headers(Role.COMPLIANCE_OFFICER)
    second = await users.headers(Role.COMPLIANCE_OFFICER)
    alert_id = await _new_alert(client, first)
    responses = await asyncio.gather(
        act(client, first, alert_id, "acknowledge"), act(client, second, alert_id, "acknowledge")
    )
    assert sorted(r.status_code for r in responses) == [200, 409]
    loser = next(r for r in responses if r.status_code == 409)
    assert loser.json()["current"]["status"] == "acknowledged"
    detail = (await client.get(f"/api/v1/compliance/alerts/{alert_id}", headers=first)).json()
    assert [e["action"] for e in detail["history"]].count("acknowledge") == 1


async def test_assign_is_422_when_assignee_is_not_an_officer(
    client: httpx.AsyncClient, users: Users
) -> None:
    officer = await users.headers(Role.COMPLIANCE_OFFICER)
    alert_id = await _new_alert(client, officer)
    sales_me = (
        await client.get("/api/v1/users/me", headers=await users.headers(Role.SALES))
    ).json()
    assert_problem(await act(client, officer, alert_id, "assign", assignee_id=sales_me["id"]), 422)


@pytest.mark.parametrize("role", [Role.SALES, Role.VIEWER])
async def test_alerts_policies_and_audit_are_403_for_sales_and_viewer(
    client: httpx.AsyncClient, users: Users, role: Role
) -> None:
    officer = await users.headers(Role.COMPLIANCE_OFFICER)
    alert_id = await _new_alert(client, officer)
    headers = await users.headers(role)
    for method, path, body in [
        ("GET", "/api/v1/compliance/alerts", None),
        ("GET", f"/api/v1/compliance/alerts/{alert_id}", None),
        ("POST", f"/api/v1/compliance/alerts/{alert_id}/actions", {"action": "acknowledge"}),
        (
            "POST",
            f"/api/v1/compliance/alerts/{alert_id}/reveal",
            {"target": "excerpt", "reason": "x" * 20},
        ),
        ("GET", "/api/v1/compliance/policies", None),
        ("GET", "/api/v1/compliance/audit", None),
        ("GET", "/api/v1/compliance/stats", None),
    ]:
        response = await client.request(method, path, json=body, headers=headers)
        assert_problem(response, 403)


async def test_alert_list_filters_and_pages(client: httpx.AsyncClient, users: Users) -> None:
    officer = await users.headers(Role.COMPLIANCE_OFFICER)
    ids = [await _new_alert(client, officer, author_id=f"author-{n}") for n in range(5)]
    await act(client, officer, ids[0], "acknowledge")
    acknowledged = (
        await client.get("/api/v1/compliance/alerts?status=acknowledged", headers=officer)
    ).json()
    assert [a["id"] for a in acknowledged["items"]] == [ids[0]]
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, str | int] = {"limit": 2, "category": "pii"}
        if cursor:
            params["cursor"] = cursor
        page = (
            await client.get("/api/v1/compliance/alerts", params=params, headers=officer)
        ).json()
        seen += [a["id"] for a in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(ids)
    assert len(seen) == 5
    bad = await client.get("/api/v1/compliance/alerts?cursor=garbage!!", headers=officer)
    assert_problem(bad, 422)


async def test_notifier_hears_each_action(
    app: FastAPI, client: httpx.AsyncClient, users: Users
) -> None:
    notifier = RecordingNotifier()
    app.state.notifiers.add(notifier)
    officer = await users.headers(Role.COMPLIANCE_OFFICER)
    alert_id = await _new_alert(client, officer)
    await act(client, officer, alert_id, "acknowledge")
    await act(client, officer, alert_id, "resolve", reason="coached")
    await app.state.worker_pool.drain()
    assert [e for _, e in notifier.events] == ["created", "acknowledge", "resolve"]
