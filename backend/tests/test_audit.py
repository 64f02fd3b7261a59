from __future__ import annotations

import asyncio

import httpx
import pytest
from sqlalchemy import text

from backend.app.db import Database
from backend.app.permissions import Role
from backend.app.services import audit as audit_service
from backend.app.services.actors import SYSTEM
from backend.tests.conftest import Users, assert_problem


async def _append(database: Database, count: int) -> None:
    for n in range(count):
        async with database.session_scope() as session:
            await audit_service.record(
                session, actor=SYSTEM, action="test.event", details={"n": n, "note": "é"}
            )


async def _verify(database: Database) -> audit_service.ChainVerification:
    async with database.session_scope() as session:
        return await audit_service.verify(session, actor=SYSTEM)


async def test_chain_verifies_when_untouched(database: Database) -> None:
    baseline = (await _verify(database)).entries  # start-up writes its own entries
    await _append(database, 5)
    result = await _verify(database)
    assert result.ok
    assert result.entries == baseline + 5
    assert result.first_broken_id is None


async def test_verify_names_the_entry_when_a_row_is_edited_in_the_database(
    database: Database,
) -> None:
    await _append(database, 6)
    async with database.session_scope() as session:
        await session.execute(text("UPDATE audit_log SET action = 'test.forged' WHERE id = 4"))
    result = await _verify(database)
    assert not result.ok
    assert result.first_broken_id == 4


async def test_verify_names_the_gap_when_a_row_is_deleted(database: Database) -> None:
    await _append(database, 6)
    async with database.session_scope() as session:
        await session.execute(text("DELETE FROM audit_log WHERE id = 3"))
    result = await _verify(database)
    assert not result.ok
    assert result.first_broken_id == 3


async def test_verify_detects_deletion_of_the_newest_entries(database: Database) -> None:
    await _append(database, 4)
    async with database.session_scope() as session:
        await session.execute(text("DELETE FROM audit_log WHERE id >= 3"))
    result = await _verify(database)
    assert not result.ok
    assert result.first_broken_id == 3


async def test_concurrent_appends_keep_one_unbroken_chain(database: Database) -> None:
    baseline = (await _verify(database)).entries
    await asyncio.gather(*(_append(database, 3) for _ in range(8)))
    result = await _verify(database)
    assert result.ok
    assert result.entries == baseline + 24


async def test_verify_endpoint_reports_first_broken_id(
    client: httpx.AsyncClient, users: Users, database: Database
) -> None:
    officer = await users.headers(Role.COMPLIANCE_OFFICER)
    await _append(database, 3)
    assert (await client.get("/api/v1/audit/verify", headers=officer)).json()["ok"] is True
    async with database.session_scope() as session:
        newest = "SELECT MAX(id) FROM audit_log WHERE action = 'test.event'"
        await session.execute(
            text(f"UPDATE audit_log SET details = '{{\"n\": 99}}' WHERE id = ({newest})")  # noqa: S608
        )
    body = (await client.get("/api/v1/audit/verify", headers=officer)).json()
    assert body["ok"] is False
    assert isinstance(body["first_broken_id"], int)


@pytest.mark.parametrize("role", [Role.SALES, Role.VIEWER])
async def test_audit_is_403_for_roles_without_audit_read(
    client: httpx.AsyncClient, users: Users, role: Role
) -> None:
    headers = await users.headers(role)
    assert_problem(await client.get("/api/v1/audit/verify", headers=headers), 403)
    assert_problem(await client.get("/api/v1/audit", headers=headers), 403)


async def test_audit_listing_pages_newest_first_with_filters(
    client: httpx.AsyncClient, users: Users, database: Database
) -> None:
    admin = await users.headers(Role.ADMIN)
    await _append(database, 5)
    first = (await client.get("/api/v1/audit?action=test.&limit=3", headers=admin)).json()
    assert [e["details"]["n"] for e in first["items"]] == [4, 3, 2]
    second = (
        await client.get(
            f"/api/v1/audit?action=test.&limit=3&cursor={first['next_cursor']}", headers=admin
        )
    ).json()
    assert [e["details"]["n"] for e in second["items"]] == [1, 0]
    assert second["next_cursor"] is None
