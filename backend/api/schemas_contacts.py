"""The HTTP contract of contacts."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field

from backend.api.schemas_common import Page
from backend.api.schemas_crm import RecordMeta
from backend.app.services.crm_values import MAX_ADDRESSES


class ConsentIn(BaseModel):
    granted: bool
    source: str = Field(default="api", max_length=200, examples=["web form", "signed contract"])


class ConsentRead(BaseModel):
    granted: bool
    source: str
    recorded_at: datetime


Email = Annotated[str, Field(max_length=320)]
Phone = Annotated[str, Field(max_length=40)]
_EMAILS = (
    "Every email address, the primary first; `email`, if sent too, becomes the first. Each is "
    "normalised (domain lower-cased) and kept once (case-insensitively); blanks are dropped. "
    "On update the list replaces the contact's addresses (`[]` removes them all)."
)
_PHONES = (
    "Every phone number, the primary first; `phone`, if sent too, becomes the first. Each is "
    "normalised to E.164 and kept once; blanks are dropped. On update the list replaces the "
    "contact's numbers (`[]` removes them all)."
)
EmailList = Annotated[list[Email] | None, Field(max_length=MAX_ADDRESSES, description=_EMAILS)]
PhoneList = Annotated[list[Phone] | None, Field(max_length=MAX_ADDRESSES, description=_PHONES)]
_REPLACES = (
    "Replaces the primary {} (one already among the others moves first); null removes it and "
    "the next one becomes primary"
)


class ContactCreate(BaseModel):
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(default="", max_length=100)
    email: str | None = Field(
        default=None,
        max_length=320,
        examples=["ada@acme.com"],
        description="The primary email address",
    )
    emails: EmailList = Field(default=None, examples=[["ada@acme.com", "ada@lovelace.org"]])
    phone: str | None = Field(
        default=None,
        max_length=40,
        examples=["+33 1 23 45 67 89"],
        description="The primary phone number",
    )
    phones: PhoneList = None
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
    email: str | None = Field(default=None, max_length=320, description=_REPLACES.format("address"))
    emails: EmailList = None
    phone: str | None = Field(default=None, max_length=40, description=_REPLACES.format("number"))
    phones: PhoneList = None
    job_title: str | None = Field(default=None, max_length=200)
    company_id: uuid.UUID | None = None
    owner_id: uuid.UUID | None = None
    consents: dict[str, ConsentIn] | None = None
    tags: list[str] | None = None


class ContactRead(RecordMeta):
    first_name: str
    last_name: str
    email: str | None = Field(description="The primary address: the first of `emails`")
    emails: list[str] = Field(description="Every email address, the primary first")
    phone: str | None = Field(description="The primary number: the first of `phones`")
    phones: list[str] = Field(description="Every phone number (E.164), the primary first")
    job_title: str | None
    company_id: uuid.UUID | None
    consents: dict[str, ConsentRead]
    merged_into_id: uuid.UUID | None
    erased_at: datetime | None


ContactPage = Page[ContactRead]
