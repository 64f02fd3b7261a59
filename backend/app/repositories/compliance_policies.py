"""SQL for hub policies, their versions and hub settings."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.app.models import CompliancePolicy, ComplianceSetting, PolicyVersion


async def get(session: AsyncSession, policy_id: uuid.UUID) -> CompliancePolicy | None:
    return await session.get(CompliancePolicy, policy_id)


async def get_for_update(session: AsyncSession, policy_id: uuid.UUID) -> CompliancePolicy | None:
    return await session.get(
        CompliancePolicy, policy_id, with_for_update=True, populate_existing=True
    )


async def get_by_name(session: AsyncSession, name: str) -> CompliancePolicy | None:
    return await session.scalar(select(CompliancePolicy).where(CompliancePolicy.name == name))


async def list_all(session: AsyncSession) -> list[CompliancePolicy]:
    query = select(CompliancePolicy).order_by(CompliancePolicy.priority, CompliancePolicy.name)
    return list(await session.scalars(query))


async def list_active(session: AsyncSession) -> list[CompliancePolicy]:
    query = (
        select(CompliancePolicy)
        .where(CompliancePolicy.is_active.is_(True))
        .order_by(CompliancePolicy.priority, CompliancePolicy.name)
    )
    return list(await session.scalars(query))


def add(session: AsyncSession, policy: CompliancePolicy) -> None:
    session.add(policy)


def add_version(session: AsyncSession, version: PolicyVersion) -> None:
    session.add(version)


async def list_versions(session: AsyncSession, policy_id: uuid.UUID) -> list[PolicyVersion]:
    query = (
        select(PolicyVersion)
        .where(PolicyVersion.policy_id == policy_id)
        .order_by(PolicyVersion.version.desc())
    )
    return list(await session.scalars(query))


async def get_setting(session: AsyncSession, key: str) -> ComplianceSetting | None:
    return await session.get(ComplianceSetting, key)


def add_setting(session: AsyncSession, setting: ComplianceSetting) -> None:
    session.add(setting)
