"""SQL shared by the CRM lists: visibility scope, filters, text search, keyset pages and tags."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, and_, delete, false, insert, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.models import Activity, Company, Contact, CrmTag, Deal

Record = TypeVar("Record", Company, Contact, Deal, Activity)


@dataclass(frozen=True, slots=True)
class ListFilter:
    """Every filter of every CRM list; a filter a table does not have is ignored."""

    scoped: bool = False
    scope_team_id: uuid.UUID | None = None
    scope_user_id: uuid.UUID | None = None
    owner_id: uuid.UUID | None = None
    team_id: uuid.UUID | None = None
    pipeline_id: uuid.UUID | None = None
    stage_id: uuid.UUID | None = None
    status: str | None = None
    type: str | None = None
    is_done: bool | None = None
    company_id: uuid.UUID | None = None
    contact_id: uuid.UUID | None = None
    deal_id: uuid.UUID | None = None
    tag: str | None = None
    updated_since: datetime | None = None
    q: str | None = None
    # May ?q= match personal fields? Only for callers who see them in clear; otherwise a
    # match on a masked field would reveal it.
    q_personal: bool = False
    include_archived: bool = False


@dataclass(frozen=True, slots=True)
class Sort:
    field: str
    descending: bool
    after: tuple[Any, uuid.UUID] | None = None


_EQUALITY = (
    "owner_id",
    "team_id",
    "pipeline_id",
    "stage_id",
    "status",
    "type",
    "is_done",
    "company_id",
    "contact_id",
    "deal_id",
)


def _like_pattern(q: str) -> str:
    escaped = q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def filtered(model: type[Record], entity_type: str, filters: ListFilter) -> Select[Any]:
    """A SELECT of the records the filters (and the caller's scope) allow."""
    query = select(model)
    if filters.scoped:
        conditions = []
        if filters.scope_team_id is not None:
            conditions.append(model.team_id == filters.scope_team_id)
        if filters.scope_user_id is not None:
            conditions.append(model.owner_id == filters.scope_user_id)
        query = query.where(or_(*conditions) if conditions else false())
    for name in _EQUALITY:
        value = getattr(filters, name)
        if value is not None and hasattr(model, name):
            query = query.where(getattr(model, name) == value)
    if not filters.include_archived:
        query = query.where(model.archived_at.is_(None))
    if filters.updated_since is not None:
        query = query.where(model.updated_at >= filters.updated_since)
    if filters.tag:
        tagged = select(CrmTag.entity_id).where(
            CrmTag.entity_type == entity_type, CrmTag.name == filters.tag.strip().lower()
        )
        query = query.where(model.id.in_(tagged))
    match = _text_match(model, filters)
    if match is not None:
        query = query.where(match)
    return query


def _text_match(model: type[Record], filters: ListFilter) -> ColumnElement[bool] | None:
    """The ?q= condition: a substring of the record's search text, or of its company's."""
    if not filters.q or not hasattr(model, "search_text"):
        return None
    if model is Contact and not filters.q_personal:
        # A contact's search text is its name, email and phone: all personal. Search the
        # companies the caller can see instead, whose names and domains are public.
        companies = ListFilter(
            scoped=filters.scoped,
            scope_team_id=filters.scope_team_id,
            scope_user_id=filters.scope_user_id,
            q=filters.q,
            include_archived=True,
        )
        visible = filtered(Company, "company", companies).with_only_columns(Company.id)
        return Contact.company_id.in_(visible)
    # pg_trgm's GIN index serves this on PostgreSQL; a scan on SQLite.
    match: ColumnElement[bool] = model.search_text.like(_like_pattern(filters.q), escape="\\")
    return match


def paged(query: Select[Any], model: type[Record], sort: Sort, limit: int) -> Select[Any]:
    """Keyset pagination on (sort field, id): stable under inserts, no OFFSET."""
    column = getattr(model, sort.field)
    if sort.after is not None:
        value, last_id = sort.after
        if sort.descending:
            query = query.where(or_(column < value, and_(column == value, model.id < last_id)))
        else:
            query = query.where(or_(column > value, and_(column == value, model.id > last_id)))
    if sort.descending:
        return query.order_by(column.desc(), model.id.desc()).limit(limit)
    return query.order_by(column.asc(), model.id.asc()).limit(limit)


async def list_page(
    session: AsyncSession,
    model: type[Record],
    entity_type: str,
    *,
    filters: ListFilter,
    sort: Sort,
    limit: int,
) -> list[Record]:
    query = paged(filtered(model, entity_type, filters), model, sort, limit)
    return list(await session.scalars(query))


async def set_tags(
    session: AsyncSession, entity_type: str, entity_id: uuid.UUID, tags: list[str]
) -> None:
    """Replace a record's rows in the tag index."""
    await session.execute(
        delete(CrmTag).where(CrmTag.entity_type == entity_type, CrmTag.entity_id == entity_id)
    )
    if tags:
        await session.execute(
            insert(CrmTag),
            [{"entity_type": entity_type, "entity_id": entity_id, "name": t} for t in tags],
        )


async def insert_many(
    session: AsyncSession,
    model: type[Any],
    entity_type: str,
    rows: list[dict[str, Any]],
) -> None:
    """Bulk insert (one executemany) and index the rows' tags."""
    if not rows:
        return
    await session.execute(insert(model), rows)
    tags = [
        {"entity_type": entity_type, "entity_id": row["id"], "name": tag}
        for row in rows
        for tag in row.get("tags") or []
    ]
    if tags:
        await session.execute(insert(CrmTag), tags)
