from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import func, select

from backend.app.db import Database
from backend.app.models import Alert, Scan
from backend.app.permissions import Role
from backend.app.services import compliance_retention as retention_service
from backend.tests.compliance_helpers import CARD, act, scan
from backend.tests.conftest import Users, assert_problem


async def test_retention_purges_old_evidence_and_closed_alerts_and_audits_it(
    client: httpx.AsyncClient, users: Users, database: Database
) -> None:
    officer = await users.headers(Role.COMPLIANCE_OFFICER)
    closed = (await scan(client, officer))["alert_id"]
    still_open = (await scan(client, officer, author_id="someone-else"))["alert_id"]
    await act(client, officer, closed, "resolve", reason="coached")
    async with database.session_scope() as session:
        report = await retention_service.enforce(
            session, now=datetime.now(UTC) + timedelta(days=400)
        )
    assert report["evidence_purged"]["pii"] == 2
    assert report["alerts_deleted"]["pii"] == [closed]
    async with database.session_scope() as session:
        assert await session.scalar(select(func.count()).select_from(Alert)) == 1
        remaining = (await session.scalars(select(Scan))).all()
    assert [str(s.alert_id) for s in remaining] == [still_open]
    assert remaining[0].evidence_ciphertext is None
    reveal = await client.post(
        f"/api/v1/compliance/alerts/{still_open}/reveal",
        json={"target": "excerpt", "reason": "checking retention works"},
        headers=officer,
    )
    assert_problem(reveal, 404)
    audit = (
        await client.get("/api/v1/compliance/audit?action=compliance.retention", headers=officer)
    ).json()
    assert audit["items"][0]["details"]["alerts_deleted"]["pii"] == [closed]


async def test_retention_keeps_recent_evidence(
    client: httpx.AsyncClient, users: Users, database: Database
) -> None:
    officer = await users.headers(Role.COMPLIANCE_OFFICER)
    await scan(client, officer)
    async with database.session_scope() as session:
        report = await retention_service.enforce(session)
    assert report["evidence_purged"]["pii"] == 0


async def test_retention_settings_are_admin_only_and_validated(
    client: httpx.AsyncClient, users: Users
) -> None:
    officer = await users.headers(Role.COMPLIANCE_OFFICER)
    admin = await users.headers(Role.ADMIN)
    assert (await client.get("/api/v1/compliance/retention", headers=officer)).json()[
        "evidence_days"
    ]["pii"] == 30
    assert_problem(
        await client.put(
            "/api/v1/compliance/retention", json={"evidence_days": {"pii": 7}}, headers=officer
        ),
        403,
    )
    updated = await client.put(
        "/api/v1/compliance/retention", json={"evidence_days": {"pii": 7}}, headers=admin
    )
    assert updated.json()["evidence_days"]["pii"] == 7
    assert_problem(
        await client.put(
            "/api/v1/compliance/retention", json={"evidence_days": {"pii": 0}}, headers=admin
        ),
        422,
    )
    assert_problem(
        await client.put(
            "/api/v1/compliance/retention", json={"evidence_days": {"nope": 3}}, headers=admin
        ),
        422,
    )


async def test_stats_count_alerts_and_time_to_acknowledge(
    client: httpx.AsyncClient, users: Users
) -> None:
    officer = await users.headers(Role.COMPLIANCE_OFFICER)
    first = (await scan(client, officer))["alert_id"]
    await scan(
        client,
        officer,
        author_id="other",
        text="prod key: ghp_8sJ2kLm9Qw3eRt5yUi7oPa1sDf4gHj6kLz0X",
    )
    await act(client, officer, first, "acknowledge")
    await act(client, officer, first, "resolve", reason="coached")
    stats = (await client.get("/api/v1/compliance/stats", headers=officer)).json()
    assert stats["total"] == 2
    assert stats["by_category"] == {"pii": 1, "secret": 1}
    assert stats["by_status"] == {"resolved": 1, "new": 1}
    assert stats["mean_seconds_to_acknowledge"] is not None
    assert stats["mean_seconds_to_resolve"] is not None
    assert stats["by_day"][0]["total"] == 2


async def test_export_is_redacted_and_pseudonymised_in_both_formats(
    client: httpx.AsyncClient, users: Users
) -> None:
    officer = await users.headers(Role.COMPLIANCE_OFFICER)
    await scan(client, officer, text=f'=HYPERLINK("x") card {CARD}')
    since = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    until = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    params = {"since": since, "until": until}
    as_csv = await client.get(
        "/api/v1/compliance/alerts/export", params={**params, "format": "csv"}, headers=officer
    )
    assert as_csv.status_code == 200
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert len(rows) == 1
    assert CARD not in as_csv.text
    assert "Marc Dubois" not in as_csv.text
    assert rows[0]["redacted_excerpt"].startswith("'=")
    as_json = await client.get(
        "/api/v1/compliance/alerts/export", params={**params, "format": "json"}, headers=officer
    )
    record = json.loads(as_json.text.splitlines()[0])
    assert record["author_pseudonym"].startswith("user-")
    assert CARD not in as_json.text
    sales = await users.headers(Role.SALES)
    assert_problem(
        await client.get("/api/v1/compliance/alerts/export", params=params, headers=sales), 403
    )
