from __future__ import annotations

import httpx
import pytest

from backend.app.permissions import Role
from backend.tests.conftest import Users, assert_problem

NEW_USER = {
    "email": "New.Person@Example.com",
    "password": "a-long-password-1",
    "full_name": "New Person",
}


async def test_admin_creates_user_with_team_when_fields_valid(
    client: httpx.AsyncClient, users: Users
) -> None:
    admin = await users.headers(Role.ADMIN)
    response = await client.post(
        "/api/v1/users", json={**NEW_USER, "role": "sales", "team": "EMEA"}, headers=admin
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["email"] == "new.person@example.com"
    assert body["team"] == "EMEA"
    assert "password" not in body
    assert "password_hash" not in body
    signed_in = await users.login("new.person@example.com", "a-long-password-1")
    assert signed_in["access_token"]


@pytest.mark.parametrize("role", [Role.SALES, Role.VIEWER, Role.COMPLIANCE_OFFICER])
async def test_non_admin_cannot_create_an_admin(
    client: httpx.AsyncClient, users: Users, role: Role
) -> None:
    headers = await users.headers(role)
    response = await client.post(
        "/api/v1/users", json={**NEW_USER, "role": "admin"}, headers=headers
    )
    assert_problem(response, 403)
    admin = await users.headers(Role.ADMIN)
    listing = (await client.get("/api/v1/users?role=admin", headers=admin)).json()["items"]
    assert all(u["email"] != "new.person@example.com" for u in listing)


@pytest.mark.parametrize("role", [Role.SALES, Role.VIEWER, Role.COMPLIANCE_OFFICER])
async def test_user_management_is_403_when_caller_is_not_admin(
    client: httpx.AsyncClient, users: Users, role: Role
) -> None:
    headers = await users.headers(role)
    assert_problem(await client.get("/api/v1/users", headers=headers), 403)
    me = (await client.get("/api/v1/users/me", headers=headers)).json()
    assert_problem(
        await client.patch(f"/api/v1/users/{me['id']}", json={"role": "admin"}, headers=headers),
        403,
    )


async def test_create_is_409_when_email_exists(client: httpx.AsyncClient, users: Users) -> None:
    admin = await users.headers(Role.ADMIN)
    await client.post("/api/v1/users", json={**NEW_USER, "role": "viewer"}, headers=admin)
    again = await client.post(
        "/api/v1/users",
        json={**NEW_USER, "email": "NEW.person@example.com", "role": "viewer"},
        headers=admin,
    )
    assert_problem(again, 409)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({**NEW_USER, "role": "superuser"}, "role"),
        ({**NEW_USER, "email": "not-an-email", "role": "sales"}, "email"),
        ({**NEW_USER, "password": "s3cr!t", "role": "sales"}, "password"),
        ({"email": "x@example.com", "role": "sales"}, "password"),
        ({**NEW_USER, "role": ["sales"]}, "role"),
    ],
)
async def test_create_is_422_with_field_errors_when_input_invalid(
    client: httpx.AsyncClient, users: Users, payload: dict[str, object], field: str
) -> None:
    admin = await users.headers(Role.ADMIN)
    body = assert_problem(await client.post("/api/v1/users", json=payload, headers=admin), 422)
    assert any(error["loc"][-1] == field for error in body["errors"])
    assert "a-long-password-1" not in str(body)
    assert "s3cr!t" not in str(body)


async def test_admin_changes_role_and_it_is_audited(
    client: httpx.AsyncClient, users: Users
) -> None:
    admin = await users.headers(Role.ADMIN)
    target = await users.create(Role.VIEWER)
    listing = (await client.get("/api/v1/users?role=viewer", headers=admin)).json()["items"]
    user_id = next(u["id"] for u in listing if u["email"] == target)
    response = await client.patch(
        f"/api/v1/users/{user_id}", json={"role": "sales", "team": "APAC"}, headers=admin
    )
    assert response.status_code == 200
    assert response.json()["role"] == "sales"
    assert response.json()["team"] == "APAC"
    entries = (
        await client.get(f"/api/v1/audit?action=user.updated&target_id={user_id}", headers=admin)
    ).json()
    assert entries["items"][0]["details"]["role"] == "sales"
    assert set(entries["items"][0]["details"]["fields"]) == {"role", "team"}


async def test_admin_cannot_demote_themselves(client: httpx.AsyncClient, users: Users) -> None:
    admin = await users.headers(Role.ADMIN)
    me = (await client.get("/api/v1/users/me", headers=admin)).json()
    assert_problem(
        await client.patch(f"/api/v1/users/{me['id']}", json={"role": "viewer"}, headers=admin), 422
    )


async def test_user_list_pages_with_a_stable_cursor(
    client: httpx.AsyncClient, users: Users
) -> None:
    admin = await users.headers(Role.ADMIN)
    for n in range(5):
        await users.create(Role.VIEWER, email=f"page-{n}@example.com")
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await client.get("/api/v1/users", params=params, headers=admin)).json()
        seen += [u["email"] for u in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == sorted(seen)
    assert len(seen) == len(set(seen)) == 6


async def test_unknown_user_is_404_problem(client: httpx.AsyncClient, users: Users) -> None:
    admin = await users.headers(Role.ADMIN)
    assert_problem(
        await client.get("/api/v1/users/00000000-0000-0000-0000-000000000000", headers=admin), 404
    )
    assert_problem(await client.get("/api/v1/users/not-a-uuid", headers=admin), 422)
