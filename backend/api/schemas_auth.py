"""Token endpoint shapes (OAuth2 password flow)."""

from __future__ import annotations

from pydantic import BaseModel


class TokenRead(BaseModel):
    access_token: str
    refresh_token: str
    token_type: str = "bearer"
    expires_in: int


class RefreshRequest(BaseModel):
    refresh_token: str


class LogoutRequest(BaseModel):
    refresh_token: str | None = None
