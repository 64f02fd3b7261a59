"""Sales pipelines and their ordered stages (several pipelines; one is the default)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.errors import Conflict, InvalidInput, NotFound
from backend.app.models import Pipeline, PipelineStage
from backend.app.models.base import utcnow
from backend.app.permissions import Permission
from backend.app.repositories import pipelines as pipeline_repository
from backend.app.services import audit as audit_service
from backend.app.services import crm_privacy as privacy
from backend.app.services import crm_records as records
from backend.app.services.actors import Actor

DEFAULT_NAME = "Sales"
DEFAULT_STAGES = (
    ("Lead", 10),
    ("Qualified", 25),
    ("Proposal", 50),
    ("Negotiation", 75),
    ("Closing", 90),
)


def _view(pipeline: Pipeline, stages: list[PipelineStage]) -> privacy.View:
    return {
        "id": pipeline.id,
        "name": pipeline.name,
        "is_default": pipeline.is_default,
        "version": pipeline.version,
        "created_at": pipeline.created_at,
        "updated_at": pipeline.updated_at,
        "archived_at": pipeline.archived_at,
        "stages": [
            {"id": s.id, "name": s.name, "position": s.position, "probability": s.probability}
            for s in stages
            if s.pipeline_id == pipeline.id
        ],
    }


async def _pipeline_view(session: AsyncSession, pipeline: Pipeline) -> privacy.View:
    return _view(pipeline, await pipeline_repository.stages(session, [pipeline.id]))


async def list_pipelines(
    session: AsyncSession, *, actor: Actor, include_archived: bool = False
) -> list[privacy.View]:
    actor.require(Permission.CRM_READ)
    pipelines = await pipeline_repository.list_all(session, include_archived=include_archived)
    stages = await pipeline_repository.stages(session, [p.id for p in pipelines])
    return [_view(p, stages) for p in pipelines]


async def get_record(session: AsyncSession, pipeline_id: uuid.UUID) -> Pipeline:
    pipeline = await pipeline_repository.get(session, pipeline_id)
    if pipeline is None:
        raise NotFound("pipeline not found")
    return pipeline


async def get(session: AsyncSession, *, actor: Actor, pipeline_id: uuid.UUID) -> privacy.View:
    actor.require(Permission.CRM_READ)
    return await _pipeline_view(session, await get_record(session, pipeline_id))


async def resolve_stage(
    session: AsyncSession, *, pipeline_id: uuid.UUID | None, stage_id: uuid.UUID | None
) -> tuple[Pipeline, PipelineStage]:
    """The pipeline and stage of a deal: the given ones (checked) or the default's first."""
    if stage_id is not None:
        stage = await pipeline_repository.get_stage(session, stage_id)
        if stage is None or (pipeline_id is not None and stage.pipeline_id != pipeline_id):
            raise InvalidInput("stage_id: not a stage of this pipeline")
        return await get_record(session, stage.pipeline_id), stage
    pipeline = (
        await get_record(session, pipeline_id)
        if pipeline_id is not None
        else await ensure_default(session)
    )
    stages = await pipeline_repository.stages(session, [pipeline.id])
    if not stages:
        raise InvalidInput("this pipeline has no stages")
    return pipeline, stages[0]


async def ensure_default(session: AsyncSession) -> Pipeline:
    """The default pipeline, created with the usual stages the first time it is needed."""
    pipeline = await pipeline_repository.get_default(session)
    if pipeline is not None:
        return pipeline
    # The first deals may arrive together: the unique name lets one transaction create the
    # pipeline; the others wait for it to commit and then read its pipeline below.
    created_id = await pipeline_repository.insert_if_absent(
        session, name=DEFAULT_NAME, is_default=True
    )
    if created_id is not None:
        for position, (name, probability) in enumerate(DEFAULT_STAGES):
            pipeline_repository.add(
                session,
                PipelineStage(
                    pipeline_id=created_id, name=name, position=position, probability=probability
                ),
            )
        await session.flush()
    pipeline = await pipeline_repository.get_default(session)
    if pipeline is None:
        # Only an archived pipeline holds the default's name.
        raise Conflict(
            f"no active pipeline, and the archived pipeline '{DEFAULT_NAME}' holds the default "
            "name: ask an admin to create a pipeline"
        )
    return pipeline


