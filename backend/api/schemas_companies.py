"""The HTTP contract of companies."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, Field

from backend.api.schemas_common import Page
from backend.api.schemas_crm import RecordMeta


class CompanyCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    domain: str | None = Field(default=None, max_length=253, examples=["acme.com"])
    industry: str | None = Field(default=None, max_length=100)
    size: str | None = Field(default=None, max_length=20, examples=["51-200"])
    address: str | None = Field(default=None, max_length=500)
    owner_id: uuid.UUID | None = None
    tags: list[str] | None = None


class CompanyUpdate(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    domain: str | None = Field(default=None, max_length=253)
    industry: str | None = Field(default=None, max_length=100)
    size: str | None = Field(default=None, max_length=20)
    address: str | None = Field(default=None, max_length=500)
    owner_id: uuid.UUID | None = None
    tags: list[str] | None = None


class CompanyRead(RecordMeta):
    name: str
    domain: str | None
    industry: str | None
    size: str | None
    address: str | None
    merged_into_id: uuid.UUID | None


CompanyPage = Page[CompanyRead]
