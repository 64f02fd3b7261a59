"""The CRM permission matrix (roles × endpoints) and the cross-team rule (404, no leak)."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from backend.app.permissions import Role
from backend.tests import crm_helpers as crm
from backend.tests.conftest import Users

ROLES = ("admin", "sales", "other_team", "viewer", "officer")
# Every route about one CRM record: method, template, body.
OBJECT_ROUTES: list[tuple[str, str, dict[str, Any] | None]] = [
    ("GET", "/api/v1/companies/{company}", None),
    ("PATCH", "/api/v1/companies/{company}", {"industry": "Robotics"}),
    ("DELETE", "/api/v1/companies/{company}", None),
    ("GET", "/api/v1/companies/{company}/timeline", None),
    ("POST", "/api/v1/companies/{company}/merge", {"merged_id": "{company2}"}),
    ("GET", "/api/v1/contacts/{contact}", None),
    ("PATCH", "/api/v1/contacts/{contact}", {"job_title": "CEO"}),
    ("DELETE", "/api/v1/contacts/{contact}", None),
    ("GET", "/api/v1/contacts/{contact}/timeline", None),
    ("POST", "/api/v1/contacts/{contact}/merge", {"merged_id": "{contact2}"}),
    ("GET", "/api/v1/contacts/{contact}/export", None),
    ("POST", "/api/v1/contacts/{contact}/erase", None),
    ("GET", "/api/v1/deals/{deal}", None),
    ("PATCH", "/api/v1/deals/{deal}", {"amount": "99.00"}),
    ("DELETE", "/api/v1/deals/{deal}", None),
    ("GET", "/api/v1/deals/{deal}/timeline", None),
    ("GET", "/api/v1/activities/{activity}", None),
    ("PATCH", "/api/v1/activities/{activity}", {"body": "Edited"}),
    ("DELETE", "/api/v1/activities/{activity}", None),
]
_OK = {"GET": 200, "PATCH": 200, "DELETE": 204, "POST": 200}


def expected(role: str, method: str, path: str) -> int:
    """The matrix: who may do what to a record of the 'EMEA' team."""
    if role == "other_team":
        return 404
    ok = _OK[method]
    if path.endswith("/erase"):
        return ok if role in ("admin", "officer") else 403
    if path.endswith("/export"):
        return 403 if role == "viewer" else ok
    if method == "GET":
        return ok
    return ok if role in ("admin", "sales") else 403


async def _headers(users: Users) -> dict[str, dict[str, str]]:
    return {
        "admin": await users.headers(Role.ADMIN),
        "sales": await users.headers(Role.SALES, team="EMEA"),
        "other_team": await users.headers(Role.SALES, team="APAC"),
        "viewer": await users.headers(Role.VIEWER),
        "officer": await users.headers(Role.COMPLIANCE_OFFICER),
    }


async def _world(client: httpx.AsyncClient, owner: dict[str, str]) -> dict[str, str]:
    company = await crm.company(client, owner)
    company2 = await crm.company(client, owner)
    unique = uuid.uuid4().hex[:8]
    contact = await crm.contact(client, owner, company_id=company["id"], email=f"{unique}@acme.io")
    contact2 = await crm.contact(client, owner, email=f"{unique}@other.io")
    deal = await crm.deal(client, owner, company_id=company["id"], contact_ids=[contact["id"]])
    activity = await crm.note(client, owner, contact_id=contact["id"])
    return {
        "company": company["id"],
        "company2": company2["id"],
        "contact": contact["id"],
        "contact2": contact2["id"],
        "deal": deal["id"],
        "activity": activity["id"],
    }


def _fill(value: Any, ids: dict[str, str]) -> Any:
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    return value


async def _call(
    client: httpx.AsyncClient,
    method: str,
    template: str,
    body: dict[str, Any] | None,
    ids: dict[str, str],
    headers: dict[str, str],
) -> httpx.Response:
    return await client.request(
        method, template.format(**ids), json=_fill(body, ids) if body else None, headers=headers
    )


def _shape(template: str) -> str:
    return template.split("{")[0] + "{}" + template.split("}", 1)[1]


def test_object_route_table_covers_every_crm_record_route(app: FastAPI) -> None:
    prefixes = ("/api/v1/companies/", "/api/v1/contacts/", "/api/v1/deals/", "/api/v1/activities/")
    routes = {
        (method.upper(), _shape(path))
        for path, operations in app.openapi()["paths"].items()
        if path.startswith(prefixes) and "{" in path
        for method in operations
    }
    assert routes == {(m, _shape(t)) for m, t, _ in OBJECT_ROUTES}


@pytest.mark.parametrize("role", ROLES)
async def test_permission_matrix_holds_when_each_role_calls_each_record_route(
    client: httpx.AsyncClient, users: Users, role: str
) -> None:
    headers = await _headers(users)
    failures = []
    shared = await _world(client, headers["sales"])
    for method, template, body in OBJECT_ROUTES:
        # Fresh records for each change: deletes, merges and erasures alter them.
        ids = shared if method == "GET" else await _world(client, headers["sales"])
        response = await _call(client, method, template, body, ids, headers[role])
        want = expected(role, method, template)
        if response.status_code != want:
            failures.append((method, template, want, response.status_code, response.text[:200]))
    assert failures == []


async def test_other_team_gets_404_not_403_when_it_reaches_for_a_record(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await _headers(users)
    ids = await _world(client, headers["sales"])
    for method, template, body in OBJECT_ROUTES:
        response = await _call(client, method, template, body, ids, headers["other_team"])
        assert response.status_code == 404, (method, template, response.text)
        assert "not found" in response.json()["detail"]
    for path in ("companies", "contacts", "deals", "activities"):
        listed = await client.get(f"/api/v1/{path}", headers=headers["other_team"])
        assert listed.json()["items"] == [], path
        exported = await client.get(f"/api/v1/{path}/export.csv", headers=headers["other_team"])
        if path != "activities":
            assert exported.text.count("\n") == 1, path


async def test_collection_routes_follow_the_matrix_when_roles_list_create_and_import(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await _headers(users)
    await _world(client, headers["sales"])
    csv_body = "first_name,email\nLin,lin@example.com\n"
    for role in ROLES:
        for path in ("companies", "contacts", "deals", "activities"):
            listed = await client.get(f"/api/v1/{path}", headers=headers[role])
            assert listed.status_code == 200, (role, path)
        created = await client.post(
            "/api/v1/companies?force=true", json={"name": f"New {role}"}, headers=headers[role]
        )
        assert created.status_code == (201 if role in ("admin", "sales", "other_team") else 403)
        imported = await client.post(
            "/api/v1/contacts/import?dry_run=true",
            content=csv_body,
            headers=headers[role] | {"Content-Type": "text/csv"},
        )
        assert imported.status_code == (200 if role in ("admin", "sales", "other_team") else 403)
        pipelines = await client.get("/api/v1/pipelines", headers=headers[role])
        assert pipelines.status_code == 200


async def test_unauthenticated_calls_get_401_when_no_token_is_sent(
    client: httpx.AsyncClient,
) -> None:
    for path in ("companies", "contacts", "deals", "activities", "pipelines"):
        response = await client.get(f"/api/v1/{path}")
        assert response.status_code == 401
