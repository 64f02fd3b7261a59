from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import httpx
import pytest

from backend.app.permissions import Role
from backend.tests.conftest import TEST_PASSWORD, Users, assert_problem


async def test_malformed_json_is_422_problem(client: httpx.AsyncClient, users: Users) -> None:
    admin = await users.headers(Role.ADMIN)
    response = await client.post(
        "/api/v1/users",
        content=b'{"email": ',
        headers={**admin, "content-type": "application/json"},
    )
    body = assert_problem(response, 422)
    assert body["errors"][0]["type"] == "json_invalid"


async def test_oversized_body_is_413_problem_when_length_declared(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post(
        "/api/v1/auth/refresh",
        content=b"x" * 1_100_000,
        headers={"content-type": "application/json"},
    )
    assert_problem(response, 413)


async def test_oversized_body_is_413_problem_when_streamed_without_length(
    client: httpx.AsyncClient,
) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(40):
            yield b"y" * 65_536

    response = await client.post(
        "/api/v1/auth/refresh", content=chunks(), headers={"content-type": "application/json"}
    )
    assert_problem(response, 413)


async def test_unknown_route_is_404_problem(client: httpx.AsyncClient) -> None:
    assert_problem(await client.get("/api/v1/nowhere"), 404)


async def test_wrong_method_is_405_problem(client: httpx.AsyncClient) -> None:
    assert_problem(await client.delete("/api/v1/users/me"), 405)


async def test_request_id_is_echoed_when_sane_and_generated_otherwise(
    client: httpx.AsyncClient,
) -> None:
    echoed = await client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert echoed.headers["x-request-id"] == "abc-123"
    replaced = await client.get("/healthz", headers={"X-Request-ID": "bad id\twith spaces"})
    assert replaced.headers["x-request-id"] != "bad id\twith spaces"
    assert len(replaced.headers["x-request-id"]) == 32
    errors = await client.get("/api/v1/users/me")
    assert errors.headers["x-request-id"]


@pytest.mark.parametrize(
    ("origin", "allowed"), [("http://localhost:3000", True), ("https://evil.example.com", False)]
)
async def test_cors_allows_only_the_web_origin(
    client: httpx.AsyncClient, origin: str, allowed: bool
) -> None:
    response = await client.options(
        "/api/v1/users/me", headers={"Origin": origin, "Access-Control-Request-Method": "GET"}
    )
    assert (response.headers.get("access-control-allow-origin") == origin) is allowed


async def test_logs_carry_no_password_or_token_when_signing_in(
    client: httpx.AsyncClient, users: Users, caplog: pytest.LogCaptureFixture
) -> None:
    email = await users.create(Role.SALES)
    caplog.set_level(logging.DEBUG)
    tokens = await users.login(email)
    await client.get(
        "/api/v1/users/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}
    )
    await client.post(
        "/api/v1/auth/token", data={"username": email, "password": "wrong-password-x"}
    )
    text = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    assert "request" in text
    for secret in (
        TEST_PASSWORD,
        "wrong-password-x",
        tokens["access_token"],
        tokens["refresh_token"],
    ):
        assert secret not in text


async def test_access_log_has_one_line_per_request_with_route_and_user(
    client: httpx.AsyncClient, users: Users, caplog: pytest.LogCaptureFixture
) -> None:
    headers = await users.headers(Role.VIEWER)
    caplog.set_level(logging.INFO, logger="nova.access")
    await client.get("/api/v1/users/me", headers=headers)
    lines = [r for r in caplog.records if r.name == "nova.access"]
    assert len(lines) == 1
    record = lines[0].__dict__
    assert record["route"] == "/api/v1/users/me"
    assert record["status"] == 200
    assert record["user_id"]
    assert record["duration_ms"] >= 0
