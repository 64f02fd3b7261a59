"""The Bot Framework protocol, through the real SDK path: local JWKS, fake Entra and connector."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from bot.tests.conftest import Driver


async def test_reply_reaches_connector_with_bearer_when_token_valid(driver: Driver) -> None:
    response = await driver.say("help")
    assert response.status_code == 200
    calls = driver.cloud.connector_calls("POST")
    assert len(calls) == 1
    assert (
        calls[0].path
        == "/v3/conversations/a:1DanaPersonal/activities/"
        + driver.cloud.connector_calls()[0].body["replyToId"]
    )
    assert calls[0].authorization == "Bearer fake-bf-token"
    assert "NovaCRM in Teams" in driver.texts()


def _expired() -> dict[str, int]:
    now = int(time.time())
    return {"nbf": now - 7200, "exp": now - 900}


@pytest.mark.parametrize(
    "claims",
    [
        pytest.param({"aud": "11111111-2222-3333-4444-555555555555"}, id="wrong-audience"),
        pytest.param({"iss": "https://evil.example.com"}, id="wrong-issuer"),
        pytest.param(_expired(), id="expired"),
        pytest.param(
            {"serviceurl": "https://smba.trafficmanager.net/amer/"}, id="serviceurl-mismatch"
        ),
        pytest.param({"serviceurl": None}, id="serviceurl-missing"),
    ],
)
async def test_request_is_401_when_claims_invalid(driver: Driver, claims: dict[str, Any]) -> None:
    response = await driver.post(
        driver.activity("personal_message"), token=driver.cloud.token(**claims)
    )
    assert response.status_code == 401
    assert driver.cloud.connector_calls() == []


async def test_request_is_401_when_key_unknown(driver: Driver) -> None:
    token = driver.cloud.token(kid="not-a-known-key")
    assert (await driver.post(driver.activity("personal_message"), token=token)).status_code == 401


async def test_request_is_401_when_signed_by_another_key_under_the_same_kid(driver: Driver) -> None:
    forged = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    token = driver.cloud.token(key=forged)
    assert (await driver.post(driver.activity("personal_message"), token=token)).status_code == 401


async def test_request_is_401_when_channel_not_endorsed_by_key(driver: Driver) -> None:
    activity = driver.activity("personal_message", channelId="webchat")
    assert (await driver.post(activity)).status_code == 401


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="missing-header"),
        pytest.param({"Authorization": "Basic dXNlcjpwYXNz"}, id="basic-scheme"),
        pytest.param({"Authorization": "Bearer "}, id="empty-bearer"),
        pytest.param({"Authorization": "Bearer not.a.jwt"}, id="garbage"),
    ],
)
async def test_request_is_401_when_header_missing_or_malformed(
    driver: Driver, headers: dict[str, str]
) -> None:
    response = await driver.post(driver.activity("personal_message"), token=None, headers=headers)
    assert response.status_code == 401


async def test_request_is_415_when_not_json(driver: Driver) -> None:
    response = await driver.client.post(
        "/api/messages", content="hi", headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 415


async def test_one_outbound_token_serves_many_turns_when_credentials_cached(driver: Driver) -> None:
    for _ in range(3):
        assert (await driver.say("privacy")).status_code == 200
    assert len(driver.cloud.connector_calls("POST")) == 3
    tokens = driver.cloud.token_requests
    assert len(tokens) == 1
    assert tokens[0]["grant_type"] == "client_credentials"
    assert tokens[0]["scope"] == "https://api.botframework.com/.default"


async def test_reply_is_retried_after_retry_after_when_connector_answers_429(
    driver: Driver,
) -> None:
    driver.cloud.script(429, {"Retry-After": "0"})
    assert (await driver.say("privacy")).status_code == 200
    calls = driver.cloud.connector_calls("POST")
    assert len(calls) == 2
    assert calls[0].body == calls[1].body


async def test_turn_answers_200_without_an_error_card_when_connector_keeps_failing(
    driver: Driver,
) -> None:
    driver.cloud.script(502)
    driver.cloud.script(502)
    response = await driver.say("privacy")
    # The turn's work is done; an error status would only make Teams redeliver a duplicate.
    assert response.status_code == 200
    assert len(driver.cloud.connector_calls("POST")) == 1


async def test_reply_is_not_retried_when_connector_answers_5xx(driver: Driver) -> None:
    driver.cloud.script(502)
    response = await driver.say("privacy")
    # The turn failed after the message may have been delivered: no second POST.
    assert len(driver.cloud.connector_calls("POST")) <= 2
    posts = [
        c
        for c in driver.cloud.connector_calls("POST")
        if "privacy" in str(c.body) or "watches" in str(c.body)
    ]
    assert len(posts) == 1
    # The turn itself succeeded; an error status would only make Teams redeliver it.
    assert response.status_code == 200


async def _anonymous_app_status(cloud: Any, migrated_database_url: str, allow: bool) -> int:
    import httpx

    from backend.app.main import create_app
    from backend.tests.conftest import truncate_all
    from bot.tests.conftest import bot_settings

    settings = bot_settings(
        migrated_database_url, cloud, bot_app_id=None, bot_allow_anonymous=allow
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            body = (Path(__file__).parent / "fixtures" / "personal_message.json").read_text()
            body = body.replace("{{SERVICE_URL}}", cloud.service_url)
            response = await http.post(
                "/api/messages", content=body, headers={"Content-Type": "application/json"}
            )
    await truncate_all(application.state.database)
    await application.state.database.dispose()
    return response.status_code


async def test_unauthenticated_request_is_accepted_only_when_anonymous_mode_allowed(
    cloud: Any, migrated_database_url: str
) -> None:
    assert await _anonymous_app_status(cloud, migrated_database_url, allow=True) == 200
    assert await _anonymous_app_status(cloud, migrated_database_url, allow=False) == 404


def test_anonymous_mode_is_refused_when_environment_is_production() -> None:
    from pydantic import ValidationError

    from backend.app.config import Environment, Settings

    with pytest.raises(ValidationError, match="NOVA_BOT_ALLOW_ANONYMOUS"):
        Settings(
            _env_file=None,
            env=Environment.PRODUCTION,
            bot_allow_anonymous=True,
            secret_key="x" * 40,
            evidence_keys="k:" + "A" * 44,
            pseudonym_key="p" * 32,
            database_url="postgresql+asyncpg://u@h/db",
        )
