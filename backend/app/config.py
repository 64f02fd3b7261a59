"""The one Settings object: every knob, secret and external URL of the product."""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET_KEY = "dev-insecure-secret-key-change-me"
REPO_ROOT = Path(__file__).resolve().parents[2]


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class Settings(BaseSettings):
    """Read from NOVA_* environment variables and an optional .env file."""

    model_config = SettingsConfigDict(
        env_prefix="NOVA_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    env: Environment = Environment.DEVELOPMENT
    database_url: str = f"sqlite+aiosqlite:///{REPO_ROOT / 'var' / 'novacrm.db'}"
    database_echo: bool = False
    auto_migrate: bool | None = None  # None: on in development and test, off in production
    seed_demo_data: bool = False

    secret_key: SecretStr = SecretStr(DEV_SECRET_KEY)
    access_token_ttl_seconds: int = 900
    refresh_token_ttl_seconds: int = 14 * 24 * 3600
    bootstrap_admin_email: str | None = None
    bootstrap_admin_password: SecretStr | None = None

    # Failed sign-ins tolerated per window before 429, per account and per client address.
    login_max_failures_per_account: int = 5
    login_max_failures_per_client: int = 20
    login_failure_window_seconds: int = 300

    max_body_bytes: int = 1_048_576
    # CSV imports (/api/v1/*/import) may be larger: they are streamed to disk, never buffered.
    import_max_bytes: int = 52_428_800
    web_origin: str = "http://localhost:3000"
    public_base_url: str = "http://localhost:8000"
    log_level: str = "INFO"

    # Microsoft Entra ID sign-in (optional): bearer tokens from this tenant and audience.
    entra_tenant_id: str | None = None
    entra_client_id: str | None = None
    entra_authority_url: str = "https://login.microsoftonline.com"
    entra_openid_metadata_url: str | None = (
        None  # default: {authority}/{tenant}/v2.0/.well-known/...
    )

    # Microsoft Bot Framework
    bot_app_id: str | None = None
    bot_app_password: SecretStr | None = None
    bot_tenant_id: str | None = None
    bot_allow_anonymous: bool = False
    bot_openid_metadata_url: str = (
        "https://login.botframework.com/v1/.well-known/openidconfiguration"
    )
    bot_token_issuer: str = "https://api.botframework.com"
    bot_login_url: str = "https://login.microsoftonline.com"
    bot_oauth_scope: str = "https://api.botframework.com"

    # Microsoft Graph
    graph_tenant_id: str | None = None
    graph_client_id: str | None = None
    graph_client_secret: SecretStr | None = None
    graph_base_url: str = "https://graph.microsoft.com/v1.0"
    graph_authority: str = "https://login.microsoftonline.com"
    graph_client_state: SecretStr | None = None

    # AI assistant upstream (any OpenAI-compatible API)
    ai_upstream_url: str | None = None
    ai_upstream_model: str = "gpt-4o-mini"
    ai_upstream_key: SecretStr | None = None

    # Compliance hub: evidence encryption keys "kid:base64key,..." (the first encrypts; all
    # decrypt, so keys rotate by prepending a new one), the author pseudonym key, grouping.
    evidence_keys: SecretStr | None = None
    pseudonym_key: SecretStr | None = None
    alert_group_window_seconds: int = 3600
    evidence_excerpt_max_chars: int = 4000

    # Background jobs
    queue_backend: str = Field(default="local", pattern="^(local|celery)$")
    redis_url: str = "redis://127.0.0.1:6379/0"
    worker_concurrency: int = 2
    worker_poll_interval_seconds: float = 0.5
    job_max_attempts: int = 5
    job_lease_seconds: int = 60
    run_workers: bool = True

    @property
    def is_production(self) -> bool:
        return self.env is Environment.PRODUCTION

    @property
    def should_auto_migrate(self) -> bool:
        if self.auto_migrate is not None:
            return self.auto_migrate
        return not self.is_production

    @property
    def entra_enabled(self) -> bool:
        return bool(self.entra_tenant_id and self.entra_client_id)

    @property
    def entra_metadata_url(self) -> str:
        if self.entra_openid_metadata_url:
            return self.entra_openid_metadata_url
        base = self.entra_authority_url.rstrip("/")
        return f"{base}/{self.entra_tenant_id}/v2.0/.well-known/openid-configuration"

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Settings:
        if not self.is_production:
            return self
        secret = self.secret_key.get_secret_value()
        if not secret or secret == DEV_SECRET_KEY or len(secret) < 32:
            raise ValueError("NOVA_SECRET_KEY must be set to a random value of 32+ characters")
        if self.bot_allow_anonymous:
            raise ValueError("NOVA_BOT_ALLOW_ANONYMOUS is refused in production")
        if not self.evidence_keys or not self.pseudonym_key:
            raise ValueError("NOVA_EVIDENCE_KEYS and NOVA_PSEUDONYM_KEY must be set in production")
        if self.database_url.startswith("sqlite"):
            raise ValueError(
                "production needs PostgreSQL (NOVA_DATABASE_URL=postgresql+asyncpg://...)"
            )
        return self


@lru_cache
def get_settings() -> Settings:
    """Return the process-wide settings read from the environment."""
    return Settings()
