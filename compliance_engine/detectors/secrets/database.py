"""Credentials in connection URLs and ADO.NET / ODBC / JDBC connection strings."""

from __future__ import annotations

import re
from collections.abc import Iterator

from compliance_engine.detector import ScanText
from compliance_engine.detectors.secrets.finder import FinderRule, Hit
from compliance_engine.detectors.secrets.rule import SecretRule
from compliance_engine.detectors.secrets.values import is_rejected, is_template_or_mask
from compliance_engine.model import Severity

_DB_SCHEMES = (
    "postgres",
    "postgresql",
    "mysql",
    "mariadb",
    "mongodb",
    "mongodb+srv",
    "redis",
    "rediss",
    "amqp",
    "amqps",
    "mssql",
    "sqlserver",
    "oracle",
    "cockroachdb",
    "couchdb",
    "cassandra",
    "neo4j",
    "clickhouse",
    "nats",
    "kafka",
)
_OTHER_SCHEMES = ("https", "http", "ftp", "ftps", "sftp", "smtp", "smtps", "ldap", "ldaps", "ssh")

# scheme://user:password@host — the user part has no ':' '/' '@'; the password no '@'.
# Scored just under self-identifying tokens, so a GitHub token inside a URL is reported
# as such.
_URL_TEMPLATE = (
    r"(?i)(?<![\w+.\-])((?:jdbc:)?(?:{schemes})://[^\s:/@'\"<>]{{0,128}}:([^\s@'\"<>]{{1,256}})"
    r"@[\w.\-]+(?::\d{{1,5}})?(?:/[\w.\-]*)?)"
)


def _password_of(url: str) -> str:
    credentials = url.split("://", 1)[1].rsplit("@", 1)[0]
    return credentials.split(":", 1)[1] if ":" in credentials else ""


def _real_password(url: str) -> bool:
    # A literal word (user:password@host) is still a credential in a URL; variable
    # references and masks are not.
    password = _password_of(url)
    return len(password) >= 3 and not is_template_or_mask(password)


def _scheme_alternation(schemes: tuple[str, ...]) -> str:
    return "|".join(re.escape(s) for s in sorted(schemes, key=len, reverse=True))


_CONNECTION_CONTEXT = (
    "server=",
    "data source=",
    "host=",
    "uid=",
    "user id=",
    "database=",
    "initial catalog=",
    "dsn=",
    "jdbc:",
)
_CONNECTION_PASSWORD = re.compile(
    r"(?i)(?:^|[;?&\s\"'])(?:password|pwd)[ \t]*=[ \t]*(\{[^}]{1,128}\}|[^;&'\"\s]{1,128})"
)


def find_connection_string_passwords(scan: ScanText) -> Iterator[Hit]:
    """Yield Password=/Pwd= values of connection strings (Server=...;Password=...;)."""
    lower = scan.lower
    if not any(word in lower for word in _CONNECTION_CONTEXT):
        return
    for match in _CONNECTION_PASSWORD.finditer(scan.text):
        raw = match.group(1)
        value = raw.strip("{}")
        # "<your password>" is cut at its space, so "<" alone marks a stand-in here.
        if raw.startswith("<") or len(value) < 3 or is_rejected(raw) or is_rejected(value):
            continue
        yield Hit(match.start(1), match.end(1), 0.9)


DATABASE_RULES: tuple[SecretRule | FinderRule, ...] = (
    SecretRule(
        name="database-url-password",
        regex=_URL_TEMPLATE.format(schemes=_scheme_alternation(_DB_SCHEMES)),
        keywords=tuple(f"{scheme}://" for scheme in _DB_SCHEMES),
        severity=Severity.CRITICAL,
        score=0.88,
        check=_real_password,
    ),
    SecretRule(
        name="basic-auth-url",
        regex=_URL_TEMPLATE.format(schemes=_scheme_alternation(_OTHER_SCHEMES)),
        keywords=tuple(f"{scheme}://" for scheme in _OTHER_SCHEMES),
        score=0.88,
        check=_real_password,
    ),
    FinderRule(
        name="connection-string-password",
        keywords=("password=", "pwd=", "password =", "pwd ="),
        find=find_connection_string_passwords,
        severity=Severity.CRITICAL,
    ),
)
