from __future__ import annotations

from typing import Any

import httpx
from fastapi import FastAPI

from backend.app import migrations
from backend.app.main import create_app
from backend.tests.conftest import make_settings


async def test_liveness_answers_ok_when_app_runs(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readiness_reports_schema_at_head_when_migrated(client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["schema_revision"] == migrations.head_revision()


async def test_readiness_is_503_when_schema_not_migrated(empty_database_url: str) -> None:
    app = create_app(make_settings(empty_database_url))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            response = await http.get("/readyz")
    assert response.status_code == 503
    assert response.json()["schema_revision"] is None


async def test_readiness_is_503_when_database_unreachable(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = "postgresql+asyncpg://nobody@127.0.0.1:1/none"
    app = create_app(make_settings(url))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        response = await http.get("/readyz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


async def test_metrics_count_requests_by_route_template_when_scraped(
    client: httpx.AsyncClient,
) -> None:
    await client.get("/healthz")
    await client.get("/api/v1/users/3e48e073-8699-447a-a902-e276e0ca4df3")
    body = (await client.get("/metrics")).text
    assert 'nova_http_requests_total{method="GET",route="/healthz",status="200"}' in body
    assert 'route="/api/v1/users/{user_id}",status="401"' in body
    assert "nova_http_request_duration_seconds_bucket" in body
    assert 'nova_queue_depth{status="queued"}' in body


async def test_docs_and_openapi_are_served_when_requested(client: httpx.AsyncClient) -> None:
    assert (await client.get("/docs")).status_code == 200
    spec = (await client.get("/api/v1/openapi.json")).json()
    assert "/api/v1/auth/token" in spec["paths"]
    assert "OAuth2PasswordBearer" in spec["components"]["securitySchemes"]


async def test_routes_are_built_at_start_up_not_by_the_first_requests(app: FastAPI) -> None:
    # FastAPI builds an included router's routes on the first request that walks it; the app
    # does that before serving. Should FastAPI build them eagerly, drop `_build_routes`.
    def unbuilt(routes: list[Any]) -> list[Any]:
        lazy = [r for r in routes if hasattr(r, "_effective_candidates_version")]
        waiting = [r for r in lazy if r._effective_candidates_version is None]
        return waiting + [u for r in lazy for u in unbuilt(r._effective_candidates)]

    assert any(hasattr(r, "_effective_candidates_version") for r in app.routes)
    assert unbuilt(app.routes) == []
