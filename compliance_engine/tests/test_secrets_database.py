"""Credentials in connection URLs and connection strings."""

from __future__ import annotations

import time

import pytest

from compliance_engine.tests.secret_fakes import BASE62, FalseRow, TrueRow, fake, found, row

_PW = fake(BASE62, 16, 701)
TRUE_POSITIVES: list[TrueRow] = [
    row("database-url-password", f"postgresql://crm:{_PW}@db.internal:5432/crm", "DSN={}"),
    row("database-url-password", f"mongodb+srv://app:{_PW}@cluster0.mongodb.net/prod"),
    row("database-url-password", f"redis://:{_PW}@cache:6379/0"),
    row("database-url-password", f"amqp://rabbit:{_PW}@mq.local:5672"),
    row("database-url-password", f"jdbc:mysql://root:{_PW}@10.0.0.5:3306"),
    row("basic-auth-url", f"https://deploy:{_PW}@artifacts.corp.net/repo"),
    row("basic-auth-url", "https://admin:hunter2@intranet.example.org"),
    row(
        "connection-string-password",
        _PW,
        "Server=tcp:sql.database.windows.net;Database=crm;User ID=app;Password={};",
    ),
    row("connection-string-password", _PW, "Driver={{ODBC}};Server=db;UID=sa;PWD={};"),
]

FALSE_POSITIVES: list[FalseRow] = [
    ("database-url-password", "postgres://user:${DB_PASSWORD}@db:5432/app"),
    ("database-url-password", "mysql://root:<password>@localhost/db"),
    ("database-url-password", "redis://:****@localhost:6379"),
    ("database-url-password", "mongodb://admin:xxxxxxxx@host/db"),
    ("basic-auth-url", "see https://intranet:8443 @alice for access"),
    ("basic-auth-url", "see https://intranet:8443/ @alice for access"),
    (
        "connection-string-password",
        "Server=tcp:crm-db.database.windows.net;Initial Catalog=crm;Pwd=<your password>;",
    ),
    ("connection-string-password", "Server=db;Database=crm;Password={{ db_password }};"),
]


@pytest.mark.parametrize(("rule", "text", "value"), TRUE_POSITIVES)
def test_reports_secret_when_connection_credential_present(
    rule: str, text: str, value: str
) -> None:
    assert (rule, value) in found(text)


@pytest.mark.parametrize(("rule", "text"), FALSE_POSITIVES)
def test_reports_nothing_when_connection_password_is_placeholder(rule: str, text: str) -> None:
    assert found(text) == [], rule


@pytest.mark.parametrize(
    "text",
    ["postgres://a:" * 6000, "https://u:" + "p" * 65536, "server=;password=" * 4000],
)
def test_finishes_fast_when_connection_input_is_adversarial(text: str) -> None:
    started = time.perf_counter()
    found(text)
    assert time.perf_counter() - started < 1.0
