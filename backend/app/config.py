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
    # A Teams channel id ("19:...@thread.tacv2") where alerts go, besides `set alert channel`.
    bot_alert_channel_id: str | None = None
    # The Teams app's id in the package (default: derived from the bot id, stable across builds).
    teams_app_id: str | None = None

    # Microsoft Graph
    graph_tenant_id: str | None = None
    graph_client_id: str | None = None
    graph_client_secret: SecretStr | None = None
    graph_base_url: str = "https://graph.microsoft.com/v1.0"
    graph_authority: str = "https://login.microsoftonline.com"
    graph_client_state: SecretStr | None = None
    graph_scopes: str = "https://graph.microsoft.com/.default"
    # App-only sign-in with a certificate instead of the secret: a PEM with key and certificate.
    graph_client_certificate_path: Path | None = None
    # Rich notifications: the certificate Graph encrypts with (PEM cert + PEM private key) and
    # its id; the previous pair keeps decrypting what is still in flight during a rotation.
    graph_encryption_cert_id: str | None = None
    graph_encryption_cert_path: Path | None = None
    graph_encryption_key_path: Path | None = None
    graph_encryption_previous_cert_id: str | None = None
    graph_encryption_previous_key_path: Path | None = None
    # Comma-separated resources: /teams/getAllMessages, /chats/getAllMessages,
    # /teams/{id}/channels/{id}/messages
    graph_subscription_resources: str = "/teams/getAllMessages,/chats/getAllMessages"
    graph_subscription_change_types: str = "created,updated"
    graph_subscription_minutes: int = 4200
    graph_subscription_renew_before_minutes: int = 720
    graph_notification_url: str | None = (
        None  # default: {public_base_url}/api/v1/graph/notifications
    )
    graph_lifecycle_url: str | None = None  # default: {public_base_url}/api/v1/graph/lifecycle
    # validationTokens of rich notifications: who signs them and for whom.
    graph_validation_jwks_url: str = "https://login.microsoftonline.com/common/discovery/v2.0/keys"
    graph_validation_issuer: str = "https://sts.windows.net/{tenant_id}/"
    graph_validation_app_id: str = "0bf30f3b-4a52-48df-9a82-234910c4a086"
    graph_webhook_max_items: int = 1000
    # Catch-up by delta: how far back the first sync of a channel reaches.
    graph_backfill_days: int = 7
    graph_backfill_page_size: int = 50
    # Mark blocked messages as policy violations in Teams (needs payment model A licences).
    graph_remediation_enabled: bool = False
    graph_tenant_licensed: bool = False

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
    # CPU niceness added to each Celery worker process: where workers share a machine with the
    # API, a backlog drains on what the webhooks and bot turns leave (0 turns it off).
    celery_worker_nice: int = Field(default=10, ge=0, le=19)
    job_max_attempts: int = 5
    job_lease_seconds: int = 60
    run_workers: bool = True
    celery_queue: str = "nova-jobs"
    celery_task_max_retries: int = 8
    # Job ids per broker message: a worker claims and runs them in one transaction, and the
    # app makes one broker call per message (the ids of one commit, split at this size).
    celery_batch_size: int = Field(default=10, ge=1, le=100)
    # The sweeper re-publishes jobs that are due for this long without being run (lost ids).
    queue_sweep_interval_seconds: float = 15.0
    queue_sweep_grace_seconds: float = 60.0
    queue_sweep_batch: int = 500
    queue_publish_buffer: int = 100_000

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

    @property
    def graph_enabled(self) -> bool:
        return bool(self.graph_tenant_id and self.graph_client_id)

    @property
    def graph_notification_endpoint(self) -> str:
        base = self.public_base_url.rstrip("/")
        return self.graph_notification_url or f"{base}/api/v1/graph/notifications"

    @property
    def graph_lifecycle_endpoint(self) -> str:
        base = self.public_base_url.rstrip("/")
        return self.graph_lifecycle_url or f"{base}/api/v1/graph/lifecycle"

    @property
    def graph_resources(self) -> list[str]:
        return [r.strip() for r in self.graph_subscription_resources.split(",") if r.strip()]

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