async def _replace_stages(
    session: AsyncSession, pipeline: Pipeline, wanted: list[dict[str, Any]]
) -> None:
    existing = {s.id: s for s in await pipeline_repository.stages(session, [pipeline.id])}
    kept: set[uuid.UUID] = set()
    for position, item in enumerate(wanted):
        stage = existing.get(item["id"]) if item.get("id") else None
        if item.get("id") and stage is None:
            raise InvalidInput("stages: a stage id does not belong to this pipeline")
        if stage is None:
            stage = PipelineStage(pipeline_id=pipeline.id)
            pipeline_repository.add(session, stage)
        stage.name, stage.position = item["name"], position
        stage.probability = int(item.get("probability") or 0)
        if stage.id is not None:
            kept.add(stage.id)
    for stage_id, stage in existing.items():
        if stage_id not in kept:
            if await pipeline_repository.stage_in_use(session, stage_id):
                raise Conflict(f"stage '{stage.name}' still holds deals; move them first")
            await pipeline_repository.delete_stage(session, stage)


async def create(
    session: AsyncSession, *, actor: Actor, pipeline_in: dict[str, Any]
) -> privacy.View:
    """Create a pipeline with its ordered stages (admins)."""
    actor.require(Permission.CRM_CONFIGURE)
    is_default = bool(pipeline_in.get("is_default"))
    if is_default:
        await pipeline_repository.clear_default(session)
    # Insert-if-absent: two admins creating the same name at once get one pipeline and a 409.
    created = await pipeline_repository.insert_if_absent(
        session, name=pipeline_in["name"], is_default=is_default
    )
    pipeline = await pipeline_repository.get(session, created) if created else None
    if pipeline is None:
        raise Conflict("a pipeline with this name already exists")
    await _replace_stages(session, pipeline, pipeline_in.get("stages") or [])
    await session.flush()
    await _audit(session, actor, "created", pipeline, sorted(pipeline_in))
    return await _pipeline_view(session, pipeline)


async def update(
    session: AsyncSession,
    *,
    actor: Actor,
    pipeline_id: uuid.UUID,
    changes: dict[str, Any],
    if_match: int | None = None,
) -> privacy.View:
    """Rename, make default, or reorder/rename/add/remove stages (admins)."""
    actor.require(Permission.CRM_CONFIGURE)
    pipeline = await get_record(session, pipeline_id)
    if if_match is not None and if_match != pipeline.version:
        raise Conflict(
            "the pipeline changed meanwhile",
            current=records.jsonable(await _pipeline_view(session, pipeline)),
        )
    if changes.get("name"):
        pipeline.name = changes["name"]
    if changes.get("is_default"):
        await pipeline_repository.clear_default(session)
        pipeline.is_default = True
    if changes.get("stages") is not None:
        await _replace_stages(session, pipeline, changes["stages"])
    pipeline.version += 1
    pipeline.updated_at = utcnow()
    await session.flush()
    await _audit(session, actor, "updated", pipeline, sorted(changes))
    return await _pipeline_view(session, pipeline)


async def delete(session: AsyncSession, *, actor: Actor, pipeline_id: uuid.UUID) -> None:
    """Archive a pipeline; its deals keep their stages."""
    actor.require(Permission.CRM_CONFIGURE)
    pipeline = await get_record(session, pipeline_id)
    pipeline.archived_at = utcnow()
    pipeline.is_default = False
    pipeline.version += 1
    await session.flush()
    await _audit(session, actor, "archived", pipeline, [])


async def _audit(
    session: AsyncSession, actor: Actor, action: str, pipeline: Pipeline, fields: list[str]
) -> None:
    await audit_service.record(
        session,
        actor=actor,
        action=f"crm.pipeline.{action}",
        target_type="pipeline",
        target_id=str(pipeline.id),
        details={"fields": fields, "name": pipeline.name},
    )
