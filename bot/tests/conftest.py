"""Bot test fixtures: the backend's migrated database, a local Bot Framework cloud, a driver."""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import update

from backend.app.config import Settings
from backend.app.db import Database
from backend.app.main import create_app
from backend.app.models import User
from backend.app.permissions import Role
from backend.tests.conftest import (  # noqa: F401 - fixtures re-exported for bot tests
    Users,
    fake_llm,
    make_settings,
    migrated_database_url,
    truncate_all,
)
from bot.tests.fakes import APP_ID, FakeCloud, FakeEntraHttpClient

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def cloud() -> Iterator[FakeCloud]:
    fake = FakeCloud().start()
    yield fake
    fake.stop()


def bot_settings(database_url: str, cloud: FakeCloud, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "bot_app_id": APP_ID,
        "bot_app_password": "bot-secret",
        "bot_openid_metadata_url": cloud.metadata_url,
        "public_base_url": "https://nova.example.com",
    }
    values.update(overrides)
    return make_settings(database_url, **values)


@asynccontextmanager
async def running_bot_app(
    database_url: str, cloud: FakeCloud, **overrides: Any
) -> AsyncIterator[FastAPI]:
    """The app with the bot on the fake cloud (settings overridable); the database emptied after."""
    cloud.reset()
    application = create_app(bot_settings(database_url, cloud, **overrides))
    async with application.router.lifespan_context(application):
        application.state.bot_host.use_msal_http_client(FakeEntraHttpClient(cloud))
        yield application
    cleanup = Database(database_url)
    await truncate_all(cleanup)
    await cleanup.dispose()


@pytest.fixture
async def bot_app(
    migrated_database_url: str,  # noqa: F811 - the backend's session fixture
    cloud: FakeCloud,
) -> AsyncIterator[FastAPI]:
    async with running_bot_app(migrated_database_url, cloud) as application:
        yield application


class Driver:
    """Posts activities as Teams would, with a valid token unless told otherwise."""

    def __init__(self, app: FastAPI, client: httpx.AsyncClient, cloud: FakeCloud) -> None:
        self.app = app
        self.client = client
        self.cloud = cloud
        self.database: Database = app.state.database

    def activity(self, name: str, **changes: Any) -> dict[str, Any]:
        raw = (
            (FIXTURES / f"{name}.json")
            .read_text()
            .replace("{{SERVICE_URL}}", self.cloud.service_url)
        )
        activity: dict[str, Any] = json.loads(raw)
        for key, value in changes.items():
            activity[key] = value
        return copy.deepcopy(activity)

    async def post(
        self,
        activity: dict[str, Any],
        *,
        token: str | None = "valid",
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        sent = {"Content-Type": "application/json"}
        if token == "valid":
            token = self.cloud.token()
        if token is not None:
            sent["Authorization"] = f"Bearer {token}"
        sent.update(headers or {})
        return await self.client.post("/api/messages", content=json.dumps(activity), headers=sent)

    async def say(
        self, text: str, *, name: str = "personal_message", **changes: Any
    ) -> httpx.Response:
        return await self.post(self.activity(name, text=text, id=uuid.uuid4().hex, **changes))

    async def user(self, role: Role, aad_object_id: str, *, team: str | None = "Sales") -> str:
        """A CRM user whose Entra object id (recorded at sign-in) is this Teams sender's."""
        email = await Users(self.database, self.client).create(role, team=team)
        async with self.database.session_scope() as session:
            await session.execute(
                update(User).where(User.email == email).values(entra_object_id=aad_object_id)
            )
        return email

    def cards(self, since: int = 0) -> list[dict[str, Any]]:
        """Every card the bot sent to the fake connector (POST and PUT), in order."""
        found = []
        for call in self.cloud.connector_calls()[since:]:
            for attachment in call.body.get("attachments") or []:
                found.append(attachment["content"])
        return found

    def texts(self, since: int = 0) -> str:
        return json.dumps(self.cards(since), ensure_ascii=False)

    async def drain(self) -> None:
        """Run every due job, and the background work they start, until nothing is left."""
        services = self.app.state.bot_host.services
        await self.app.state.worker_pool.drain()
        while services.in_flight:
            await services.settle()
            await self.app.state.worker_pool.drain()


@asynccontextmanager
async def driving(app: FastAPI, cloud: FakeCloud) -> AsyncIterator[Driver]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield Driver(app, http, cloud)


@pytest.fixture
async def driver(bot_app: FastAPI, cloud: FakeCloud) -> AsyncIterator[Driver]:
    async with driving(bot_app, cloud) as found:
        yield found
