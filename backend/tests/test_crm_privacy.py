from __future__ import annotations

import csv
import io

import httpx

from backend.app.permissions import Role
from backend.tests import crm_helpers as crm
from backend.tests.conftest import Users, assert_problem


async def test_personal_fields_are_masked_when_a_viewer_reads_lists_or_exports(
    client: httpx.AsyncClient, users: Users
) -> None:
    sales = await users.headers(Role.SALES, team="EMEA")
    viewer = await users.headers(Role.VIEWER)
    officer = await users.headers(Role.COMPLIANCE_OFFICER)
    contact = await crm.contact(
        client,
        sales,
        first_name="Marie",
        last_name="Curie",
        email="marie@radium.fr",
        phone="+33 1 40 51 20 00",
        job_title="Physicist",
        consents={"marketing": {"granted": True, "source": "trade show"}},
    )
    await crm.note(client, sales, contact_id=contact["id"], body="Prefers calls after 5pm")

    masked = (await client.get(f"/api/v1/contacts/{contact['id']}", headers=viewer)).json()
    assert masked["first_name"] == "***"
    assert masked["last_name"] == "***"
    assert masked["email"] == "***@radium.fr"
    assert masked["phone"] == "***"
    assert masked["consents"] == {}
    assert masked["job_title"] == "Physicist"
    listed = (await client.get("/api/v1/contacts", headers=viewer)).json()["items"]
    assert listed[0]["email"] == "***@radium.fr"
    timeline = await client.get(f"/api/v1/contacts/{contact['id']}/timeline", headers=viewer)
    assert timeline.json()["items"][0]["body"] == "***"
    search = await client.get("/api/v1/contacts?q=curie", headers=viewer)
    assert search.status_code == 200
    assert search.json()["items"] == []

    exported = await client.get("/api/v1/contacts/export.csv", headers=viewer)
    assert exported.status_code == 200
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert rows[0]["email"] == "***@radium.fr"
    assert "Marie" not in exported.text

    clear = (await client.get(f"/api/v1/contacts/{contact['id']}", headers=officer)).json()
    assert clear["email"] == "marie@radium.fr"
    assert clear["consents"]["marketing"]["granted"] is True
    assert clear["consents"]["marketing"]["source"] == "trade show"
    assert clear["consents"]["marketing"]["recorded_at"]


# What a viewer's ?q= finds: the company's name or domain (public), never a masked field.
VIEWER_SEARCHES = {
    "radium institute": True,  # the contact's company name
    "RADIUM.FR": True,  # the company's domain
    "curie": False,  # last name
    "marie": False,  # first name, and the mailbox of the email
    "marie@radium": False,  # email
    "pierre@radium.fr": False,  # email of a contact without a company
    "+3314051": False,  # phone
}


async def test_viewer_search_matches_only_unmasked_fields_when_contacts_are_searched(
    client: httpx.AsyncClient, users: Users
) -> None:
    sales = await users.headers(Role.SALES, team="EMEA")
    viewer = await users.headers(Role.VIEWER)
    radium = await crm.company(client, sales, name="Radium Institute", domain="radium.fr")
    marie = await crm.contact(
        client,
        sales,
        first_name="Marie",
        last_name="Curie",
        email="marie@radium.fr",
        phone="+33 1 40 51 20 00",
        company_id=radium["id"],
    )
    await crm.contact(
        client, sales, first_name="Pierre", last_name="Curie", email="pierre@radium.fr"
    )

    for q, finds in VIEWER_SEARCHES.items():
        found = await crm.all_pages(client, "contacts", viewer, q=q)
        assert [c["id"] for c in found] == ([marie["id"]] if finds else []), q
        assert all(c["last_name"] == "***" for c in found), q
    exported = await client.get(
        "/api/v1/contacts/export.csv", params={"q": "marie@radium"}, headers=viewer
    )
    assert exported.status_code == 200
    assert list(csv.DictReader(io.StringIO(exported.text))) == []

    for q in ("curie", "marie@radium", "+3314051"):
        found = await crm.all_pages(client, "contacts", sales, q=q)
        assert marie["id"] in {c["id"] for c in found}, q


