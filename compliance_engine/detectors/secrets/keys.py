"""Key material: PEM private key blocks, PuTTY keys and JSON Web Tokens."""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterator

from compliance_engine.detector import ScanText
from compliance_engine.detectors.secrets.finder import FinderRule, Hit
from compliance_engine.detectors.secrets.rule import SecretRule
from compliance_engine.detectors.secrets.values import shannon_entropy
from compliance_engine.model import Severity

_BEGIN = re.compile(r"-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----")
_END = re.compile(r"-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----")
# Base64 body lines, also with JSON-escaped newlines.
_BODY = re.compile(r"(?:[A-Za-z0-9+/=\s]|\\n){32,16384}")
_MIN_BODY_CHARS = 32


def _body_chars(block: str) -> int:
    return sum(1 for char in block if char.isalnum())


def find_private_keys(scan: ScanText) -> Iterator[Hit]:
    """Yield PEM private key blocks; a block cut before its END line still counts."""
    text = scan.text
    position = 0
    while True:
        begin = _BEGIN.search(text, position)
        if begin is None:
            return
        end = _END.search(text, begin.end())
        if end is not None:
            body = text[begin.end() : end.start()]
            if _body_chars(body) >= _MIN_BODY_CHARS and "-----BEGIN" not in body:
                yield Hit(begin.start(), end.end(), 1.0)
                position = end.end()
                continue
        tail = _BODY.match(text, begin.end())
        if tail is not None and _body_chars(tail.group()) >= 64:
            yield Hit(begin.start(), tail.end(), 0.95)
            position = tail.end()
            continue
        if end is None:
            return
        position = begin.end()


def _b64url_json(segment: str) -> object:
    padded = segment + "=" * (-len(segment) % 4)
    try:
        return json.loads(base64.urlsafe_b64decode(padded))
    except (binascii.Error, ValueError):
        return None


def is_jwt(value: str) -> bool:
    """Tell whether a value is a JWT: dot-separated base64url JSON header and payload.

    A header starting "eyJ" (base64 of '{"') must decode to a JSON object naming "alg"
    or "typ", with a JSON payload. Tokens whose header is opaque base64url (issuers that
    wrap or encrypt it) count when both parts are long and the whole looks random.
    """
    parts = value.split(".")
    if len(parts) < 2:
        return False
    if parts[0].startswith("eyJ"):
        header = _b64url_json(parts[0])
        return (
            isinstance(header, dict)
            and ("alg" in header or "typ" in header)
            and isinstance(_b64url_json(parts[1]), dict)
        )
    return (
        len(parts) >= 3
        and len(parts[0]) >= 19
        and len(parts[1]) >= 19
        and shannon_entropy(value) >= 4.0
    )


def _is_der_private_key(value: str) -> bool:
    # Base64 DER private keys open with SEQUENCE then INTEGER 0 (the version), which
    # encodes as "IBA" at offset 6; certificates open with another SEQUENCE instead.
    return value[6:9] == "IBA"


def _is_base64_jwt(value: str) -> bool:
    try:
        decoded = base64.b64decode(value + "=" * (-len(value) % 4)).decode("ascii").strip()
    except (binascii.Error, ValueError):
        return False
    return is_jwt(decoded)


KEY_RULES: tuple[SecretRule | FinderRule, ...] = (
    FinderRule(
        name="private-key",
        keywords=("private key-----", "private key block-----"),
        find=find_private_keys,
        severity=Severity.CRITICAL,
    ),
    SecretRule(
        name="putty-private-key",
        regex=r"(PuTTY-User-Key-File-\d: [^\r\n]{1,80}\r?\n(?:[^\r\n]{0,200}\r?\n){0,40}?"
        r"Private-Lines: \d{1,3}\r?\n[A-Za-z0-9+/=\r\n]{40,8192})",
        keywords=("putty-user-key-file-",),
        severity=Severity.CRITICAL,
    ),
    SecretRule(
        name="private-key-non-pem",
        regex=r"(?<![A-Za-z0-9+/])(MII[BCEJ][0-9a-zA-Z+/]{60,8192}={0,2})(?![A-Za-z0-9+/])",
        keywords=("mii",),
        severity=Severity.CRITICAL,
        check=_is_der_private_key,
    ),
    SecretRule(
        name="jwt",
        regex=r"(?<![\w\-])(ey[A-Za-z0-9_\-]{8,4096}={0,2}\.ey[A-Za-z0-9_\-/\\]{4,8192}={0,2}"
        r"(?:\.[A-Za-z0-9_\-+/\\]{0,4096}={0,2})?)(?![\w\-])",
        keywords=("eyj", "jwt"),
        score=0.9,
        check=is_jwt,
    ),
    SecretRule(
        name="jwt-base64",
        regex=r"(?<![\w+/])(ZXlK[A-Za-z0-9+/]{40,}={0,2})(?![\w+/])",
        keywords=("zxlk",),
        check=_is_base64_jwt,
    ),
)
