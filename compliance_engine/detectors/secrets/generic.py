"""Generic credentials: secret-named assignments and Kubernetes Secret manifests."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

from compliance_engine.detector import ScanText
from compliance_engine.detectors.secrets.assignments import (
    is_plausible_password,
    is_plausible_secret,
    key_kind,
)
from compliance_engine.detectors.secrets.finder import FinderRule, Hit
from compliance_engine.detectors.secrets.values import is_rejected
from compliance_engine.model import Severity

# Assignments are found from their operator: the regex engine skips straight to ':' '='
# and quote-comma, which prose rarely holds, instead of trying every word as a key.
# A comma only counts after a quoted key ("api_token", "value"), never in prose. One class
# of first characters, each continued by its own branch, lets the engine skip to candidates
# at C speed; the plain alternation (':{1,3}(?!//)=?|=>?|['"][ \t]*,') tried every position.
_OPERATOR = re.compile(r"""[:='"](?:(?<=:):{0,2}(?!//)=?|(?<==)>?|(?<=['"])[ \t]*,)""")
# The key is the identifier (a letter or "_", then up to 60 of [\w.-]) that ends where the
# operator's left side ends; see ``key_before``.
_KEY_MAX_LENGTH = 61
_KEY_FIRST = frozenset(string.ascii_letters + "_")
_ASCII_KEY_CHARS = string.ascii_letters + string.digits + "_.-"
# Go-style declarations put the type between name and operator: var apiToken string = "..."
_TYPE_WORDS = frozenset({"string", "str", "bytes", "text"})
# A quoted value runs to its closing quote (passwords hold ; , < > too); a bare one stops
# at what ends a value in code and prose.
_VALUE_AFTER = re.compile(
    r"""[ \t]*(?:"(?P<dq>[^"\s]{1,300})"|'(?P<sq>[^'\s]{1,300})'|`(?P<bq>[^`\s]{1,300})`"""
    r"""|['"`]?(?P<bare>[^\s'"`;,<>(){}\[\]]{1,300}))"""
)
# <apiToken>value</apiToken>
_XML_ELEMENT = re.compile(
    r"<(?P<key>[A-Za-z_][\w.\-]{0,60})>\s{0,20}(?P<value>[^\s<]{6,300})\s{0,20}</(?P=key)>"
)
# --password=value / --token value (the literal '-' first lets the engine skip ahead).
_CLI_FLAG = re.compile(
    r"-(?<![\w-]-)-?(?P<key>[a-zA-Z][\w-]{1,40})(?:=|[ \t]+)['\"]?(?P<value>[^\s'\"]{6,300})"
)
_SECRET_HINTS = ("pass", "pwd", "secret", "token", "key", "auth", "credential", "creds", "jwt")
_SECRET_HINT = re.compile("|".join(_SECRET_HINTS))
_KEY_REACH = 64
_BEFORE_OPERATOR = frozenset(" \t'\"]?+.")


def _has_secret_hint(key: str) -> bool:
    return _SECRET_HINT.search(key.lower()) is not None


def _is_key_char(char: str) -> bool:
    return char.isalnum() or char in "_.-"


def key_before(text: str, end: int) -> tuple[int, int] | None:
    """Return the span ``re.search(r"(?<![\\w.\\-])[A-Za-z_][\\w.\\-]{0,60}$", ...)`` finds
    in ``text[end - 64 : end]``, by walking back from ``end`` instead of trying every start.

    The key is the whole run of identifier characters ending at ``end`` (or before a newline
    there, where ``$`` also matches), so it must begin inside the window with a letter or "_".
    """
    stop = end - 1 if end and text[end - 1] == "\n" else end
    limit = max(0, end - _KEY_REACH)
    window = text[limit:stop]
    if window.isascii():
        start = limit + len(window.rstrip(_ASCII_KEY_CHARS))  # C speed for the usual case
    else:
        start = stop
        while start > limit and _is_key_char(text[start - 1]):
            start -= 1
    if start == stop or (start > 0 and _is_key_char(text[start - 1])):
        return None  # no identifier, or one that began before the window
    if text[start] not in _KEY_FIRST or stop - start > _KEY_MAX_LENGTH:
        return None
    return start, stop


def _judge(key: str, value: str, wanted: str) -> bool:
    if not _has_secret_hint(key) or key_kind(key) != wanted:
        return False
    return is_plausible_password(value) if wanted == "password" else is_plausible_secret(value)


