"""The HTTP contract of pipelines and their ordered stages."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field


class StageIn(BaseModel):
    id: uuid.UUID | None = Field(default=None, description="Omit to add a new stage")
    name: str = Field(min_length=1, max_length=120)
    probability: int = Field(default=0, ge=0, le=100)


class StageRead(BaseModel):
    id: uuid.UUID
    name: str
    position: int
    probability: int


class PipelineCreate(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    is_default: bool = False
    stages: list[StageIn] = Field(min_length=1)


class PipelineUpdate(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=120)
    is_default: bool | None = None
    stages: list[StageIn] | None = Field(
        default=None, description="The full ordered list: stages left out are removed"
    )


class PipelineRead(BaseModel):
    id: uuid.UUID
    name: str
    is_default: bool
    version: int
    stages: list[StageRead]
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None
