"""Sign-in, token refresh with rotation, logout, and turning a bearer credential into an Actor."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.adapters.entra import EntraTokenError, EntraTokenValidator
from backend.app.errors import AuthenticationFailed
from backend.app.metrics import LOGIN_FAILURES
from backend.app.models import RefreshToken, User
from backend.app.repositories import tokens as token_repository
from backend.app.repositories import users as user_repository
from backend.app.security import (
    InvalidToken,
    create_access_token,
    decode_access_token,
    new_opaque_token,
    token_digest,
    verify_password,
)
from backend.app.services import audit as audit_service
from backend.app.services.actors import Actor, api_key_actor, user_actor
from backend.app.services.login_throttle import LoginThrottle

log = logging.getLogger("nova.auth")

API_KEY_PREFIX = "nova_"
REFRESH_TOKEN_PREFIX = "novr_"


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int
    token_type: str = "bearer"


class AuthService:
    """Holds what authentication needs beyond the session: keys, lifetimes, throttle, Entra."""

    def __init__(
        self,
        *,
        secret_key: str,
        access_ttl_seconds: int,
        refresh_ttl_seconds: int,
        throttle: LoginThrottle,
        entra: EntraTokenValidator | None = None,
    ) -> None:
        self.secret_key = secret_key
        self.access_ttl = access_ttl_seconds
        self.refresh_ttl = refresh_ttl_seconds
        self.throttle = throttle
        self.entra = entra

    async def login(
        self, session: AsyncSession, *, email: str, password: str, client: str
    ) -> TokenPair:
        """Exchange email and password for a token pair; failures are throttled and audited."""
        email = email.strip().lower()
        self.throttle.check(email, client)
        user = await user_repository.get_by_email(session, email)
        if not verify_password(password, user.password_hash if user else None) or user is None:
            await self._login_failed(session, email, client, user, "bad_credentials")
        elif not user.is_active:
            await self._login_failed(session, email, client, user, "inactive")
        assert user is not None
        self.throttle.reset_account(email)
        user.last_login_at = datetime.now(UTC)
        pair = await self._issue(session, user, family_id=uuid.uuid4())
        await audit_service.record(
            session,
            actor=_actor_of(user),
            action="auth.login",
            target_type="user",
            target_id=str(user.id),
        )
        return pair

    async def _login_failed(
        self, session: AsyncSession, email: str, client: str, user: User | None, reason: str
    ) -> None:
        self.throttle.record_failure(email, client)
        LOGIN_FAILURES.labels(reason=reason).inc()
        if user is not None:
            await audit_service.record(
                session,
                actor=_actor_of(user),
                action="auth.login_failed",
                target_type="user",
                target_id=str(user.id),
                details={"reason": reason},
            )
        # keep_changes: the audit entry of the failure commits although the request fails.
        raise AuthenticationFailed("incorrect email or password", keep_changes=True)

    async def refresh(self, session: AsyncSession, *, refresh_token: str) -> TokenPair:
        """Rotate a refresh token; presenting a used one revokes the whole session family."""
        stored = await token_repository.get_refresh_token_for_update(
            session, token_digest(refresh_token)
        )
        now = datetime.now(UTC)
        if stored is None or stored.revoked_at is not None or stored.expires_at <= now:
            raise AuthenticationFailed("refresh token is invalid or expired")
        if stored.used_at is not None:
            await token_repository.revoke_family(session, stored.family_id, now)
            await audit_service.record(
                session,
                actor=Actor(kind="user", id=str(stored.user_id), label="", permissions=frozenset()),
                action="auth.refresh_reuse_detected",
                target_type="user",
                target_id=str(stored.user_id),
            )
            raise AuthenticationFailed(
                "refresh token was already used; session revoked", keep_changes=True
            )
        user = await user_repository.get(session, stored.user_id)
        if user is None or not user.is_active:
            raise AuthenticationFailed("account is disabled")
        stored.used_at = now
        return await self._issue(session, user, family_id=stored.family_id)

    async def logout(
        self, session: AsyncSession, *, actor: Actor, refresh_token: str | None
    ) -> None:
        """Revoke the session the access token (or the given refresh token) belongs to."""
        now = datetime.now(UTC)
        if refresh_token:
            stored = await token_repository.get_refresh_token_for_update(
                session, token_digest(refresh_token)
            )
            if stored is not None and str(stored.user_id) == actor.id:
                await token_repository.revoke_family(session, stored.family_id, now)
        if actor.session_id is not None:
            await token_repository.revoke_family(session, actor.session_id, now)
        await audit_service.record(
            session, actor=actor, action="auth.logout", target_type="user", target_id=actor.id
        )

    async def _issue(self, session: AsyncSession, user: User, *, family_id: uuid.UUID) -> TokenPair:
        refresh = new_opaque_token(REFRESH_TOKEN_PREFIX)
        now = datetime.now(UTC)
        token_repository.add_refresh_token(
            session,
            RefreshToken(
                user_id=user.id,
                family_id=family_id,
                token_hash=token_digest(refresh),
                created_at=now,
                expires_at=now + timedelta(seconds=self.refresh_ttl),
            ),
        )
        await session.flush()
        access = create_access_token(
            secret_key=self.secret_key,
            user_id=user.id,
            role=user.role,
            session_id=family_id,
            ttl_seconds=self.access_ttl,
        )
        return TokenPair(access_token=access, refresh_token=refresh, expires_in=self.access_ttl)

    async def authenticate(self, session: AsyncSession, credential: str) -> Actor:
        """Resolve a bearer credential (our JWT, an API key or an Entra token) to an Actor."""
        if credential.startswith(API_KEY_PREFIX):
            return await self._authenticate_api_key(session, credential)
        try:
            algorithm = jwt.get_unverified_header(credential).get("alg")
        except jwt.PyJWTError as exc:
            raise AuthenticationFailed("malformed bearer token") from exc
        if algorithm == "HS256":
            return await self._authenticate_access_token(session, credential)
        if algorithm == "RS256" and self.entra is not None:
            return await self._authenticate_entra(session, credential)
        raise AuthenticationFailed("unsupported bearer token")

    async def _authenticate_access_token(self, session: AsyncSession, token: str) -> Actor:
        try:
            claims = decode_access_token(token, secret_key=self.secret_key)
            user_id = uuid.UUID(str(claims["sub"]))
            session_id = uuid.UUID(str(claims["sid"]))
        except (InvalidToken, KeyError, ValueError) as exc:
            raise AuthenticationFailed("invalid or expired access token") from exc
        user = await user_repository.get_with_live_session(session, user_id, session_id)
        if user is None:
            raise AuthenticationFailed(
                "session has ended or the account is disabled; sign in again"
            )
        return _actor_of(user, session_id=session_id)

    async def _authenticate_api_key(self, session: AsyncSession, key: str) -> Actor:
        stored = await token_repository.get_api_key_by_hash(session, token_digest(key))
        if stored is None or stored.revoked_at is not None:
            raise AuthenticationFailed("invalid or revoked API key")
        now = datetime.now(UTC)
        # Record use at most once a minute so busy clients do not write on every call.
        if stored.last_used_at is None or now - stored.last_used_at > timedelta(minutes=1):
            stored.last_used_at = now
        return api_key_actor(key_id=stored.id, name=stored.name, scopes=stored.scope_list)

    async def _authenticate_entra(self, session: AsyncSession, token: str) -> Actor:
        assert self.entra is not None
        try:
            identity = await self.entra.validate(token)
        except EntraTokenError as exc:
            raise AuthenticationFailed("invalid Microsoft Entra ID token") from exc
        user = await user_repository.get_by_entra_object_id(session, identity.object_id)
        if user is None and identity.email:
            # First Entra sign-in of an existing account from our own tenant: remember its id.
            user = await user_repository.get_by_email(session, identity.email)
            if user is not None and user.entra_object_id is None:
                user.entra_object_id = identity.object_id
                await audit_service.record(
                    session,
                    actor=_actor_of(user),
                    action="auth.entra_linked",
                    target_type="user",
                    target_id=str(user.id),
                )
            elif user is not None:
                user = None
        if user is None or not user.is_active:
            raise AuthenticationFailed("no active NovaCRM account for this Microsoft identity")
        return _actor_of(user)


def _actor_of(user: User, session_id: uuid.UUID | None = None) -> Actor:
    return user_actor(
        user_id=user.id,
        email=user.email,
        role=user.role,
        team_id=user.team_id,
        session_id=session_id,
    )
