"""Test fixtures: a migrated database per run (SQLite or PostgreSQL), cleaned after each test.

Set NOVA_TEST_DATABASE=postgres to run the same tests on PostgreSQL; the server comes from
NOVA_TEST_POSTGRES_URL. Each run creates its own database and drops it at the end.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.engine import make_url

from backend.app import migrations
from backend.app.config import Environment, Settings
from backend.app.db import Database
from backend.app.main import create_app
from backend.app.models import Base
from backend.app.permissions import Role
from backend.app.services import users as user_service
from backend.app.services.actors import SYSTEM
from backend.tests.fake_llm import FakeLlm, serve_fake_llm

TEST_PASSWORD = "correct-horse-battery"
DEFAULT_POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"


def database_kind() -> str:
    return os.environ.get("NOVA_TEST_DATABASE", "sqlite")


async def _admin_execute(server_url: str, statement: str) -> None:
    import asyncpg

    url = make_url(server_url)
    connection = await asyncpg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        database=url.database,
    )
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


def create_empty_database(tmp_dir: Path) -> tuple[str, Any]:
    """A fresh, empty database URL and a function that drops it."""
    if database_kind() == "postgres":
        server_url = os.environ.get("NOVA_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)
        name = f"nova_test_{uuid.uuid4().hex[:12]}"
        try:
            asyncio.run(_admin_execute(server_url, f'CREATE DATABASE "{name}"'))
        except OSError as exc:
            if os.environ.get("CI"):
                raise
            pytest.skip(f"PostgreSQL not reachable at {server_url}: {exc}")
        url = make_url(server_url).set(database=name).render_as_string(hide_password=False)

        def drop() -> None:
            asyncio.run(
                _admin_execute(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            )

        return url, drop
    path = tmp_dir / f"nova-{uuid.uuid4().hex[:8]}.db"
    return f"sqlite+aiosqlite:///{path}", lambda: None


@pytest.fixture(scope="session")
def migrated_database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url, drop = create_empty_database(tmp_path_factory.mktemp("db"))
    migrations.upgrade(url)
    yield url
    drop()


@pytest.fixture
def empty_database_url(tmp_path: Path) -> Iterator[str]:
    url, drop = create_empty_database(tmp_path)
    yield url
    drop()


async def truncate_all(database: Database) -> None:
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    async with database.engine.begin() as connection:
        if database.engine.dialect.name == "postgresql":
            quoted = ", ".join(f'"{name}"' for name in tables)
            await connection.execute(text(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE"))
        else:
            for name in tables:
                await connection.execute(text(f'DELETE FROM "{name}"'))  # noqa: S608 - our table names


def make_settings(database_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "env": Environment.TEST,
        "database_url": database_url,
        "auto_migrate": False,
        "run_workers": False,
        "secret_key": "test-secret-key-0123456789-abcdefghijkl",
        "log_level": "WARNING",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


@pytest.fixture
def fake_llm() -> Iterator[tuple[FakeLlm, str]]:
    """A local OpenAI-compatible upstream and its base URL (for NOVA_AI_UPSTREAM_URL)."""
    with serve_fake_llm() as served:
        yield served


@pytest.fixture
def settings(migrated_database_url: str) -> Settings:
    return make_settings(migrated_database_url)


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[FastAPI]:
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application
    cleanup = Database(settings.database_url)
    await truncate_all(cleanup)
    await cleanup.dispose()


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


@pytest.fixture
def database(app: FastAPI) -> Database:
    return app.state.database  # type: ignore[no-any-return]


class Users:
    """Creates users of any role and signs them in."""

    def __init__(self, database: Database, client: httpx.AsyncClient) -> None:
        self.database = database
        self.client = client

    async def create(self, role: Role, *, email: str | None = None, team: str | None = None) -> str:
        email = email or f"{role.value}-{uuid.uuid4().hex[:6]}@example.com"
        async with self.database.session_scope() as session:
            await user_service.create(
                session,
                actor=SYSTEM,
                email=email,
                password=TEST_PASSWORD,
                full_name=role.value,
                role=role,
                team=team,
            )
        return email

    async def login(self, email: str, password: str = TEST_PASSWORD) -> dict[str, Any]:
        response = await self.client.post(
            "/api/v1/auth/token", data={"username": email, "password": password}
        )
        assert response.status_code == 200, response.text
        return dict(response.json())

    async def headers(self, role: Role, **kwargs: Any) -> dict[str, str]:
        tokens = await self.login(await self.create(role, **kwargs))
        return {"Authorization": f"Bearer {tokens['access_token']}"}


@pytest.fixture
def users(database: Database, client: httpx.AsyncClient) -> Users:
    return Users(database, client)


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """The response is RFC 9457 problem details with the given status."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = dict(response.json())
    assert body["status"] == status
    assert body["type"].startswith("urn:novacrm:problem:")
    assert body["title"]
    assert body["detail"]
    return body
