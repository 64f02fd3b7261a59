"""Password hashing, access tokens and opaque secrets: the cryptographic primitives in one place."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

ACCESS_TOKEN_ALGORITHM = "HS256"
ACCESS_TOKEN_AUDIENCE = "novacrm-api"
ACCESS_TOKEN_ISSUER = "novacrm"

_hasher = PasswordHasher()
# Verified against when the account does not exist, so timing does not reveal which emails exist.
_DUMMY_HASH = _hasher.hash("novacrm-timing-equaliser")


class InvalidToken(Exception):
    """The access token is malformed, expired, or not signed by us."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    """Check a password in constant-ish time, also when there is no hash to check against."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def create_access_token(
    *, secret_key: str, user_id: uuid.UUID, role: str, session_id: uuid.UUID, ttl_seconds: int
) -> str:
    now = datetime.now(UTC)
    claims = {
        "sub": str(user_id),
        "role": role,
        "sid": str(session_id),
        "iat": now,
        "nbf": now,
        "exp": now + timedelta(seconds=ttl_seconds),
        "aud": ACCESS_TOKEN_AUDIENCE,
        "iss": ACCESS_TOKEN_ISSUER,
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(claims, secret_key, algorithm=ACCESS_TOKEN_ALGORITHM)


def decode_access_token(token: str, *, secret_key: str) -> dict[str, Any]:
    try:
        return jwt.decode(
            token,
            secret_key,
            algorithms=[ACCESS_TOKEN_ALGORITHM],
            audience=ACCESS_TOKEN_AUDIENCE,
            issuer=ACCESS_TOKEN_ISSUER,
            options={"require": ["exp", "sub", "aud", "iss"]},
        )
    except jwt.PyJWTError as exc:
        raise InvalidToken(str(exc)) from exc


def new_opaque_token(prefix: str, nbytes: int = 32) -> str:
    return f"{prefix}{secrets.token_urlsafe(nbytes)}"


def token_digest(token: str) -> str:
    """SHA-256 of a high-entropy opaque token: enough to store it without storing it."""
    return hashlib.sha256(token.encode()).hexdigest()


def keyed_digest(key: str, value: str) -> str:
    return hmac.new(key.encode(), value.encode(), hashlib.sha256).hexdigest()
