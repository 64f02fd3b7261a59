from __future__ import annotations

import pytest
from pydantic import ValidationError

from backend.app.config import DEV_SECRET_KEY, Settings

PG = "postgresql+asyncpg://nova@db/nova"


KEYS = {"evidence_keys": "k1:" + "A" * 43 + "=", "pseudonym_key": "p" * 40}


def _production(**values: object) -> Settings:
    merged = {**KEYS, **values}
    return Settings(_env_file=None, env="production", database_url=PG, **merged)  # type: ignore[arg-type]


@pytest.mark.parametrize("secret", ["", DEV_SECRET_KEY, "too-short"])
def test_production_refuses_to_start_when_secret_is_default_or_weak(secret: str) -> None:
    with pytest.raises(ValidationError, match="NOVA_SECRET_KEY"):
        _production(secret_key=secret)


def test_production_refuses_anonymous_bot_mode() -> None:
    with pytest.raises(ValidationError, match="ANONYMOUS"):
        _production(secret_key="x" * 40, bot_allow_anonymous=True)


def test_production_refuses_sqlite() -> None:
    with pytest.raises(ValidationError, match="PostgreSQL"):
        Settings(_env_file=None, env="production", secret_key="x" * 40, **KEYS)  # type: ignore[arg-type]


def test_production_starts_when_configured_safely() -> None:
    settings = _production(secret_key="x" * 40)
    assert settings.is_production
    assert not settings.should_auto_migrate


def test_secrets_never_appear_in_the_settings_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOVA_SECRET_KEY", "very-secret-value-1234567890-abcdefgh")
    monkeypatch.setenv("NOVA_GRAPH_CLIENT_SECRET", "graph-secret-value")
    settings = Settings(_env_file=None)
    assert settings.secret_key.get_secret_value() == "very-secret-value-1234567890-abcdefgh"
    assert "very-secret-value" not in repr(settings)
    assert "graph-secret-value" not in repr(settings)


def test_every_external_url_is_a_setting() -> None:
    fields = set(Settings.model_fields)
    assert {
        "entra_authority_url",
        "entra_openid_metadata_url",
        "bot_openid_metadata_url",
        "bot_login_url",
        "graph_base_url",
        "graph_authority",
        "ai_upstream_url",
        "redis_url",
    } <= fields


def test_production_refuses_to_start_without_evidence_keys() -> None:
    with pytest.raises(ValidationError, match="NOVA_EVIDENCE_KEYS"):
        Settings(_env_file=None, env="production", database_url=PG, secret_key="x" * 40)
