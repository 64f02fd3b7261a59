"""Shapes shared by the CRM schemas: record metadata and the compliance report on free text."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class RecordMeta(BaseModel):
    id: uuid.UUID
    owner_id: uuid.UUID | None
    team_id: uuid.UUID | None
    version: int = Field(description="Send it back as If-Match (the ETag) when updating")
    tags: list[str]
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None


class TextFinding(BaseModel):
    category: str
    entity_type: str
    kind: str
    count: int


class ComplianceReport(BaseModel):
    """What the compliance engine found in free text: secrets redacted, personal data flagged."""

    decision: str | None = None
    redacted: list[TextFinding] = Field(default_factory=list)
    pii_flagged: list[TextFinding] = Field(default_factory=list)


class ImportRowReport(BaseModel):
    row: int = Field(description="Record number in the file; the header is row 1")
    status: str = Field(description="valid, invalid or duplicate")
    reason: str | None = None
    duplicate_id: uuid.UUID | None = None


class ImportReport(BaseModel):
    dry_run: bool
    total: int
    valid: int
    invalid: int
    duplicates: int
    created: int
    rows: list[ImportRowReport] = Field(
        description="Every row that is not valid (invalid or duplicate), in file order"
    )
    rows_truncated: bool
    ignored_columns: list[str] = Field(description="Header columns this import does not use")


class MergeRequest(BaseModel):
    merged_id: uuid.UUID = Field(description="The record folded into the survivor (the path id)")


class MergeResult(BaseModel):
    survivor_id: uuid.UUID
    merged_id: uuid.UUID
    moved: dict[str, int]
    filled_fields: list[str]


def compliance_of(view: dict[str, Any]) -> ComplianceReport:
    return ComplianceReport.model_validate(view.get("compliance") or {})
