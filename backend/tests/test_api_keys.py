from __future__ import annotations

import httpx
from sqlalchemy import text

from backend.app.db import Database
from backend.app.permissions import Role
from backend.tests.conftest import Users, assert_problem


async def test_api_key_is_shown_once_and_stored_hashed(
    client: httpx.AsyncClient, users: Users, database: Database
) -> None:
    admin = await users.headers(Role.ADMIN)
    created = await client.post(
        "/api/v1/api-keys", json={"name": "scanner", "scopes": ["audit:read"]}, headers=admin
    )
    assert created.status_code == 201
    key = created.json()["key"]
    assert key.startswith("nova_")
    listing = (await client.get("/api/v1/api-keys", headers=admin)).json()
    assert listing[0]["name"] == "scanner"
    assert "key" not in listing[0]
    async with database.session_scope() as session:
        stored = (await session.execute(text("SELECT key_hash FROM api_key"))).scalar_one()
    assert key not in stored


async def test_api_key_authenticates_within_its_scopes_only(
    client: httpx.AsyncClient, users: Users
) -> None:
    admin = await users.headers(Role.ADMIN)
    key = (
        await client.post(
            "/api/v1/api-keys", json={"name": "auditor", "scopes": ["audit:read"]}, headers=admin
        )
    ).json()["key"]
    bearer = {"Authorization": f"Bearer {key}"}
    assert (await client.get("/api/v1/audit/verify", headers=bearer)).status_code == 200
    assert_problem(await client.get("/api/v1/users", headers=bearer), 403)
    assert_problem(
        await client.post(
            "/api/v1/api-keys", json={"name": "x", "scopes": ["audit:read"]}, headers=bearer
        ),
        403,
    )
    listing = (await client.get("/api/v1/api-keys", headers=admin)).json()
    assert listing[0]["last_used_at"] is not None


async def test_revoked_api_key_is_401(client: httpx.AsyncClient, users: Users) -> None:
    admin = await users.headers(Role.ADMIN)
    created = (
        await client.post(
            "/api/v1/api-keys", json={"name": "tmp", "scopes": ["compliance:scan"]}, headers=admin
        )
    ).json()
    revoked = await client.delete(f"/api/v1/api-keys/{created['id']}", headers=admin)
    assert revoked.json()["revoked_at"] is not None
    assert_problem(
        await client.get(
            "/api/v1/audit/verify", headers={"Authorization": f"Bearer {created['key']}"}
        ),
        401,
    )


async def test_api_key_creation_is_422_when_scope_unknown(
    client: httpx.AsyncClient, users: Users
) -> None:
    admin = await users.headers(Role.ADMIN)
    response = await client.post(
        "/api/v1/api-keys", json={"name": "x", "scopes": ["root:all"]}, headers=admin
    )
    assert "root:all" in assert_problem(response, 422)["detail"]


async def test_api_keys_are_admin_only(client: httpx.AsyncClient, users: Users) -> None:
    officer = await users.headers(Role.COMPLIANCE_OFFICER)
    assert_problem(await client.get("/api/v1/api-keys", headers=officer), 403)
