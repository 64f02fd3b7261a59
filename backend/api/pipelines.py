"""Pipelines and their ordered stages (read by everyone in the CRM, configured by admins)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status

from backend.api.crm_http import IfMatch, with_etag
from backend.api.deps import CurrentActor, SessionDep
from backend.api.schemas_common import PROBLEM_RESPONSES
from backend.api.schemas_pipelines import PipelineCreate, PipelineRead, PipelineUpdate
from backend.app.services import pipelines as pipeline_service

router = APIRouter(prefix="/pipelines", tags=["crm: pipelines"], responses=PROBLEM_RESPONSES)


@router.get("", response_model=list[PipelineRead])
async def list_pipelines(
    actor: CurrentActor, session: SessionDep, include_archived: bool = False
) -> list[PipelineRead]:
    """Every pipeline with its stages in order; the default first."""
    views = await pipeline_service.list_pipelines(
        session, actor=actor, include_archived=include_archived
    )
    return [PipelineRead.model_validate(v) for v in views]


@router.post("", response_model=PipelineRead, status_code=status.HTTP_201_CREATED)
async def create_pipeline(
    pipeline_in: PipelineCreate, actor: CurrentActor, session: SessionDep, response: Response
) -> PipelineRead:
    view = await pipeline_service.create(session, actor=actor, pipeline_in=pipeline_in.model_dump())
    return PipelineRead.model_validate(with_etag(response, view))


@router.get("/{pipeline_id}", response_model=PipelineRead)
async def read_pipeline(
    pipeline_id: uuid.UUID, actor: CurrentActor, session: SessionDep, response: Response
) -> PipelineRead:
    view = await pipeline_service.get(session, actor=actor, pipeline_id=pipeline_id)
    return PipelineRead.model_validate(with_etag(response, view))


@router.patch("/{pipeline_id}", response_model=PipelineRead)
async def update_pipeline(
    pipeline_id: uuid.UUID,
    pipeline_in: PipelineUpdate,
    actor: CurrentActor,
    session: SessionDep,
    response: Response,
    if_match: IfMatch,
) -> PipelineRead:
    """Rename, make default, or give the full ordered list of stages."""
    view = await pipeline_service.update(
        session,
        actor=actor,
        pipeline_id=pipeline_id,
        changes=pipeline_in.model_dump(exclude_unset=True),
        if_match=if_match,
    )
    return PipelineRead.model_validate(with_etag(response, view))


@router.delete("/{pipeline_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_pipeline(pipeline_id: uuid.UUID, actor: CurrentActor, session: SessionDep) -> None:
    """Archive the pipeline (its deals keep their stages)."""
    await pipeline_service.delete(session, actor=actor, pipeline_id=pipeline_id)
