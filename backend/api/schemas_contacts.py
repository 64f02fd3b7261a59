"""The HTTP contract of contacts."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from backend.api.schemas_common import Page
from backend.api.schemas_crm import RecordMeta


class ConsentIn(BaseModel):
    granted: bool
    source: str = Field(default="api", max_length=200, examples=["web form", "signed contract"])


class ConsentRead(BaseModel):
    granted: bool
    source: str
    recorded_at: datetime


class ContactCreate(BaseModel):
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(default="", max_length=100)
    email: str | None = Field(default=None, max_length=320, examples=["ada@acme.com"])
    phone: str | None = Field(default=None, max_length=40, examples=["+33 1 23 45 67 89"])
    job_title: str | None = Field(default=None, max_length=200)
    company_id: uuid.UUID | None = None
    owner_id: uuid.UUID | None = None
    consents: dict[str, ConsentIn] | None = Field(
        default=None, description="Per purpose, e.g. {'marketing': {'granted': true}}"
    )
    tags: list[str] | None = None


class ContactUpdate(BaseModel):
    first_name: str | None = Field(default=None, min_length=1, max_length=100)
    last_name: str | None = Field(default=None, max_length=100)
    email: str | None = Field(default=None, max_length=320)
    phone: str | None = Field(default=None, max_length=40)
    job_title: str | None = Field(default=None, max_length=200)
    company_id: uuid.UUID | None = None
    owner_id: uuid.UUID | None = None
    consents: dict[str, ConsentIn] | None = None
    tags: list[str] | None = None


class ContactRead(RecordMeta):
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    job_title: str | None
    company_id: uuid.UUID | None
    consents: dict[str, ConsentRead]
    merged_into_id: uuid.UUID | None
    erased_at: datetime | None


ContactPage = Page[ContactRead]
