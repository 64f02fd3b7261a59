"""Credentials passed over HTTP: curl -u user:password and authorization headers."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator

from compliance_engine.detector import ScanText
from compliance_engine.detectors.secrets.finder import FinderRule, Hit
from compliance_engine.detectors.secrets.values import is_rejected, shannon_entropy

# curl -u user:password, --user "user":"password", --user='user:password'. The
# alternatives start with different characters, so matching never backtracks.
_CURL_USER = re.compile(
    r"""(?:^|\s)(?:-u|--user)(?:=|[ \t]{1,5})"""
    r"""(?P<cred>(?:"[^"\n]{0,200}"|'[^'\n]{0,200}'|[^\s'"]){1,300})"""
)
_STAND_IN_PASSWORDS = frozenset({"pass", "pwd", "test", "token", "secret", "yyy"})


def _plausible_curl_secret(value: str) -> bool:
    if len(value) < 4 or value.startswith(("$", "{{")) or is_rejected(value):
        return False
    if value.lower() in _STAND_IN_PASSWORDS:
        return False
    # A short lower-case word is a stand-in (user:token), not a password.
    return not (value.isalpha() and value.islower() and len(value) < 10)


def find_curl_user(scan: ScanText) -> Iterator[Hit]:
    """Yield the user:password argument of curl -u / --user."""
    for match in _CURL_USER.finditer(scan.text):
        raw = match.group("cred")
        credentials = raw.replace('"', "").replace("'", "")
        if ":" not in credentials or any(mark in credentials for mark in ("$(", "${", "{{")):
            continue
        user, password = credentials.split(":", 1)
        # "user:" with nothing after it: curl then prompts, but a token may sit in "user".
        secret = password if password else user
        if _plausible_curl_secret(secret.strip("<>[]{}")) and not user.startswith("<"):
            yield Hit(match.start("cred"), match.end("cred"), 0.85)


# -H "Authorization: Bearer x", -H 'X-Api-Key: x', --header "Token: x" (in curl commands).
_CURL_HEADER = re.compile(
    r"""(?i)(?:-H|--header)(?:=|[ \t]{1,5})['"](?P<name>authorization|(?:x-(?:[a-z]+-)?)?"""
    r"""(?:api-?)?(?:key|token)|x-auth-token|private-token):[ \t]{0,5}"""
    r"""(?:(?P<scheme>basic|bearer|token|api-token|bot)[ \t]+)?(?P<value>[^\s'"]{8,4096})['"]"""
)
# Authorization headers anywhere else (HTTP dumps, config files, code).
_AUTH_HEADER = re.compile(
    r"(?i)(?:authorization|x-api-key|x-auth-token|api-key|private-token)"
    r"[ \t]*['\"]?[ \t]*[:=][ \t]*"
    r"(?:(?P<scheme>bearer|basic|token|api-token|bot)[ \t]+)?(?P<value>[\w.~+/@=\-]{8,4096})"
)
_BEARER = re.compile(r"(?i)(?<![\w-])bearer[ \t]+(?P<value>[\w.~+/\-]{20,4096}=*)")


def _decodes_to_credentials(value: str) -> bool:
    try:
        decoded = base64.b64decode(value + "=" * (-len(value) % 4), validate=True)
    except (binascii.Error, ValueError):
        return False
    return b":" in decoded and len(decoded) >= 5


def _plausible_header_value(scheme: str, value: str, min_length: int) -> bool:
    if is_rejected(value) or value.startswith(("$", "{", "<")):
        return False
    if scheme == "basic":
        return _decodes_to_credentials(value)
    return len(value) >= min_length and shannon_entropy(value) >= 2.75


def find_authorization_headers(scan: ScanText) -> Iterator[Hit]:
    """Yield credentials of Authorization / API-key headers and bare Bearer tokens."""
    text = scan.text
    seen: set[int] = set()
    # Inside a curl -H argument the header is certain, so shorter values count.
    for pattern, min_length in ((_CURL_HEADER, 8), (_AUTH_HEADER, 16), (_BEARER, 20)):
        for match in pattern.finditer(text):
            start = match.start("value")
            scheme = match.groupdict().get("scheme") or ("bearer" if pattern is _BEARER else "")
            if start not in seen and _plausible_header_value(
                scheme.lower(), match.group("value"), min_length
            ):
                seen.add(start)
                yield Hit(start, match.end("value"), 0.85)


HTTP_AUTH_RULES: tuple[FinderRule, ...] = (
    FinderRule(name="curl-auth-user", keywords=("-u ", "--user", "-u="), find=find_curl_user),
    FinderRule(
        name="authorization-header",
        keywords=(
            "authorization",
            "bearer",
            "api-key",
            "auth-token",
            "private-token",
            "-h ",
            "--header",
        ),
        find=find_authorization_headers,
    ),
)
