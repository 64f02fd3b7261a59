"""Helpers for the Graph tests: settings pointing at the fakes, draining, counting."""

from __future__ import annotations

import json
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select

from backend.app.config import Settings
from backend.app.db import Database
from backend.app.models import Job
from backend.tests.conftest import make_settings
from backend.tests.graph_fakes import (
    CLIENT_ID,
    CLIENT_STATE,
    TENANT_ID,
    FakeGraph,
    GraphCert,
)


def graph_settings(
    database_url: str,
    graph: FakeGraph,
    certs: tuple[GraphCert, GraphCert],
    **extra: Any,
) -> Settings:
    current, previous = certs
    values: dict[str, Any] = {
        "graph_tenant_id": TENANT_ID,
        "graph_client_id": CLIENT_ID,
        "graph_client_secret": "graph-secret",
        "graph_client_state": CLIENT_STATE,
        "graph_base_url": graph.base_url,
        "graph_authority": "https://login.fake.test",
        "graph_encryption_cert_id": current.cert_id,
        "graph_encryption_cert_path": current.cert_path,
        "graph_encryption_key_path": current.key_path,
        "graph_encryption_previous_cert_id": previous.cert_id,
        "graph_encryption_previous_key_path": previous.key_path,
        "graph_validation_jwks_url": f"{graph.url}/keys",
        "public_base_url": "https://nova.example.org",
    }
    values.update(extra)
    return make_settings(database_url, **values)


async def drain(app: FastAPI) -> None:
    await app.state.worker_pool.drain(budget_seconds=60)


async def count(database: Database, model: Any, *where: Any) -> int:
    async with database.session_scope() as session:
        return int(await session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


async def jobs_of(database: Database, kind: str) -> list[Job]:
    async with database.session_scope() as session:
        return list(await session.scalars(select(Job).where(Job.kind == kind).order_by(Job.id)))


async def post_batch(
    client: httpx.AsyncClient, items: list[dict[str, Any]], tokens: list[str] | None = None
) -> httpx.Response:
    body: dict[str, Any] = {"value": items}
    if tokens is not None:
        body["validationTokens"] = tokens
    return await client.post(
        "/api/v1/graph/notifications",
        content=json.dumps(body),
        headers={"Content-Type": "application/json"},
    )
