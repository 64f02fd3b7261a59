"""People who sign in, their sales teams, their sessions and the machine clients' API keys."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.app.models.base import Base, Timestamps, UUIDPrimaryKey, utcnow


class Team(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "team"

    name: Mapped[str] = mapped_column(String(120), unique=True)


class User(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "user_account"

    email: Mapped[str] = mapped_column(String(320), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(32))
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("team.id", ondelete="SET NULL"))
    is_active: Mapped[bool] = mapped_column(default=True)
    entra_object_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    last_login_at: Mapped[datetime | None]

    team: Mapped[Team | None] = relationship(lazy="joined")


class RefreshToken(UUIDPrimaryKey, Base):
    """One refresh token; rotation links a family so that a replayed old token revokes it all."""

    __tablename__ = "refresh_token"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    family_id: Mapped[uuid.UUID] = mapped_column(index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


class ApiKey(UUIDPrimaryKey, Base):
    """A scoped, revocable credential for a machine client; only its hash is stored."""

    __tablename__ = "api_key"

    name: Mapped[str] = mapped_column(String(120))
    prefix: Mapped[str] = mapped_column(String(16), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[dict[str, Any]] = mapped_column()  # {"scopes": [...]} keeps JSON portable
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    @property
    def scope_list(self) -> list[str]:
        return list(self.scopes.get("scopes", []))
