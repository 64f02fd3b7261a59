"""App-only sign-in to Microsoft Graph with MSAL (client secret or certificate), cache reused."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path
from typing import Any

import msal
from azure.core.credentials import AccessToken
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization


class GraphAuthError(Exception):
    """Entra ID refused to issue a token; the message carries its error code, never secrets."""


def certificate_credential(pem_path: Path) -> dict[str, str]:
    """MSAL's certificate credential from one PEM file holding the key and the certificate."""
    pem = pem_path.read_bytes()
    cert = x509.load_pem_x509_certificate(pem)
    key = serialization.load_pem_private_key(pem, password=None)
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    return {
        "private_key": key_pem,
        "thumbprint": cert.fingerprint(hashes.SHA1()).hex(),  # noqa: S303 - x5t is SHA-1 by spec
        "public_certificate": cert.public_bytes(serialization.Encoding.PEM).decode(),
    }


class MsalGraphCredential:
    """An azure-core style credential: ``await get_token(...)`` backed by one MSAL client.

    The ConfidentialClientApplication keeps its in-memory token cache for the life of the
    process, so only the first call (and one per token lifetime) reaches Entra ID.
    """

    def __init__(
        self,
        *,
        tenant_id: str,
        client_id: str,
        client_credential: str | dict[str, str],
        authority: str,
        scopes: list[str],
        http_client: Any | None = None,
    ) -> None:
        self.scopes = scopes
        self._options: dict[str, Any] = {
            "client_id": client_id,
            "client_credential": client_credential,
            "authority": f"{authority.rstrip('/')}/{tenant_id}",
            "token_cache": msal.TokenCache(),
        }
        if http_client is not None:
            # Tests hand MSAL a fake transport; no instance discovery against a fake authority.
            self._options.update(http_client=http_client, instance_discovery=False)
        self._app: msal.ConfidentialClientApplication | None = None
        self._lock = threading.Lock()
        self.last_token_source: str | None = None

    def _client(self) -> msal.ConfidentialClientApplication:
        # Built on first use: MSAL discovers the tenant over the network when constructed.
        with self._lock:
            if self._app is None:
                self._app = msal.ConfidentialClientApplication(**self._options)
            return self._app

    def acquire(self) -> AccessToken:
        """Return a token from the cache, or from Entra ID when the cache has none."""
        result = self._client().acquire_token_for_client(scopes=self.scopes)
        if "access_token" not in result:
            raise GraphAuthError(str(result.get("error") or "no access token"))
        self.last_token_source = str(result.get("token_source", ""))
        expires_in = int(result.get("expires_in", 3600))
        return AccessToken(str(result["access_token"]), int(time.time()) + expires_in)

    async def get_token(self, *_scopes: str, **_kwargs: Any) -> AccessToken:
        # MSAL is blocking; keep it off the event loop (a cache hit is cheap either way).
        return await asyncio.to_thread(self.acquire)

    async def close(self) -> None:
        """Nothing to release: the MSAL client owns no sockets of ours."""
