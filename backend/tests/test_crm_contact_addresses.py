"""Several emails and phones per contact: the contract, duplicates, privacy, merge, import."""

from __future__ import annotations

import csv
import io
from typing import Any

import httpx

from backend.app.permissions import Role
from backend.tests import crm_helpers as crm
from backend.tests.conftest import Users, assert_problem


async def _post(
    client: httpx.AsyncClient, headers: dict[str, str], *, force: bool = False, **body: Any
) -> httpx.Response:
    body.setdefault("first_name", "X")
    path = "/api/v1/contacts?force=true" if force else "/api/v1/contacts"
    return await client.post(path, json=body, headers=headers)


async def _patch(
    client: httpx.AsyncClient, contact: dict[str, Any], headers: dict[str, str], **body: Any
) -> httpx.Response:
    return await client.patch(f"/api/v1/contacts/{contact['id']}", json=body, headers=headers)


async def _import(
    client: httpx.AsyncClient, headers: dict[str, str], body: str, *, dry_run: bool
) -> dict[str, Any]:
    response = await client.post(
        f"/api/v1/contacts/import?dry_run={str(dry_run).lower()}",
        content=body,
        headers=headers | {"Content-Type": "text/csv"},
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


async def _sales_and_viewer(users: Users) -> tuple[dict[str, str], dict[str, str]]:
    return await users.headers(Role.SALES, team="EMEA"), await users.headers(Role.VIEWER)


async def test_contact_holds_every_address_when_created_with_several(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await users.headers(Role.SALES, team="EMEA")
    created = await crm.contact(
        client,
        headers,
        email="Ada@Work.EXAMPLE",
        emails=["ada@home.example", "", "ADA@work.example", "ada@club.Example"],
        phones=["+44 20 7946 0958", "(415) 555-0134", "+442079460958"],
    )
    # `email` goes first; blanks and case-insensitive repeats go; domains are lower-cased.
    assert created["emails"] == ["Ada@work.example", "ada@home.example", "ada@club.example"]
    assert created["email"] == "Ada@work.example"
    assert created["phones"] == ["+442079460958", "+14155550134"]
    assert created["phone"] == "+442079460958"
    read = (await client.get(f"/api/v1/contacts/{created['id']}", headers=headers)).json()
    assert (read["emails"], read["phones"]) == (created["emails"], created["phones"])
    plain = await crm.contact(client, headers, first_name="Bo")
    assert (plain["email"], plain["emails"], plain["phone"], plain["phones"]) == (
        None,
        [],
        None,
        [],
    )


async def test_update_replaces_lists_or_primary_when_email_emails_phone_or_phones_sent(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await users.headers(Role.SALES, team="EMEA")
    contact = await crm.contact(
        client, headers, emails=["a@one.example", "a@two.example"], phones=["+33 1 23 45 67 89"]
    )

    added = await _patch(client, contact, headers, emails=[*contact["emails"], "a@three.example"])
    assert added.status_code == 200, added.text
    assert added.json()["emails"] == ["a@one.example", "a@two.example", "a@three.example"]
    assert added.json()["version"] == 2
    assert added.headers["ETag"] == '"2"'

    primary = await _patch(client, contact, headers, email="a@two.example")
    assert primary.json()["emails"] == ["a@two.example", "a@three.example"]
    replaced = await _patch(client, contact, headers, email="new@one.example")
    assert replaced.json()["emails"] == ["new@one.example", "a@three.example"]
    removed = await _patch(client, contact, headers, email=None)
    assert (removed.json()["email"], removed.json()["emails"]) == (
        "a@three.example",
        ["a@three.example"],
    )

    phones = await _patch(
        client, contact, headers, phones=["+1 415 555 0134"], phone="+33123456789"
    )
    assert phones.json()["phones"] == ["+33123456789", "+14155550134"]
    cleared = await _patch(client, contact, headers, emails=[], phones=[])
    body = cleared.json()
    assert (body["email"], body["emails"], body["phone"], body["phones"]) == (None, [], None, [])
    unchanged = await _patch(client, contact, headers, emails=[])
    assert unchanged.json()["version"] == body["version"]


async def test_bad_item_gets_422_with_its_position_when_a_list_is_invalid(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await users.headers(Role.SALES, team="EMEA")
    bad_email = await _post(client, headers, emails=["x@example.com", "nope"])
    assert assert_problem(bad_email, 422)["errors"][0]["loc"] == ["body", "emails", 1]
    bad_phone = await _post(client, headers, phones=["12"])
    assert assert_problem(bad_phone, 422)["errors"][0]["loc"] == ["body", "phones", 0]
    ten = [f"x{i}@example.com" for i in range(10)]
    assert_problem(await _post(client, headers, emails=[*ten, "y@example.com"]), 422)
    # Ten in the list plus a different primary is eleven: refused by the service, not a 500.
    eleven = await _post(client, headers, email="primary@example.com", emails=ten)
    assert "at most 10" in assert_problem(eleven, 422)["detail"]
    assert_problem(await _post(client, headers, phones="+33123456789"), 422)


async def test_create_gets_409_with_duplicate_id_when_a_secondary_address_exists(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await users.headers(Role.SALES, team="EMEA")
    first = await crm.contact(
        client,
        headers,
        emails=["grace@navy.example", "g.hopper@home.example"],
        phones=["+1 415 555 0100", "+44 20 7946 0958"],
    )
    same_email = await _post(client, headers, emails=["other@x.example", "G.Hopper@HOME.example"])
    assert assert_problem(same_email, 409)["duplicate_id"] == first["id"]
    same_phone = await _post(client, headers, phone="+1 202 555 0199", phones=["+442079460958"])
    assert assert_problem(same_phone, 409)["duplicate_id"] == first["id"]
    forced = await _post(client, headers, force=True, emails=["g.hopper@home.example"])
    assert forced.status_code == 201


async def test_update_gets_409_with_duplicate_id_when_it_adds_another_contacts_address(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await users.headers(Role.SALES, team="EMEA")
    first = await crm.contact(client, headers, emails=["kim@a.example", "kim@b.example"])
    second = await crm.contact(client, headers, emails=["lee@a.example"])
    clash = await _patch(client, second, headers, emails=["lee@a.example", "KIM@b.example"])
    assert assert_problem(clash, 409)["duplicate_id"] == first["id"]
    clash_phone = await _patch(client, second, headers, phones=["+33 1 23 45 67 89"])
    assert clash_phone.status_code == 200
    clash_phone = await _patch(client, first, headers, phone="+33123456789")
    assert assert_problem(clash_phone, 409)["duplicate_id"] == second["id"]
    # Its own addresses, reordered, are not duplicates of itself.
    reordered = await _patch(client, first, headers, emails=["kim@b.example", "kim@a.example"])
    assert reordered.status_code == 200, reordered.text
    forced = await client.patch(
        f"/api/v1/contacts/{second['id']}?force=true",
        json={"emails": ["lee@a.example", "kim@b.example"]},
        headers=headers,
    )
    assert forced.json()["emails"] == ["lee@a.example", "kim@b.example"]


async def test_no_duplicate_across_teams_when_another_teams_contact_has_the_address(
    client: httpx.AsyncClient, users: Users
) -> None:
    emea = await users.headers(Role.SALES, team="EMEA")
    apac = await users.headers(Role.SALES, team="APAC")
    await crm.contact(
        client, emea, emails=["ines@a.example", "ines@b.example"], phones=["+33 6 12 34 56 78"]
    )
    created = await _post(client, apac, emails=["x@c.example", "ines@b.example"])
    assert created.status_code == 201, created.text
    updated = await _patch(client, created.json(), apac, phones=["+33612345678"])
    assert updated.status_code == 200, updated.text
    found = await crm.all_pages(client, "contacts", apac, q="ines@a.example")
    assert found == []


async def test_every_address_is_masked_when_a_viewer_reads_or_exports(
    client: httpx.AsyncClient, users: Users
) -> None:
    sales, viewer = await _sales_and_viewer(users)
    contact = await crm.contact(
        client, sales, emails=["marie@radium.fr", "mc@sorbonne.fr"], phones=["+33140512000"]
    )
    masked = (await client.get(f"/api/v1/contacts/{contact['id']}", headers=viewer)).json()
    assert masked["email"] == "***@radium.fr"
    assert masked["emails"] == ["***@radium.fr", "***@sorbonne.fr"]
    assert (masked["phone"], masked["phones"]) == ("***", ["***"])
    listed = (await client.get("/api/v1/contacts", headers=viewer)).json()["items"]
    assert listed[0]["emails"] == ["***@radium.fr", "***@sorbonne.fr"]
    exported = await client.get("/api/v1/contacts/export.csv", headers=viewer)
    row = next(csv.DictReader(io.StringIO(exported.text)))
    assert (row["email"], row["phone"]) == ("***@radium.fr;***@sorbonne.fr", "***")
    assert "mc@" not in exported.text

    clear = await client.get("/api/v1/contacts/export.csv", headers=sales)
    row = next(csv.DictReader(io.StringIO(clear.text)))
    assert (row["email"], row["phone"]) == ("marie@radium.fr;mc@sorbonne.fr", "+33140512000")


async def test_search_finds_a_contact_by_any_address_when_the_caller_sees_them(
    client: httpx.AsyncClient, users: Users
) -> None:
    sales, viewer = await _sales_and_viewer(users)
    contact = await crm.contact(
        client,
        sales,
        emails=["alan@work.example", "a.turing@bletchley.example"],
        phones=["+44 20 7946 0958", "+1 415 555 0134"],
    )
    for q in ("a.turing@bletchley", "BLETCHLEY.example", "+1415555"):
        found = await crm.all_pages(client, "contacts", sales, q=q)
        assert [c["id"] for c in found] == [contact["id"]], q
        assert await crm.all_pages(client, "contacts", viewer, q=q) == [], q
    changed = await _patch(client, contact, sales, emails=["alan@work.example"])
    assert changed.status_code == 200
    assert await crm.all_pages(client, "contacts", sales, q="bletchley") == []


async def test_merge_moves_addresses_to_the_survivor_when_contacts_are_merged(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await users.headers(Role.SALES, team="EMEA")
    survivor = await crm.contact(
        client, headers, emails=["kim@acme.example", "kim@home.example"], phones=["+33123456789"]
    )
    absorbed = await _post(
        client,
        headers,
        force=True,
        emails=["KIM@home.example", "kim.l@gmail.example"],
        phones=["+1 415 555 0134", "+33 1 23 45 67 89"],
    )
    merged = await client.post(
        f"/api/v1/contacts/{survivor['id']}/merge",
        json={"merged_id": absorbed.json()["id"]},
        headers=headers,
    )
    assert merged.status_code == 200, merged.text
    assert merged.json()["moved"] == {"activities": 0, "deals": 0, "emails": 1, "phones": 1}
    read = (await client.get(f"/api/v1/contacts/{survivor['id']}", headers=headers)).json()
    assert read["emails"] == ["kim@acme.example", "kim@home.example", "kim.l@gmail.example"]
    assert read["phones"] == ["+33123456789", "+14155550134"]
    assert read["email"] == "kim@acme.example"
    loser = (await client.get(f"/api/v1/contacts/{absorbed.json()['id']}", headers=headers)).json()
    assert (loser["emails"], loser["phones"], loser["email"]) == ([], [], None)
    again = await _post(client, headers, emails=["kim.l@gmail.example"])
    assert assert_problem(again, 409)["duplicate_id"] == survivor["id"]


async def test_erasure_clears_every_address_when_a_contact_is_erased(
    client: httpx.AsyncClient, users: Users
) -> None:
    sales = await users.headers(Role.SALES, team="EMEA")
    officer = await users.headers(Role.COMPLIANCE_OFFICER)
    contact = await crm.contact(
        client,
        sales,
        emails=["hedy@fhss.example", "hedy.l@home.example"],
        phones=["+1 415 555 0134", "+1 415 555 0199"],
    )
    exported = await client.get(f"/api/v1/contacts/{contact['id']}/export", headers=sales)
    assert exported.json()["contact"]["emails"] == ["hedy@fhss.example", "hedy.l@home.example"]
    assert exported.json()["contact"]["phones"] == ["+14155550134", "+14155550199"]

    erased = await client.post(f"/api/v1/contacts/{contact['id']}/erase", headers=officer)
    assert erased.status_code == 200, erased.text
    body = erased.json()
    assert (body["email"], body["emails"], body["phone"], body["phones"]) == (None, [], None, [])
    again = await client.get(f"/api/v1/contacts/{contact['id']}/export", headers=sales)
    assert "hedy" not in again.text.lower()
    assert "4155550199" not in again.text
    assert await crm.all_pages(client, "contacts", sales, q="home.example") == []
    # The erased addresses no longer count as duplicates.
    await crm.contact(client, sales, emails=["hedy.l@home.example"], phones=["+14155550199"])


CONTACTS_CSV = (
    "first_name,last_name,email,phone\n"
    "Ada,Lovelace,ada@one.example; Ada@Two.EXAMPLE,+44 20 7946 0958;+1 415 555 0134\n"
    "Known,Person,new@x.example;known@second.example,\n"
    "Twin,InFile,other@y.example;ada@two.example,\n"
    "Phone,Twin,,+1 (415) 555-0134\n"
    "Bad,Item,ok@z.example;not-an-email,\n"
    "Plain,One,plain@z.example,\n"
)


async def test_import_reads_several_values_when_cells_are_separated_by_semicolons(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await users.headers(Role.SALES, team="EMEA")
    known = await crm.contact(
        client, headers, emails=["known@first.example", "known@second.example"]
    )
    report = await _import(client, headers, CONTACTS_CSV, dry_run=True)
    assert (report["valid"], report["invalid"], report["duplicates"]) == (2, 1, 3)
    rows = {r["row"]: r for r in report["rows"]}
    assert rows[3]["duplicate_id"] == known["id"]
    assert rows[4]["reason"] == "same email as row 2"
    assert rows[5]["reason"] == "same phone as row 2"
    assert rows[6]["status"] == "invalid"
    assert rows[6]["reason"].startswith("email[1]:")

    committed = await _import(client, headers, CONTACTS_CSV, dry_run=False)
    assert committed["created"] == 2
    ada = (await crm.all_pages(client, "contacts", headers, q="ada@two.example"))[0]
    assert ada["emails"] == ["ada@one.example", "Ada@two.example"]
    assert ada["phones"] == ["+442079460958", "+14155550134"]
    duplicate = await _post(client, headers, phone="+14155550134")
    assert assert_problem(duplicate, 409)["duplicate_id"] == ada["id"]

    # The export writes the lists as the import reads them: a round trip finds only duplicates.
    exported = (await client.get("/api/v1/contacts/export.csv", headers=headers)).text
    again = await _import(client, headers, exported, dry_run=True)
    assert (again["valid"], again["duplicates"]) == (0, 3)
