"""Build the Graph connector from the settings: credential, SDK client, keys, token checks."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import jwt

from backend.app.adapters.graph_auth import MsalGraphCredential, certificate_credential
from backend.app.adapters.graph_client import GraphGateway, build_graph_client
from backend.app.adapters.graph_crypto import (
    NotificationDecryptor,
    load_certificate,
    load_private_key,
)
from backend.app.adapters.graph_tokens import ValidationTokenVerifier
from backend.app.config import Settings
from backend.app.services.compliance_toolkit import ComplianceToolkit
from backend.app.services.graph_notifications import GraphIntake
from backend.app.services.ingestion import GraphRuntime

log = logging.getLogger("nova.graph")


def build_credential(settings: Settings, *, http_client: Any | None = None) -> MsalGraphCredential:
    """MSAL confidential client: the certificate when one is configured, else the secret."""
    if settings.graph_client_certificate_path is not None:
        credential: str | dict[str, str] = certificate_credential(
            settings.graph_client_certificate_path
        )
    elif settings.graph_client_secret is not None:
        credential = settings.graph_client_secret.get_secret_value()
    else:
        raise ValueError("set NOVA_GRAPH_CLIENT_SECRET or NOVA_GRAPH_CLIENT_CERTIFICATE_PATH")
    return MsalGraphCredential(
        tenant_id=str(settings.graph_tenant_id),
        client_id=str(settings.graph_client_id),
        client_credential=credential,
        authority=settings.graph_authority,
        scopes=[s.strip() for s in settings.graph_scopes.split(",") if s.strip()],
        http_client=http_client,
    )


def build_decryptor(settings: Settings) -> NotificationDecryptor | None:
    """The private keys by certificate id: the current one and, during a rotation, the last."""
    keys = {}
    pairs = (
        (settings.graph_encryption_cert_id, settings.graph_encryption_key_path),
        (settings.graph_encryption_previous_cert_id, settings.graph_encryption_previous_key_path),
    )
    for cert_id, path in pairs:
        if cert_id and path is not None:
            keys[cert_id] = load_private_key(path)
    return NotificationDecryptor(keys) if keys else None


def build_runtime(
    settings: Settings,
    *,
    toolkit: ComplianceToolkit,
    credential: Any | None = None,
) -> GraphRuntime:
    """The ingestion runtime; without Graph settings it can still scan rich notifications."""
    runtime = GraphRuntime(settings=settings, toolkit=toolkit, decryptor=build_decryptor(settings))
    if settings.graph_encryption_cert_id and settings.graph_encryption_cert_path is not None:
        runtime.certificate = load_certificate(
            settings.graph_encryption_cert_id, settings.graph_encryption_cert_path
        )
    if settings.graph_enabled:
        client, http = build_graph_client(
            credential or build_credential(settings), base_url=settings.graph_base_url
        )
        runtime.gateway = GraphGateway(client, http)
    return runtime


def build_intake(settings: Settings, *, http: httpx.AsyncClient) -> GraphIntake:
    """The webhook's checks; validation tokens are accepted only for our own app and tenant."""
    verifier = None
    if settings.graph_client_id and settings.graph_tenant_id:
        verifier = ValidationTokenVerifier(
            jwks_url=settings.graph_validation_jwks_url,
            audience=settings.graph_client_id,
            issuer_template=settings.graph_validation_issuer,
            publisher_app_id=settings.graph_validation_app_id,
            tenant_ids={settings.graph_tenant_id},
            http=http,
        )
    state = settings.graph_client_state.get_secret_value() if settings.graph_client_state else None
    return GraphIntake(
        client_state=state, verifier=verifier, max_items=settings.graph_webhook_max_items
    )


async def warm_up(intake: GraphIntake) -> None:
    """Fetch the token-signing keys at start-up, so the first notification does not wait."""
    if intake.verifier is None:
        return
    try:
        await intake.verifier.refresh()
    except (httpx.HTTPError, ValueError, jwt.PyJWKError):
        log.warning("Graph validation keys not reachable at start-up; will retry on first use")
