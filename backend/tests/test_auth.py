from __future__ import annotations

import json
import time
import uuid

import httpx
import jwt
import pytest

from backend.app.permissions import Role
from backend.app.security import ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER
from backend.tests.conftest import TEST_PASSWORD, Users, assert_problem

SECRET = "test-secret-key-0123456789-abcdefghijkl"


async def test_token_and_me_return_the_user_when_credentials_are_right(
    client: httpx.AsyncClient, users: Users
) -> None:
    email = await users.create(Role.SALES, team="Nordics")
    tokens = await users.login(email)
    assert tokens["token_type"] == "bearer"
    assert tokens["expires_in"] > 0
    me = await client.get(
        "/api/v1/users/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}
    )
    assert me.status_code == 200
    assert me.json()["email"] == email
    assert me.json()["role"] == "sales"
    assert me.json()["team"] == "Nordics"


async def test_token_is_401_problem_when_password_wrong(
    client: httpx.AsyncClient, users: Users
) -> None:
    email = await users.create(Role.SALES)
    response = await client.post(
        "/api/v1/auth/token", data={"username": email, "password": "nope-nope-nope"}
    )
    assert_problem(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"


async def test_token_is_401_with_same_message_when_account_unknown(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post(
        "/api/v1/auth/token",
        data={"username": "ghost@example.com", "password": "whatever-password"},
    )
    assert assert_problem(response, 401)["detail"] == "incorrect email or password"


async def test_sign_in_is_429_with_retry_after_when_account_keeps_failing(
    client: httpx.AsyncClient, users: Users
) -> None:
    email = await users.create(Role.SALES)
    for _ in range(5):
        bad = await client.post(
            "/api/v1/auth/token", data={"username": email, "password": "wrong-password!"}
        )
        assert bad.status_code == 401
    blocked = await client.post(
        "/api/v1/auth/token", data={"username": email, "password": TEST_PASSWORD}
    )
    assert_problem(blocked, 429)
    assert int(blocked.headers["retry-after"]) > 0


async def test_failed_sign_in_is_audited_when_account_exists(
    client: httpx.AsyncClient, users: Users
) -> None:
    email = await users.create(Role.SALES)
    await client.post("/api/v1/auth/token", data={"username": email, "password": "wrong-password!"})
    admin = await users.headers(Role.ADMIN)
    entries = (await client.get("/api/v1/audit?action=auth.login_failed", headers=admin)).json()[
        "items"
    ]
    assert len(entries) == 1
    assert entries[0]["details"] == {"reason": "bad_credentials"}


async def test_refresh_rotates_and_old_token_stops_working(
    client: httpx.AsyncClient, users: Users
) -> None:
    tokens = await users.login(await users.create(Role.VIEWER))
    first = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
    )
    assert first.status_code == 200
    assert first.json()["refresh_token"] != tokens["refresh_token"]
    replay = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
    )
    assert_problem(replay, 401)


async def test_replayed_refresh_token_revokes_the_whole_session(
    client: httpx.AsyncClient, users: Users
) -> None:
    tokens = await users.login(await users.create(Role.VIEWER))
    rotated = (
        await client.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    ).json()
    await client.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    # The thief's replay revoked the family: the legitimate newer tokens are dead too.
    after = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": rotated["refresh_token"]}
    )
    assert_problem(after, 401)
    me = await client.get(
        "/api/v1/users/me", headers={"Authorization": f"Bearer {rotated['access_token']}"}
    )
    assert_problem(me, 401)


async def test_logout_ends_access_and_refresh_tokens(
    client: httpx.AsyncClient, users: Users
) -> None:
    tokens = await users.login(await users.create(Role.SALES))
    auth = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert (await client.post("/api/v1/auth/logout", headers=auth)).status_code == 204
    assert_problem(await client.get("/api/v1/users/me", headers=auth), 401)
    refresh = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
    )
    assert_problem(refresh, 401)


def _forge(
    claims_override: dict[str, object], *, key: str = SECRET, algorithm: str = "HS256"
) -> str:
    now = int(time.time())
    claims: dict[str, object] = {
        "sub": str(uuid.uuid4()),
        "sid": str(uuid.uuid4()),
        "role": "admin",
        "iat": now,
        "exp": now + 600,
        "aud": ACCESS_TOKEN_AUDIENCE,
        "iss": ACCESS_TOKEN_ISSUER,
    }
    claims.update(claims_override)
    return jwt.encode(claims, key, algorithm=algorithm)


@pytest.mark.parametrize(
    "header",
    [
        pytest.param(None, id="missing"),
        pytest.param("Bearer", id="empty-bearer"),
        pytest.param("Basic YWRtaW46YWRtaW4=", id="basic-scheme"),
        pytest.param("Bearer not-a-jwt", id="garbage"),
        pytest.param(
            f"Bearer {_forge({}, key='another-secret-key-that-is-long-enough')}", id="wrong-key"
        ),
        pytest.param(f"Bearer {_forge({'exp': int(time.time()) - 10})}", id="expired"),
        pytest.param(f"Bearer {_forge({'aud': 'someone-else'})}", id="wrong-audience"),
        pytest.param(f"Bearer {_forge({'iss': 'evil'})}", id="wrong-issuer"),
        pytest.param("Bearer nova_notarealkey", id="unknown-api-key"),
        pytest.param(f"Bearer {_forge({})}", id="unknown-user-valid-signature"),
    ],
)
async def test_protected_route_is_401_problem_when_token_is_bad(
    client: httpx.AsyncClient, header: str | None
) -> None:
    headers = {"Authorization": header} if header else {}
    assert_problem(await client.get("/api/v1/users/me", headers=headers), 401)


async def test_tampered_token_is_401_when_payload_edited(
    client: httpx.AsyncClient, users: Users
) -> None:
    tokens = await users.login(await users.create(Role.VIEWER))
    header, _payload, signature = tokens["access_token"].split(".")
    claims = jwt.decode(tokens["access_token"], options={"verify_signature": False})
    claims["role"] = "admin"
    forged_payload = jwt.utils.base64url_encode(json.dumps(claims).encode()).decode()
    forged = f"{header}.{forged_payload}.{signature}"
    assert_problem(
        await client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {forged}"}), 401
    )


async def test_deactivated_user_is_refused_when_token_still_valid(
    client: httpx.AsyncClient, users: Users
) -> None:
    email = await users.create(Role.SALES)
    tokens = await users.login(email)
    admin = await users.headers(Role.ADMIN)
    me = (
        await client.get(
            "/api/v1/users/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}
        )
    ).json()
    await client.patch(f"/api/v1/users/{me['id']}", json={"is_active": False}, headers=admin)
    after = await client.get(
        "/api/v1/users/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}
    )
    assert_problem(after, 401)
