"""Build the bot from the settings: the adapter, the logic, the notifier and the jobs."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.config import Settings
from backend.app.db import Database
from backend.app.services.ai_gateway import ChatUpstream
from backend.app.services.compliance_toolkit import ComplianceToolkit
from backend.app.services.crm_text import CrmTextScreener
from backend.app.services.jobs import JobRegistry
from bot.adapter import AdapterConfig, NovaCloudAdapter
from bot.alerts import TeamsAlertNotifier
from bot.app import NovaBot
from bot.asks import run_ask_job
from bot.channel import run_channel_job
from bot.context import ASK_JOB, CHANNEL_JOB, BotServices

log = logging.getLogger("nova.bot")


@dataclass
class BotHost:
    services: BotServices
    bot: NovaBot
    adapter: NovaCloudAdapter
    notifier: TeamsAlertNotifier

    async def start(self) -> None:
        """Warm the OpenID metadata so the first request does not block on it."""
        if not self.adapter.config.app_id:
            return
        try:
            await self.adapter.warm_up()
        except Exception as exc:  # the first request retries; start-up must not fail on it
            log.warning("bot OpenID metadata not reachable at start-up", extra={"error": str(exc)})

    async def stop(self) -> None:
        self.services.cancel_in_flight()
        await self.adapter.close()

    def register_jobs(self, registry: JobRegistry) -> None:
        """The bot's background jobs: channel-message scans and `ask` answers."""
        registry.register(CHANNEL_JOB, self.run_channel_job)
        registry.register(ASK_JOB, self.run_ask_job)

    async def run_channel_job(self, session: AsyncSession, payload: dict[str, Any]) -> None:
        await run_channel_job(self.services, session, payload)

    async def run_ask_job(self, session: AsyncSession, payload: dict[str, Any]) -> None:
        await run_ask_job(self.services, session, payload)

    def use_msal_http_client(self, http_client: Any) -> None:
        self.adapter.credentials.use_http_client(http_client)


def bot_configured(settings: Settings) -> bool:
    return bool(settings.bot_app_id) or settings.bot_allow_anonymous


def build_bot_host(
    settings: Settings,
    *,
    database: Database,
    toolkit: ComplianceToolkit,
    screener: CrmTextScreener,
    upstream: ChatUpstream | None,
) -> BotHost | None:
    """None when no bot is configured (no app id, and anonymous mode not allowed)."""
    if not bot_configured(settings):
        return None
    services = BotServices(
        database=database,
        toolkit=toolkit,
        screener=screener,
        upstream=upstream,
        app_id=settings.bot_app_id or "",
        alert_channel_id=settings.bot_alert_channel_id,
        web_base_url=settings.web_origin,
    )
    bot = NovaBot(services)
    password = settings.bot_app_password.get_secret_value() if settings.bot_app_password else ""
    adapter = NovaCloudAdapter(
        AdapterConfig(
            app_id=settings.bot_app_id or "",
            app_password=password,
            tenant_id=settings.bot_tenant_id,
            allow_anonymous=settings.bot_allow_anonymous,
            openid_metadata_url=settings.bot_openid_metadata_url,
            token_issuer=settings.bot_token_issuer,
            login_url=settings.bot_login_url,
            oauth_scope=settings.bot_oauth_scope,
        ),
        bot,
    )
    services.outbound = adapter
    return BotHost(
        services=services, bot=bot, adapter=adapter, notifier=TeamsAlertNotifier(services)
    )
