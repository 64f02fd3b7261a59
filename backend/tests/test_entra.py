"""Entra ID bearer tokens validated against a local OpenID metadata + JWKS (real RS256 crypto)."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import FastAPI
from jwt.algorithms import RSAAlgorithm

from backend.app.config import Settings
from backend.app.main import create_app
from backend.app.permissions import Role
from backend.tests.conftest import Users, assert_problem, make_settings, truncate_all

TENANT = "11111111-2222-3333-4444-555555555555"
CLIENT_ID = "99999999-8888-7777-6666-555555555555"
ISSUER = f"https://login.microsoftonline.com/{TENANT}/v2.0"
METADATA_URL = "https://login.test/tenant/v2.0/.well-known/openid-configuration"

SIGNING_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _jwks() -> dict[str, Any]:
    public = json.loads(RSAAlgorithm.to_jwk(SIGNING_KEY.public_key()))
    return {"keys": [{**public, "kid": "key-1", "use": "sig", "alg": "RS256"}]}


def _identity_provider(request: httpx.Request) -> httpx.Response:
    if request.url.path.endswith("openid-configuration"):
        return httpx.Response(200, json={"issuer": ISSUER, "jwks_uri": "https://login.test/keys"})
    if request.url.path == "/keys":
        return httpx.Response(200, json=_jwks())
    return httpx.Response(404)


def mint(
    claims: dict[str, Any] | None = None, *, key: Any = SIGNING_KEY, kid: str = "key-1"
) -> str:
    now = int(time.time())
    body = {
        "iss": ISSUER,
        "aud": CLIENT_ID,
        "tid": TENANT,
        "oid": str(uuid.uuid4()),
        "preferred_username": "entra.user@example.com",
        "iat": now,
        "nbf": now,
        "exp": now + 600,
    }
    body.update(claims or {})
    return jwt.encode(body, key, algorithm="RS256", headers={"kid": kid})


@pytest.fixture
async def entra_app(
    migrated_database_url: str, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[FastAPI]:
    transport = httpx.MockTransport(_identity_provider)
    real_client = httpx.AsyncClient

    def local_client(*args: Any, **kwargs: Any) -> httpx.AsyncClient:
        return real_client(*args, transport=transport, **kwargs)

    monkeypatch.setattr(httpx, "AsyncClient", local_client)
    settings: Settings = make_settings(
        migrated_database_url,
        entra_tenant_id=TENANT,
        entra_client_id=CLIENT_ID,
        entra_openid_metadata_url=METADATA_URL,
    )
    app = create_app(settings)
    monkeypatch.setattr(httpx, "AsyncClient", real_client)
    async with app.router.lifespan_context(app):
        yield app
    await truncate_all(app.state.database)


@pytest.fixture
async def entra_client(entra_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=entra_app), base_url="http://t"
    ) as http:
        yield http


async def test_entra_token_signs_in_the_matching_user_and_links_it(
    entra_app: FastAPI, entra_client: httpx.AsyncClient
) -> None:
    users = Users(entra_app.state.database, entra_client)
    await users.create(Role.SALES, email="entra.user@example.com")
    oid = str(uuid.uuid4())
    token = mint({"oid": oid})
    me = await entra_client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200, me.text
    assert me.json()["email"] == "entra.user@example.com"
    assert me.json()["entra_linked"] is True
    # Once linked, a token for the same object id works even if the email claim changes.
    again = mint({"oid": oid, "preferred_username": "renamed@example.com"})
    assert (
        await entra_client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {again}"})
    ).status_code == 200


@pytest.mark.parametrize(
    "token",
    [
        pytest.param(lambda: mint({"aud": "api://someone-else"}), id="wrong-audience"),
        pytest.param(lambda: mint({"iss": "https://sts.windows.net/other/"}), id="wrong-issuer"),
        pytest.param(lambda: mint({"tid": "other-tenant"}), id="wrong-tenant"),
        pytest.param(lambda: mint({"exp": int(time.time()) - 3600}), id="expired"),
        pytest.param(lambda: mint(key=OTHER_KEY), id="wrong-signature"),
        pytest.param(lambda: mint(kid="unknown-kid"), id="unknown-key"),
        pytest.param(lambda: mint({"preferred_username": "nobody@example.com"}), id="no-such-user"),
    ],
)
async def test_entra_token_is_401_when_invalid(
    entra_app: FastAPI, entra_client: httpx.AsyncClient, token: Any
) -> None:
    users = Users(entra_app.state.database, entra_client)
    await users.create(Role.SALES, email="entra.user@example.com")
    response = await entra_client.get(
        "/api/v1/users/me", headers={"Authorization": f"Bearer {token()}"}
    )
    assert_problem(response, 401)


async def test_rs256_token_is_401_when_entra_not_configured(client: httpx.AsyncClient) -> None:
    assert_problem(
        await client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {mint()}"}), 401
    )
