"""SQL for companies (no commits: the caller's transaction decides)."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.models import Activity, Company, Contact, Deal
from backend.app.repositories.crm_lists import ListFilter, filtered


async def get(session: AsyncSession, company_id: uuid.UUID) -> Company | None:
    return await session.get(Company, company_id)


def add(session: AsyncSession, company: Company) -> Company:
    session.add(company)
    return company


async def find_by_domain(
    session: AsyncSession, domain: str, *, scope: ListFilter, exclude_id: uuid.UUID | None = None
) -> Company | None:
    """A live company with this domain among those the caller can see."""
    query = filtered(Company, "company", scope).where(Company.domain == domain)
    if exclude_id is not None:
        query = query.where(Company.id != exclude_id)
    found: Company | None = await session.scalar(query.order_by(Company.created_at).limit(1))
    return found


async def existing_domains(
    session: AsyncSession, domains: list[str], scope: ListFilter
) -> dict[str, uuid.UUID]:
    """Which of these domains already belong to a visible company, and to which."""
    query = filtered(Company, "company", scope).where(Company.domain.in_(domains))
    found: dict[str, uuid.UUID] = {}
    for row in await session.execute(query.with_only_columns(Company.domain, Company.id)):
        found.setdefault(row.domain, row.id)
    return found


async def move_links(
    session: AsyncSession, *, source_id: uuid.UUID, target_id: uuid.UUID
) -> dict[str, int]:
    """Point the contacts, deals and activities of one company at another."""
    moved: dict[str, int] = {}
    for name, model in (("contacts", Contact), ("deals", Deal), ("activities", Activity)):
        result = await session.execute(
            update(model)
            .where(model.company_id == source_id)
            .values(company_id=target_id)
            .execution_options(synchronize_session=False)
        )
        moved[name] = int(result.rowcount or 0)  # type: ignore[attr-defined]
    return moved


async def count(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(Company)) or 0)


async def active_names(session: AsyncSession, limit: int) -> list[str]:
    """Names of the companies in use (not archived), for policy term lists."""
    query = (
        select(Company.name)
        .where(Company.archived_at.is_(None))
        .order_by(Company.updated_at.desc())
        .limit(limit)
    )
    return [name for name in await session.scalars(query) if name]
