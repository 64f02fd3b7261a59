"""Fixtures for the Graph tests (a pytest plugin: `pytest_plugins = [...graph_fixtures]`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI

from backend.app.adapters.graph_auth import MsalGraphCredential
from backend.app.adapters.graph_client import GraphGateway, build_graph_client
from backend.app.config import Settings
from backend.tests.graph_fakes import (
    CLIENT_ID,
    TENANT_ID,
    FakeEntraHttp,
    FakeGraph,
    GraphCert,
    TokenIssuer,
    make_certificate,
)
from backend.tests.graph_helpers import graph_settings


@pytest.fixture
def fake_graph() -> Iterator[FakeGraph]:
    graph = FakeGraph().start()
    yield graph
    graph.stop()


@pytest.fixture
def issuer(fake_graph: FakeGraph) -> TokenIssuer:
    token_issuer = TokenIssuer()
    fake_graph.jwks = token_issuer.jwks()
    return token_issuer


@pytest.fixture(scope="session")
def certs(tmp_path_factory: pytest.TempPathFactory) -> tuple[GraphCert, GraphCert]:
    """(current, previous): two certificates, so decryption survives a rotation."""
    directory = tmp_path_factory.mktemp("certs")
    return make_certificate(directory, "cert-2026-11"), make_certificate(directory, "cert-2026-05")


@pytest.fixture
def graph_test_settings(
    migrated_database_url: str,
    fake_graph: FakeGraph,
    certs: tuple[GraphCert, GraphCert],
    issuer: TokenIssuer,
) -> Settings:
    """Settings pointing at the fake Graph, for a module's ``settings`` to start from."""
    return graph_settings(migrated_database_url, fake_graph, certs)


@pytest.fixture
def entra() -> FakeEntraHttp:
    return FakeEntraHttp()


@pytest.fixture
async def graph_app(app: FastAPI, fake_graph: FakeGraph, entra: FakeEntraHttp) -> FastAPI:
    """The app with its Graph gateway signing in through MSAL against the fake Entra ID."""
    settings: Settings = app.state.settings
    credential = MsalGraphCredential(
        tenant_id=TENANT_ID,
        client_id=CLIENT_ID,
        client_credential="graph-secret",
        authority=settings.graph_authority,
        scopes=[settings.graph_scopes],
        http_client=entra,
    )
    runtime = app.state.graph_runtime
    if runtime.gateway is not None:
        await runtime.gateway.close()
    runtime.gateway = GraphGateway(*build_graph_client(credential, base_url=fake_graph.base_url))
    return app
