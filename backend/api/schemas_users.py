"""User management shapes."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from backend.app.permissions import Role


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: str
    full_name: str
    role: Role
    team: str | None = None
    is_active: bool
    created_at: datetime
    last_login_at: datetime | None = None
    entra_linked: bool = False


class UserCreate(BaseModel):
    email: EmailStr
    password: str = Field(min_length=12, max_length=256)
    full_name: str = Field(default="", max_length=200)
    role: Role
    team: str | None = Field(default=None, max_length=120)


class UserUpdate(BaseModel):
    password: str | None = Field(default=None, min_length=12, max_length=256)
    full_name: str | None = Field(default=None, max_length=200)
    role: Role | None = None
    team: str | None = Field(default=None, max_length=120)
    is_active: bool | None = None
