from __future__ import annotations

from collections.abc import AsyncIterator, Coroutine
from typing import Any

import httpx
import pytest

from backend.app.config import Settings
from backend.app.permissions import Role
from backend.tests import crm_helpers as crm
from backend.tests.conftest import Users, assert_problem, make_settings

IMPORT_LIMIT = 400_000


@pytest.fixture
def settings(migrated_database_url: str) -> Settings:
    return make_settings(migrated_database_url, import_max_bytes=IMPORT_LIMIT)


def _post(
    client: httpx.AsyncClient, path: str, body: bytes | str, headers: dict[str, str]
) -> Coroutine[Any, Any, httpx.Response]:
    return client.post(path, content=body, headers=headers | {"Content-Type": "text/csv"})


MIXED = (
    "first_name,last_name,email,phone,job_title,tags,notes\n"
    "Ada,Lovelace,ada@example.com,+44 20 7946 0958,Analyst,vip;math,ignored\n"
    ",NoFirst,nofirst@example.com,,,,\n"
    "Bad,Email,not-an-email,,,,\n"
    "Ada,Again,ADA@example.com,,,,\n"
    "Known,Person,known@example.com,,,,\n"
    '"Quoted, Name","Multi\nLine",quoted@example.com,,,,\n'
)


async def test_dry_run_reports_each_problem_row_when_file_is_mixed(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await users.headers(Role.SALES, team="EMEA")
    known = await crm.contact(client, headers, email="known@example.com")
    response = await _post(client, "/api/v1/contacts/import?dry_run=true", MIXED, headers)
    assert response.status_code == 200, response.text
    report = response.json()
    assert (report["total"], report["valid"], report["invalid"], report["duplicates"]) == (
        6,
        2,
        2,
        2,
    )
    assert report["created"] == 0
    assert report["ignored_columns"] == ["notes"]
    rows = {r["row"]: r for r in report["rows"]}
    assert rows[3]["status"] == "invalid"
    assert rows[3]["reason"] == "first_name: required"
    assert rows[4]["status"] == "invalid"
    assert "email" in rows[4]["reason"]
    assert rows[5] == {
        "row": 5,
        "status": "duplicate",
        "reason": "same email as row 2",
        "duplicate_id": None,
    }
    assert rows[6]["duplicate_id"] == known["id"]
    listed = await client.get("/api/v1/contacts", headers=headers)
    assert len(listed.json()["items"]) == 1


async def test_commit_inserts_valid_rows_when_dry_run_is_false(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await users.headers(Role.SALES, team="EMEA")
    admin = await users.headers(Role.ADMIN)
    response = await _post(client, "/api/v1/contacts/import?dry_run=false", MIXED, headers)
    assert response.status_code == 200, response.text
    assert response.json()["created"] == 3
    contacts = await crm.all_pages(client, "contacts", headers, sort="last_name")
    assert [c["last_name"] for c in contacts] == ["Lovelace", "Multi\nLine", "Person"]
    ada = contacts[0]
    assert (ada["email"], ada["phone"], ada["tags"]) == (
        "ada@example.com",
        "+442079460958",
        ["vip", "math"],
    )
    tagged = await crm.all_pages(client, "contacts", headers, tag="vip")
    assert [c["id"] for c in tagged] == [ada["id"]]
    entries = (await client.get("/api/v1/audit", headers=admin)).json()["items"]
    assert entries[0]["action"] == "crm.contact.imported"
    assert entries[0]["details"]["created"] == 3


async def test_import_handles_thousands_of_rows_when_batches_span_the_file(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await users.headers(Role.SALES, team="EMEA")
    lines = ["name,domain,industry"] + [f"Company {i},c{i}.example.com,Retail" for i in range(2500)]
    lines.append("Twin,c7.example.com,Retail")
    body = "\n".join(lines) + "\n"
    response = await _post(client, "/api/v1/companies/import?dry_run=false", body, headers)
    assert response.status_code == 200, response.text
    report = response.json()
    assert (report["created"], report["duplicates"]) == (2500, 1)
    assert report["rows"][0]["reason"] == "same domain as row 9"
    page = (await client.get("/api/v1/companies?q=c2499.example", headers=headers)).json()
    assert [c["name"] for c in page["items"]] == ["Company 2499"]


async def test_import_gets_a_clear_422_when_columns_are_missing_or_encoding_is_wrong(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await users.headers(Role.SALES, team="EMEA")
    missing = await _post(client, "/api/v1/contacts/import", "email,phone\na@b.co,\n", headers)
    assert assert_problem(missing, 422)["missing_columns"] == ["first_name"]
    latin1 = "first_name,email\nJosé,jose@example.com\n".encode("latin-1")
    wrong = await _post(client, "/api/v1/contacts/import", latin1, headers)
    assert "UTF-8" in assert_problem(wrong, 422)["detail"]
    empty = await _post(client, "/api/v1/contacts/import", b"", headers)
    assert_problem(empty, 422)


async def test_import_gets_413_when_file_is_over_the_limit(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await users.headers(Role.SALES, team="EMEA")
    big = "first_name\n" + "x\n" * (IMPORT_LIMIT // 2 + 10)
    declared = await _post(client, "/api/v1/contacts/import", big, headers)
    assert_problem(declared, 413)

    async def chunked() -> AsyncIterator[
        bytes
    ]:  # no Content-Length: the service counts while streaming
        for _ in range(IMPORT_LIMIT // 10_000 + 2):
            yield b"x\n" * 5_000

    streamed = await client.post(
        "/api/v1/contacts/import",
        content=chunked(),
        headers=headers | {"Content-Type": "text/csv"},
    )
    assert_problem(streamed, 413)
    other = await client.post(
        "/api/v1/contacts", content=b"{" + b" " * 2_000_000 + b"}", headers=headers
    )
    assert_problem(other, 413)


async def test_multipart_upload_is_accepted_when_file_field_holds_the_csv(
    client: httpx.AsyncClient, users: Users
) -> None:
    headers = await users.headers(Role.SALES, team="EMEA")
    files = {"file": ("contacts.csv", b"first_name,email\nLin,lin@example.com\n", "text/csv")}
    response = await client.post(
        "/api/v1/contacts/import?dry_run=false", files=files, headers=headers
    )
    assert response.status_code == 200, response.text
    assert response.json()["created"] == 1