def _operator_assignments(text: str) -> Iterator[tuple[str, int, int]]:
    for operator in _OPERATOR.finditer(text):
        key_end = operator.start()
        # Step back over what may sit between key and operator: quotes, ], ?= .= +=.
        while key_end and text[key_end - 1] in _BEFORE_OPERATOR:
            key_end -= 1
        key = key_before(text, key_end)
        if key is not None and text[key[0] : key[1]].lower() in _TYPE_WORDS:
            name_end = key[0]
            while name_end and text[name_end - 1] in " \t":
                name_end -= 1
            key = key_before(text, name_end)
        if key is None or not _has_secret_hint(text[key[0] : key[1]]):
            continue  # _judge would reject the key: spare the value match
        value = _VALUE_AFTER.match(text, operator.end())
        if value is not None:
            group = value.lastgroup or "bare"
            yield text[key[0] : key[1]], value.start(group), value.end(group)


def _find_assigned(text: str, wanted: str) -> Iterator[Hit]:
    # A repetitive text ("pwd=pwd=pwd=...") holds thousands of assignments whose long values
    # repeat: judging each (key, value) pair once keeps such a scan linear.
    verdicts: dict[tuple[str, str], bool] = {}
    for key, start, end in _operator_assignments(text):
        pair = (key, text[start:end])
        verdict = verdicts.get(pair)
        if verdict is None:
            verdict = verdicts[pair] = _judge(key, pair[1], wanted)
        if verdict:
            yield Hit(start, end, 0.75)
    for pattern in (_XML_ELEMENT, _CLI_FLAG):
        for match in pattern.finditer(text):
            if _judge(match.group("key"), match.group("value"), wanted):
                yield Hit(match.start("value"), match.end("value"), 0.75)


def find_assigned_secrets(scan: ScanText) -> Iterator[Hit]:
    """Yield values assigned to keys that name a secret, token or API key."""
    return _find_assigned(scan.text, "secret")


def find_assigned_passwords(scan: ScanText) -> Iterator[Hit]:
    """Yield values assigned to keys that name a password (password, passwd, pwd...)."""
    return _find_assigned(scan.text, "password")


_K8S_DOCUMENT_BREAK = re.compile(r"(?m)^---[ \t]*$")
_K8S_KIND = re.compile(r"(?i)\bkind['\"]?:[ \t]*['\"]?secret\b['\"]?[ \t,]*$", re.MULTILINE)
_K8S_DATA = re.compile(r"(?m)^(?P<indent>[ \t]*)(?:data|stringData):[ \t]*\r?$")
_K8S_ENTRY = re.compile(
    r"(?m)^(?P<indent>[ \t]+)(?P<key>[\w.\-]+):[ \t]*(?:[>|][-+]?[ \t]*\r?\n[ \t]+)?"
    r"['\"]?(?P<value>[A-Za-z0-9+/]{10,}={0,3})['\"]?[ \t]*\r?$"
)
_K8S_NOT_SECRET = ("user", "name", "host", "port", "url", "namespace")


def _data_entries(text: str, start: int, stop: int) -> Iterator[Hit]:
    for section in _K8S_DATA.finditer(text, start, stop):
        depth = len(section.group("indent"))
        for entry in _K8S_ENTRY.finditer(text, section.end(), stop):
            if len(entry.group("indent")) <= depth:
                break
            key = entry.group("key").lower()
            value = entry.group("value")
            if not any(word in key for word in _K8S_NOT_SECRET) and not is_rejected(value):
                yield Hit(entry.start("key"), entry.end("value"), 0.9)


def find_kubernetes_secret_data(scan: ScanText) -> Iterator[Hit]:
    """Yield key: value entries of the data section of a Kubernetes Secret manifest."""
    text = scan.text
    start = 0
    # A manifest file may hold several documents: kind and data must share one.
    for boundary in (*_K8S_DOCUMENT_BREAK.finditer(text), None):
        stop = boundary.start() if boundary is not None else len(text)
        if _K8S_KIND.search(text, start, stop):
            yield from _data_entries(text, start, stop)
        if boundary is not None:
            start = boundary.end()


GENERIC_RULES: tuple[FinderRule, ...] = (
    FinderRule(
        name="generic-api-key",
        keywords=("secret", "token", "key", "auth", "credential", "creds", "jwt"),
        find=find_assigned_secrets,
    ),
    FinderRule(
        name="generic-password",
        keywords=("pass", "pwd"),
        find=find_assigned_passwords,
    ),
    FinderRule(
        name="kubernetes-secret-yaml",
        keywords=("kind: secret", "kind: 'secret", 'kind: "secret', '"kind": "secret'),
        find=find_kubernetes_secret_data,
        severity=Severity.CRITICAL,
    ),
)
