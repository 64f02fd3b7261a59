from __future__ import annotations

import httpx

from backend.app.permissions import Role
from backend.tests import crm_helpers as crm
from backend.tests.conftest import Users, assert_problem


async def test_contact_crud_when_sales_user_creates_reads_updates_and_archives(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await users.headers(Role.SALES, team="EMEA")
    created = await crm.contact(
        client,
        headers,
        first_name="Grace",
        email="Grace.Hopper@Navy.MIL",
        phone="+1 (415) 555-0134",
    )
    assert created["email"] == "Grace.Hopper@navy.mil"
    assert created["phone"] == "+14155550134"
    assert created["version"] == 1

    read = await client.get(f"/api/v1/contacts/{created['id']}", headers=headers)
    assert read.status_code == 200
    assert read.headers["ETag"] == '"1"'

    patched = await client.patch(
        f"/api/v1/contacts/{created['id']}",
        json={"job_title": "Rear Admiral"},
        headers=headers | {"If-Match": read.headers["ETag"]},
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["job_title"] == "Rear Admiral"
    assert patched.json()["first_name"] == "Grace"
    assert patched.headers["ETag"] == '"2"'

    deleted = await client.delete(f"/api/v1/contacts/{created['id']}", headers=headers)
    assert deleted.status_code == 204
    listed = await client.get("/api/v1/contacts", headers=headers)
    assert listed.json()["items"] == []
    archived = await client.get("/api/v1/contacts?include_archived=true", headers=headers)
    assert [c["id"] for c in archived.json()["items"]] == [created["id"]]


async def test_update_gets_409_with_current_when_if_match_is_stale(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await users.headers(Role.SALES, team="EMEA")
    created = await crm.contact(client, headers, first_name="Alan")
    first = await client.patch(
        f"/api/v1/contacts/{created['id']}",
        json={"job_title": "Cryptanalyst"},
        headers=headers | {"If-Match": '"1"'},
    )
    assert first.status_code == 200
    stale = await client.patch(
        f"/api/v1/contacts/{created['id']}",
        json={"job_title": "Mathematician"},
        headers=headers | {"If-Match": '"1"'},
    )
    body = assert_problem(stale, 409)
    assert body["current"]["version"] == 2
    assert body["current"]["job_title"] == "Cryptanalyst"
    read = await client.get(f"/api/v1/contacts/{created['id']}", headers=headers)
    assert read.json()["job_title"] == "Cryptanalyst"


async def test_create_gets_409_with_duplicate_id_when_email_or_phone_exists(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await users.headers(Role.SALES, team="EMEA")
    first = await crm.contact(client, headers, email="ada@analytical.org", phone="+44 20 7946 0958")
    same_email = await client.post(
        "/api/v1/contacts",
        json={"first_name": "A.", "email": "ADA@Analytical.ORG"},
        headers=headers,
    )
    assert assert_problem(same_email, 409)["duplicate_id"] == first["id"]
    same_phone = await client.post(
        "/api/v1/contacts", json={"first_name": "A.", "phone": "+442079460958"}, headers=headers
    )
    assert assert_problem(same_phone, 409)["duplicate_id"] == first["id"]
    forced = await client.post(
        "/api/v1/contacts?force=true",
        json={"first_name": "A.", "email": "ada@analytical.org"},
        headers=headers,
    )
    assert forced.status_code == 201


async def test_invalid_email_or_phone_gets_422_when_not_normalisable(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await users.headers(Role.SALES, team="EMEA")
    bad_email = await client.post(
        "/api/v1/contacts", json={"first_name": "X", "email": "not-an-email"}, headers=headers
    )
    assert_problem(bad_email, 422)
    bad_phone = await client.post(
        "/api/v1/contacts", json={"first_name": "X", "phone": "12"}, headers=headers
    )
    assert_problem(bad_phone, 422)


async def test_search_filters_and_cursor_pages_when_listing_contacts(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await users.headers(Role.SALES, team="EMEA")
    acme = await crm.company(client, headers, name="Acme", domain="acme.com")
    for i in range(7):
        await crm.contact(
            client,
            headers,
            first_name=f"Person{i}",
            email=f"p{i}@acme.com",
            company_id=acme["id"] if i % 2 == 0 else None,
            tags=["vip"] if i < 3 else [],
        )
    await crm.contact(client, headers, first_name="Zed", last_name="Shaw", email="zed@other.io")

    pages = await crm.all_pages(client, "contacts", headers, limit=3)
    assert len(pages) == 8
    assert len({c["id"] for c in pages}) == 8
    by_name = await crm.all_pages(client, "contacts", headers, limit=3, sort="last_name")
    assert by_name[-1]["last_name"] == "Shaw"

    search = await client.get("/api/v1/contacts", params={"q": "ZED@oth"}, headers=headers)
    assert [c["first_name"] for c in search.json()["items"]] == ["Zed"]
    by_company = await crm.all_pages(client, "contacts", headers, company=acme["id"])
    assert len(by_company) == 4
    by_tag = await crm.all_pages(client, "contacts", headers, tag="VIP")
    assert len(by_tag) == 3

    bad_cursor = await client.get("/api/v1/contacts?cursor=garbage", headers=headers)
    assert_problem(bad_cursor, 422)


async def test_merge_moves_activities_and_deals_when_contacts_are_merged(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await users.headers(Role.SALES, team="EMEA")
    survivor = await crm.contact(client, headers, first_name="Kim", email="kim@acme.com")
    duplicate = await crm.contact(
        client, headers, first_name="Kim", phone="+33 1 23 45 67 89", job_title="CTO"
    )
    await crm.note(client, headers, contact_id=duplicate["id"], body="Met Kim at the fair.")
    deal = await crm.deal(client, headers, contact_ids=[duplicate["id"]])

    merged = await client.post(
        f"/api/v1/contacts/{survivor['id']}/merge",
        json={"merged_id": duplicate["id"]},
        headers=headers,
    )
    assert merged.status_code == 200, merged.text
    assert merged.json()["moved"] == {"activities": 1, "deals": 1, "emails": 0, "phones": 1}
    assert set(merged.json()["filled_fields"]) == {"phone", "job_title"}

    read = (await client.get(f"/api/v1/contacts/{survivor['id']}", headers=headers)).json()
    assert read["phone"] == "+33123456789"
    loser = (await client.get(f"/api/v1/contacts/{duplicate['id']}", headers=headers)).json()
    assert loser["merged_into_id"] == survivor["id"]
    assert loser["archived_at"] is not None
    deal_read = (await client.get(f"/api/v1/deals/{deal['id']}", headers=headers)).json()
    assert deal_read["contact_ids"] == [survivor["id"]]
    timeline = await client.get(f"/api/v1/contacts/{survivor['id']}/timeline", headers=headers)
    assert [a["type"] for a in timeline.json()["items"]] == ["merged", "note"]
    again = await client.post(
        f"/api/v1/contacts/{survivor['id']}/merge",
        json={"merged_id": duplicate["id"]},
        headers=headers,
    )
    assert_problem(again, 409)
