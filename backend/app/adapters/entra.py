"""Validate Microsoft Entra ID bearer tokens: OIDC discovery, JWKS, issuer, audience, expiry."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass
from typing import Any

import httpx
import jwt
from jwt.algorithms import RSAAlgorithm

METADATA_TTL_SECONDS = 24 * 3600
UNKNOWN_KID_REFRESH_SECONDS = 300


class EntraTokenError(Exception):
    """The token is not a valid Entra ID token for this application."""


@dataclass(frozen=True)
class EntraIdentity:
    object_id: str
    tenant_id: str
    email: str | None
    name: str | None


class EntraTokenValidator:
    def __init__(
        self, *, metadata_url: str, tenant_id: str, client_id: str, http: httpx.AsyncClient
    ) -> None:
        self.metadata_url = metadata_url
        self.tenant_id = tenant_id
        self.audiences = [client_id, f"api://{client_id}"]
        self.http = http
        self._issuer: str | None = None
        self._keys: dict[str, Any] = {}
        self._fetched_at = 0.0
        self._lock = asyncio.Lock()

    async def refresh(self) -> None:
        """Fetch the OpenID metadata and its signing keys."""
        async with self._lock:
            metadata = (
                (await self.http.get(self.metadata_url, timeout=10)).raise_for_status().json()
            )
            jwks = (await self.http.get(metadata["jwks_uri"], timeout=10)).raise_for_status().json()
            self._issuer = str(metadata["issuer"]).replace("{tenantid}", self.tenant_id)
            self._keys = {
                k["kid"]: RSAAlgorithm.from_jwk(json.dumps(k))
                for k in jwks.get("keys", [])
                if "kid" in k
            }
            self._fetched_at = time.monotonic()

    async def _key_for(self, kid: str) -> Any:
        age = time.monotonic() - self._fetched_at
        if not self._keys or age > METADATA_TTL_SECONDS:
            await self.refresh()
        elif kid not in self._keys and age > UNKNOWN_KID_REFRESH_SECONDS:
            await self.refresh()  # keys rotate: look again, but not on every forged kid
        key = self._keys.get(kid)
        if key is None:
            raise EntraTokenError("unknown signing key")
        return key

    async def validate(self, token: str) -> EntraIdentity:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise EntraTokenError("malformed token") from exc
        if header.get("alg") != "RS256" or not header.get("kid"):
            raise EntraTokenError("unexpected token algorithm")
        try:
            key = await self._key_for(str(header["kid"]))
        except httpx.HTTPError as exc:
            raise EntraTokenError("identity provider metadata unavailable") from exc
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=["RS256"],
                audience=self.audiences,
                issuer=self._issuer,
                options={"require": ["exp", "iss", "aud", "oid", "tid"]},
                leeway=60,
            )
        except jwt.PyJWTError as exc:
            raise EntraTokenError(str(exc)) from exc
        if claims.get("tid") != self.tenant_id:
            raise EntraTokenError("token from another tenant")
        email = claims.get("preferred_username") or claims.get("email") or claims.get("upn")
        return EntraIdentity(
            object_id=str(claims["oid"]),
            tenant_id=str(claims["tid"]),
            email=str(email).lower() if email else None,
            name=claims.get("name"),
        )
