from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import httpx

from backend.app.permissions import Role
from backend.tests import crm_helpers as crm
from backend.tests.conftest import Users, assert_problem


async def test_one_write_wins_and_the_other_gets_409_when_two_edit_the_same_version(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await users.headers(Role.SALES, team="EMEA")
    deal = await crm.deal(client, headers)
    stale = headers | {"If-Match": '"1"'}
    first, second = await asyncio.gather(
        client.patch(f"/api/v1/deals/{deal['id']}", json={"amount": "10.00"}, headers=stale),
        client.patch(f"/api/v1/deals/{deal['id']}", json={"amount": "20.00"}, headers=stale),
    )
    assert sorted([first.status_code, second.status_code]) == [200, 409]
    winner = first if first.status_code == 200 else second
    read = await client.get(f"/api/v1/deals/{deal['id']}", headers=headers)
    assert read.json()["amount"] == winner.json()["amount"]
    assert read.json()["version"] == 2


async def test_if_match_must_be_an_etag_when_it_is_sent(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await users.headers(Role.SALES, team="EMEA")
    company = await crm.company(client, headers)
    garbage = await client.patch(
        f"/api/v1/companies/{company['id']}",
        json={"industry": "Space"},
        headers=headers | {"If-Match": "yesterday"},
    )
    assert_problem(garbage, 422)
    weak = await client.patch(
        f"/api/v1/companies/{company['id']}",
        json={"industry": "Space"},
        headers=headers | {"If-Match": 'W/"1"'},
    )
    assert weak.status_code == 200
    stale_delete = await client.delete(
        f"/api/v1/companies/{company['id']}", headers=headers | {"If-Match": '"1"'}
    )
    assert assert_problem(stale_delete, 409)["current"]["industry"] == "Space"


async def test_owner_team_and_updated_since_filters_narrow_the_list_when_given(
    client: httpx.AsyncClient, users: Users
) -> None:
    admin = await users.headers(Role.ADMIN)
    emea = await users.headers(Role.SALES, team="EMEA")
    apac = await users.headers(Role.SALES, team="APAC")
    mine = await crm.deal(client, emea, title="EMEA deal", amount="300.00")
    theirs = await crm.deal(client, apac, title="APAC deal", amount="100.00")
    owner_id = mine["owner_id"]

    by_owner = await crm.all_pages(client, "deals", admin, owner=owner_id)
    assert [d["id"] for d in by_owner] == [mine["id"]]
    by_team = await crm.all_pages(client, "deals", admin, team=theirs["team_id"])
    assert [d["id"] for d in by_team] == [theirs["id"]]
    by_amount = await crm.all_pages(client, "deals", admin, sort="amount")
    assert [d["title"] for d in by_amount] == ["APAC deal", "EMEA deal"]
    future = (datetime.now(UTC) + timedelta(minutes=5)).isoformat()
    assert await crm.all_pages(client, "deals", admin, updated_since=future) == []
    past = (datetime.now(UTC) - timedelta(minutes=5)).isoformat()
    assert len(await crm.all_pages(client, "deals", admin, updated_since=past)) == 2
    bad_sort = await client.get("/api/v1/deals?sort=password", headers=admin)
    assert_problem(bad_sort, 422)


async def test_cursor_pages_stay_stable_when_records_share_a_sort_value(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await users.headers(Role.SALES, team="EMEA")
    for i in range(9):
        await crm.company(client, headers, name="Same Name", domain=f"same{i}.example.com")
    pages = await crm.all_pages(client, "companies", headers, sort="name", limit=4)
    assert len({c["id"] for c in pages}) == 9
    ids = [c["id"] for c in pages]
    assert ids == sorted(ids)
    newest_first = await crm.all_pages(client, "companies", headers, sort="-name", limit=2)
    assert [c["id"] for c in newest_first] == list(reversed(ids))


async def test_csv_export_honours_filters_when_a_sales_user_exports(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await users.headers(Role.SALES, team="EMEA")
    await crm.company(client, headers, name="=cmd|' /C calc'!A0", domain="evil.example.com")
    await crm.company(client, headers, name="Tagged Co", tags=["key-account"])
    exported = await client.get("/api/v1/companies/export.csv?tag=key-account", headers=headers)
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("text/csv")
    lines = exported.text.strip().splitlines()
    assert len(lines) == 2
    assert "Tagged Co" in lines[1]
    everything = await client.get("/api/v1/companies/export.csv", headers=headers)
    assert "'=cmd" in everything.text  # a formula is neutralised for spreadsheets
