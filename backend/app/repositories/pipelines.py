"""SQL for pipelines and their ordered stages (no commits: the caller's transaction decides)."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.models import Deal, Pipeline, PipelineStage
from backend.app.repositories.upsert import insert_for


async def get(session: AsyncSession, pipeline_id: uuid.UUID) -> Pipeline | None:
    return await session.get(Pipeline, pipeline_id)


async def get_by_name(session: AsyncSession, name: str) -> Pipeline | None:
    return await session.scalar(select(Pipeline).where(func.lower(Pipeline.name) == name.lower()))


async def get_default(session: AsyncSession) -> Pipeline | None:
    query = (
        select(Pipeline)
        .where(Pipeline.archived_at.is_(None))
        .order_by(Pipeline.is_default.desc(), Pipeline.created_at)
        .limit(1)
    )
    return await session.scalar(query)


async def list_all(session: AsyncSession, *, include_archived: bool) -> list[Pipeline]:
    query = select(Pipeline).order_by(Pipeline.is_default.desc(), Pipeline.name)
    if not include_archived:
        query = query.where(Pipeline.archived_at.is_(None))
    return list(await session.scalars(query))


async def stages(session: AsyncSession, pipeline_ids: list[uuid.UUID]) -> list[PipelineStage]:
    query = (
        select(PipelineStage)
        .where(PipelineStage.pipeline_id.in_(pipeline_ids))
        .order_by(PipelineStage.pipeline_id, PipelineStage.position)
    )
    return list(await session.scalars(query))


async def get_stage(session: AsyncSession, stage_id: uuid.UUID) -> PipelineStage | None:
    return await session.get(PipelineStage, stage_id)


async def stage_in_use(session: AsyncSession, stage_id: uuid.UUID) -> bool:
    found = await session.scalar(select(Deal.id).where(Deal.stage_id == stage_id).limit(1))
    return found is not None


async def clear_default(session: AsyncSession) -> None:
    for pipeline in await session.scalars(select(Pipeline).where(Pipeline.is_default.is_(True))):
        pipeline.is_default = False


async def insert_if_absent(
    session: AsyncSession, *, name: str, is_default: bool
) -> uuid.UUID | None:
    """Insert a pipeline unless one has this name; the new id, or None when the name was taken.

    A concurrent transaction inserting the same name makes this wait for it (PostgreSQL) and
    then do nothing, instead of failing on the unique name.
    """
    statement = (
        insert_for(session, Pipeline)
        .values(name=name, is_default=is_default)
        .on_conflict_do_nothing(index_elements=[Pipeline.name])
        .returning(Pipeline.id)
    )
    created: uuid.UUID | None = await session.scalar(statement)
    return created


def add(session: AsyncSession, record: Pipeline | PipelineStage) -> None:
    session.add(record)


async def delete_stage(session: AsyncSession, stage: PipelineStage) -> None:
    await session.delete(stage)
