"""Evidence encryption (AES-256-GCM with a rotating key ring) and keyed author pseudonyms."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12
FORMAT_VERSION = b"\x01"


class EvidenceKeyError(ValueError):
    """A key ring setting that cannot be used, or ciphertext no key opens."""


def derive_key(secret: str, purpose: str) -> bytes:
    """A 32-byte key for one purpose, derived from the app secret (development default)."""
    return hmac.new(secret.encode(), f"novacrm:{purpose}".encode(), hashlib.sha256).digest()


def parse_key_ring(spec: str) -> list[tuple[str, bytes]]:
    """Parse "kid:base64key,kid2:base64key" (first = current) into (kid, key) pairs."""
    ring: list[tuple[str, bytes]] = []
    for item in filter(None, (part.strip() for part in spec.split(","))):
        kid, _, encoded = item.partition(":")
        try:
            key = base64.b64decode(encoded, validate=True)
        except ValueError as exc:
            raise EvidenceKeyError(f"evidence key {kid!r} is not valid base64") from exc
        if not kid or len(key) != 32 or len(kid) > 16:
            raise EvidenceKeyError(f"evidence key {kid!r} must be 32 bytes with a short id")
        ring.append((kid, key))
    if not ring:
        raise EvidenceKeyError("the evidence key ring is empty")
    return ring


class EvidenceVault:
    """Encrypts evidence with the current key; decrypts with whichever key wrote it."""

    def __init__(self, key_ring: list[tuple[str, bytes]]) -> None:
        self._current_kid, current = key_ring[0]
        self._current = AESGCM(current)
        self._keys = {kid: AESGCM(key) for kid, key in key_ring}

    def encrypt(self, plaintext: str, *, context: str) -> bytes:
        """Seal text; ``context`` (e.g. the record id) is bound as associated data."""
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._current.encrypt(nonce, plaintext.encode(), context.encode())
        kid = self._current_kid.encode()
        return FORMAT_VERSION + bytes([len(kid)]) + kid + nonce + sealed

    def decrypt(self, blob: bytes, *, context: str) -> str:
        if not blob or blob[:1] != FORMAT_VERSION:
            raise EvidenceKeyError("unknown evidence format")
        kid_length = blob[1]
        kid = blob[2 : 2 + kid_length].decode()
        body = blob[2 + kid_length :]
        key = self._keys.get(kid)
        if key is None:
            raise EvidenceKeyError(f"evidence key {kid!r} is no longer configured")
        try:
            return key.decrypt(body[:NONCE_BYTES], body[NONCE_BYTES:], context.encode()).decode()
        except InvalidTag as exc:
            raise EvidenceKeyError(
                "evidence does not authenticate (tampered or wrong record)"
            ) from exc

    def encrypt_json(self, value: dict[str, Any], *, context: str) -> bytes:
        return self.encrypt(json.dumps(value, ensure_ascii=False), context=context)

    def decrypt_json(self, blob: bytes, *, context: str) -> dict[str, Any]:
        return dict(json.loads(self.decrypt(blob, context=context)))


class Pseudonymizer:
    """Stable, keyed pseudonyms: the same person always maps to the same label."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def pseudonym(self, object_id: str) -> str:
        """Entra object ids are unique across tenants, so the id alone names the person."""
        subject = object_id.strip().lower()
        digest = hmac.new(self._key, subject.encode(), hashlib.sha256).hexdigest()
        return f"user-{digest[:12]}"
