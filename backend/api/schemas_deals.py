"""The HTTP contract of deals: amounts are decimals (strings in JSON), never floats."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from backend.api.schemas_common import Page
from backend.api.schemas_crm import ComplianceReport, RecordMeta

DealStatus = Literal["open", "won", "lost"]
Amount = Decimal


class DealCreate(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=20_000)
    company_id: uuid.UUID | None = None
    contact_ids: list[uuid.UUID] | None = None
    amount: Amount = Field(default=Decimal("0"), ge=0, max_digits=18, decimal_places=2)
    currency: str = Field(default="EUR", min_length=3, max_length=3, examples=["EUR"])
    pipeline_id: uuid.UUID | None = None
    stage_id: uuid.UUID | None = None
    expected_close_date: date | None = None
    probability: int | None = Field(default=None, ge=0, le=100)
    owner_id: uuid.UUID | None = None
    tags: list[str] | None = None


class DealUpdate(BaseModel):
    title: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=20_000)
    company_id: uuid.UUID | None = None
    contact_ids: list[uuid.UUID] | None = None
    amount: Amount | None = Field(default=None, ge=0, max_digits=18, decimal_places=2)
    currency: str | None = Field(default=None, min_length=3, max_length=3)
    pipeline_id: uuid.UUID | None = None
    stage_id: uuid.UUID | None = None
    expected_close_date: date | None = None
    probability: int | None = Field(default=None, ge=0, le=100)
    status: DealStatus | None = None
    close_reason: str | None = Field(default=None, max_length=500)
    owner_id: uuid.UUID | None = None
    tags: list[str] | None = None


class DealRead(RecordMeta):
    title: str
    description: str | None
    compliance: ComplianceReport
    company_id: uuid.UUID | None
    contact_ids: list[uuid.UUID]
    amount: Amount
    currency: str
    pipeline_id: uuid.UUID
    stage_id: uuid.UUID
    expected_close_date: date | None
    probability: int | None
    status: str
    close_reason: str | None
    closed_at: datetime | None


DealPage = Page[DealRead]
