"""Check the validationTokens Graph sends with rich notifications (JWTs signed by Entra ID)."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import httpx
import jwt

log = logging.getLogger("nova.graph.tokens")

JWKS_TTL_SECONDS = 6 * 3600
VERIFIED_CACHE_SIZE = 1024


class ValidationTokenError(Exception):
    """A token that does not prove the batch came from Graph for our app."""


class ValidationTokenVerifier:
    """Verifies signature, expiry, issuer, audience and the Graph publisher's app id."""

    def __init__(
        self,
        *,
        jwks_url: str,
        audience: str,
        issuer_template: str,
        publisher_app_id: str,
        tenant_ids: set[str],
        http: httpx.AsyncClient,
    ) -> None:
        self.jwks_url = jwks_url
        self.audience = audience
        self.issuer_template = issuer_template
        self.publisher_app_id = publisher_app_id
        self.tenant_ids = tenant_ids
        self._http = http
        self._keys: dict[str, Any] = {}
        self._fetched_at = 0.0
        self._lock = asyncio.Lock()
        # Graph repeats the same token in every batch for its lifetime: check it once.
        self._verified: dict[str, float] = {}

    async def refresh(self) -> None:
        """Fetch the signing keys (Entra rotates them; an unknown kid triggers a refresh)."""
        async with self._lock:
            response = await self._http.get(self.jwks_url, timeout=5.0)
            response.raise_for_status()
            keys = jwt.PyJWKSet.from_dict(response.json()).keys
            self._keys = {key.key_id: key for key in keys if key.key_id}
            self._fetched_at = time.monotonic()

    async def _key_for(self, kid: str) -> Any:
        stale = time.monotonic() - self._fetched_at > JWKS_TTL_SECONDS
        if kid not in self._keys or stale:
            try:
                await self.refresh()
            except (httpx.HTTPError, jwt.PyJWKError, ValueError) as exc:
                raise ValidationTokenError("signing keys unavailable") from exc
        key = self._keys.get(kid)
        if key is None:
            raise ValidationTokenError("unknown signing key")
        return key

    async def verify_cached(self, token: str) -> None:
        """Verify a token, remembering a valid one until it expires."""
        expires = self._verified.get(token)
        if expires is not None and expires > time.time():
            return
        claims = await self.verify(token)
        if len(self._verified) >= VERIFIED_CACHE_SIZE:
            self._verified.clear()
        self._verified[token] = float(claims["exp"])

    async def verify(self, token: str) -> dict[str, Any]:
        """Return the claims of a valid token, or raise ValidationTokenError."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise ValidationTokenError("malformed token") from exc
        if header.get("alg") != "RS256" or not header.get("kid"):
            raise ValidationTokenError("unexpected algorithm or key id")
        key = await self._key_for(str(header["kid"]))
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key.key,
                algorithms=["RS256"],
                audience=self.audience,
                options={"require": ["exp", "iss", "aud"]},
                leeway=60,
            )
        except jwt.PyJWTError as exc:
            raise ValidationTokenError(type(exc).__name__) from exc
        if claims.get("appid") != self.publisher_app_id:
            raise ValidationTokenError("not issued to the Graph notification publisher")
        issuers = {self.issuer_template.format(tenant_id=t) for t in self.tenant_ids}
        if claims.get("iss") not in issuers:
            raise ValidationTokenError("issuer is not our tenant")
        return claims

    async def verify_all(self, tokens: list[Any]) -> bool:
        """True when every token is valid (Graph sends one per app and tenant in the batch)."""
        if not tokens:
            return False
        for token in tokens:
            if not isinstance(token, str):
                return False
            try:
                await self.verify_cached(token)
            except ValidationTokenError as exc:
                log.warning("graph validation token rejected", extra={"reason": str(exc)})
                return False
        return True
