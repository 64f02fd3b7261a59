"""Private keys and JWTs: whole PEM blocks, truncated blocks, JWT structure checks."""

from __future__ import annotations

import base64
import json
import time

import pytest

from compliance_engine.tests.secret_fakes import BASE64, FalseRow, TrueRow, fake, found, row


def _b64url(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def _pem(kind: str, seed: int, lines: int = 4) -> str:
    body = "\n".join(fake(BASE64, 64, seed + n) for n in range(lines))
    return f"-----BEGIN {kind}-----\n{body}\n-----END {kind}-----"


_JWT = (
    _b64url({"alg": "HS256", "typ": "JWT"})
    + "."
    + _b64url({"sub": "4242", "name": "Test User", "iat": 1700000000})
    + "."
    + fake(BASE64.replace("+", "-").replace("/", "_"), 43, 601)
)
_TRUNCATED = "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(
    fake(BASE64, 64, 610 + n) for n in range(3)
)
_PUTTY = (
    "PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nComment: rsa-key\n"
    "Public-Lines: 1\n"
    + fake(BASE64, 64, 620)
    + "\nPrivate-Lines: 2\n"
    + fake(BASE64, 64, 621)
    + "\n"
    + fake(BASE64, 40, 622)
)

TRUE_POSITIVES: list[TrueRow] = [
    row("private-key", _pem("RSA PRIVATE KEY", 602), "here is the key:\n{}\nthanks"),
    row("private-key", _pem("EC PRIVATE KEY", 603)),
    row("private-key", _pem("OPENSSH PRIVATE KEY", 604)),
    row("private-key", _pem("ENCRYPTED PRIVATE KEY", 605)),
    row("private-key", _pem("PRIVATE KEY", 606).replace("\n", "\\n"), '"private_key": "{}"'),
    row("private-key", _pem("PGP PRIVATE KEY BLOCK", 607)),
    row("private-key", _TRUNCATED),
    row("putty-private-key", _PUTTY),
    row("private-key-non-pem", "MIIBOgIBAAJBA" + fake(BASE64, 300, 640), 'key_der = "{}"'),
    row("jwt", _JWT, "Authorization: {}"),
    row("jwt-base64", base64.b64encode(_JWT.encode()).decode()),
]

FALSE_POSITIVES: list[FalseRow] = [
    ("private-key", "-----BEGIN EC PRIVATE KEY----------END EC PRIVATE KEY-----"),
    ("private-key", "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----"),
    ("private-key", "-----BEGIN PUBLIC KEY-----\n" + fake(BASE64, 64, 630) + "\n-----END"),
    ("private-key-non-pem", "cert: MIIDdzCCAl+gAwIBAgIJ" + fake(BASE64, 200, 641)),
    ("jwt", "eyJAA.eyJBBB.eyJCC"),
    ("jwt", "eyJub3RhbGci.eyJmb28iOiJiYXIifQ.sig"),
]


@pytest.mark.parametrize(("rule", "text", "value"), TRUE_POSITIVES)
def test_reports_secret_when_key_material_present(rule: str, text: str, value: str) -> None:
    assert (rule, value) in found(text)


@pytest.mark.parametrize(("rule", "text"), FALSE_POSITIVES)
def test_reports_nothing_when_key_material_is_fake(rule: str, text: str) -> None:
    assert found(text) == [], rule


@pytest.mark.parametrize(
    "text",
    [
        "-----BEGIN PRIVATE KEY-----" * 2400,
        "-----BEGIN PRIVATE KEY-----\n" + "A" * 65536,
        "eyJ" * 21000,
        "eyJhbGciOiJIUzI1NiJ9." * 3000,
    ],
)
def test_finishes_fast_when_key_input_is_adversarial(text: str) -> None:
    started = time.perf_counter()
    found(text)
    assert time.perf_counter() - started < 1.0