async def test_audit_records_fields_not_personal_values_when_contacts_change(
    client: httpx.AsyncClient, users: Users
) -> None:
    sales = await users.headers(Role.SALES, team="EMEA")
    admin = await users.headers(Role.ADMIN)
    contact = await crm.contact(client, sales, first_name="Nikola", email="nikola@tesla.io")
    await client.patch(
        f"/api/v1/contacts/{contact['id']}",
        json={"email": "nt@tesla.io", "job_title": "Inventor"},
        headers=sales,
    )
    await client.delete(f"/api/v1/contacts/{contact['id']}", headers=sales)
    entries = (await client.get("/api/v1/audit", headers=admin)).json()["items"]
    crm_entries = [e for e in entries if e["target_id"] == contact["id"]]
    actions = [e["action"] for e in crm_entries]
    assert actions == ["crm.contact.archived", "crm.contact.updated", "crm.contact.created"]
    updated = crm_entries[1]["details"]
    assert updated["fields"] == ["email", "emails", "job_title"]
    assert updated["values"] == {"job_title": "Inventor"}
    assert "nikola" not in str(crm_entries).lower()
    assert "nt@tesla.io" not in str(crm_entries)


async def test_subject_export_holds_everything_when_a_contact_is_exported(
    client: httpx.AsyncClient, users: Users
) -> None:
    sales = await users.headers(Role.SALES, team="EMEA")
    admin = await users.headers(Role.ADMIN)
    company = await crm.company(client, sales, name="Radium SA")
    contact = await crm.contact(
        client, sales, first_name="Irène", email="irene@radium.fr", company_id=company["id"]
    )
    deal = await crm.deal(client, sales, contact_ids=[contact["id"]], amount="5000.00")
    await crm.note(client, sales, contact_id=contact["id"], body="Asked for the data sheet")
    exported = await client.get(f"/api/v1/contacts/{contact['id']}/export", headers=sales)
    assert exported.status_code == 200
    document = exported.json()
    assert document["contact"]["email"] == "irene@radium.fr"
    assert document["company"]["name"] == "Radium SA"
    assert [d["id"] for d in document["deals"]] == [deal["id"]]
    assert [a["body"] for a in document["activities"]] == ["Asked for the data sheet"]
    entries = (await client.get("/api/v1/audit", headers=admin)).json()["items"]
    assert entries[0]["action"] == "crm.contact.subject_exported"


async def test_erasure_anonymises_contact_and_keeps_deals_when_officer_erases(
    client: httpx.AsyncClient, users: Users
) -> None:
    sales = await users.headers(Role.SALES, team="EMEA")
    officer = await users.headers(Role.COMPLIANCE_OFFICER)
    admin = await users.headers(Role.ADMIN)
    contact = await crm.contact(
        client, sales, first_name="Hedy", last_name="Lamarr", email="hedy@fhss.com"
    )
    deal = await crm.deal(client, sales, contact_ids=[contact["id"]], amount="750.00")
    await crm.note(client, sales, contact_id=contact["id"], body="Hedy's home address is ...")

    denied = await client.post(f"/api/v1/contacts/{contact['id']}/erase", headers=sales)
    assert_problem(denied, 403)
    erased = await client.post(f"/api/v1/contacts/{contact['id']}/erase", headers=officer)
    assert erased.status_code == 200, erased.text
    body = erased.json()
    assert (body["first_name"], body["last_name"], body["email"]) == ("Erased", "", None)
    assert body["erased_at"] is not None

    kept = (await client.get(f"/api/v1/deals/{deal['id']}", headers=sales)).json()
    assert kept["amount"] == "750.00"
    assert kept["contact_ids"] == [contact["id"]]
    timeline = (
        await client.get(f"/api/v1/contacts/{contact['id']}/timeline", headers=sales)
    ).json()["items"]
    assert "Hedy" not in str(timeline)
    assert [a["type"] for a in timeline] == ["erased", "note"]
    search = await client.get("/api/v1/contacts?q=lamarr", headers=sales)
    assert search.json()["items"] == []
    entries = (await client.get("/api/v1/audit", headers=admin)).json()["items"]
    assert entries[0]["action"] == "crm.contact.erased"
    assert "hedy" not in str(entries).lower()
