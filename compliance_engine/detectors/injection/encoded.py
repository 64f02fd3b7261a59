"""Find base64, hex and URL-encoded runs and decode each of them once.

Only runs that decode to readable text are returned: the caller re-scans that
text with the cues and the classifier. Decoding is never repeated (a payload
encoded twice stays opaque) and both the number of runs and the decoded length
are capped, so a hostile message cannot make the scan expensive.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import unquote

MAX_RUNS = 8
MAX_DECODED_CHARS = 4096
# Below this share of printable characters a decoded run is binary, not a payload.
MIN_PRINTABLE_SHARE = 0.9

_MIN_RUN = 20
# A run must follow a character outside the alphabet: starting with that (rarer) class lets
# the engine skip the middle of words, twice as fast as a bare run pattern.
_BASE64_RUN = re.compile(rf"[^A-Za-z0-9+/_-]([A-Za-z0-9+/_-]{{{_MIN_RUN},}}={{0,2}})")
# "a" for each base64 character, " " otherwise; a run is _MIN_RUN "a" in a row.
_BASE64_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-"
_BASE64_SKELETON = bytes(0x61 if code in _BASE64_ALPHABET else 0x20 for code in range(256))
_BASE64_NEEDLE = b"a" * _MIN_RUN
_BASE64_RUN_AT_START = re.compile(rf"[A-Za-z0-9+/_-]{{{_MIN_RUN},}}={{0,2}}")
_ESCAPED_HEX_RUN = re.compile(r"(?:\\x[0-9a-fA-F]{2}){8,}")
# Starts at a literal "%" so the engine can skip quickly to candidates.
_URL_ENCODED_RUN = re.compile(r"(?:%[0-9a-fA-F]{2}[^\s%]{0,16}){4,}")
_TOKEN_HEAD = re.compile(r"[^\s%]+$")
_HEX_ONLY = re.compile(r"(?:[0-9a-fA-F]{2})+")

_Decoder = Callable[[str], "str | None"]


@dataclass(frozen=True, slots=True)
class DecodedRun:
    """A span of the original text and the readable text it decodes to."""

    encoding: str
    start: int
    end: int
    decoded: str


def find_decoded_runs(text: str) -> tuple[DecodedRun, ...]:
    """Return the encoded runs of ``text`` that decode (once) to readable text."""
    runs: list[DecodedRun] = []
    if "%" in text:
        _collect(runs, "url", _URL_ENCODED_RUN.finditer(text), text, _decode_url)
    if "\\x" in text:
        _collect(runs, "hex", _ESCAPED_HEX_RUN.finditer(text), text, _decode_escaped_hex)
    # A C-speed substring test on the text's skeleton finds the first possible run, if any.
    first = text.encode("ascii", "replace").translate(_BASE64_SKELETON).find(_BASE64_NEEDLE)
    if first == 0:
        at_start = _BASE64_RUN_AT_START.match(text)
        if at_start is not None:
            _collect(runs, "base64", (at_start,), text, _decode_base64_or_hex)
    if first != -1:
        matches = _BASE64_RUN.finditer(text, max(0, first - 1))
        _collect(runs, "base64", matches, text, _decode_base64_or_hex, group=1)
    return tuple(runs)


def _collect(
    runs: list[DecodedRun],
    encoding: str,
    matches: Iterable[re.Match[str]],
    text: str,
    decode: _Decoder,
    group: int = 0,
) -> None:
    for match in matches:
        if len(runs) >= MAX_RUNS:
            return
        start, end = match.span(group)
        if encoding == "url":
            # The run regex starts at the first escape; take in the word it belongs to.
            head = _TOKEN_HEAD.search(text, max(0, start - 32), start)
            start = head.start() if head else start
        decoded = decode(text[start:end])
        if decoded is not None and _is_readable(decoded):
            runs.append(DecodedRun(encoding, start, end, decoded))


def _is_readable(decoded: str) -> bool:
    if " " not in decoded:
        return False
    printable = sum(ch.isprintable() or ch in "\n\t" for ch in decoded)
    return printable >= MIN_PRINTABLE_SHARE * len(decoded)


def _decode_url(run: str) -> str | None:
    try:
        decoded = unquote(run[: MAX_DECODED_CHARS * 3], errors="strict")
    except UnicodeDecodeError:
        return None
    return decoded.replace("+", " ")


def _decode_escaped_hex(run: str) -> str | None:
    return _bytes_to_text(bytes.fromhex(run[: MAX_DECODED_CHARS * 4].replace("\\x", "")))


def _decode_base64_or_hex(run: str) -> str | None:
    body = run.rstrip("=")[: MAX_DECODED_CHARS * 2]
    if len(body) % 2 == 0 and _HEX_ONLY.fullmatch(body):
        return _bytes_to_text(bytes.fromhex(body))
    padded = body[: len(body) - len(body) % 4] if len(body) % 4 == 1 else body
    padded += "=" * (-len(padded) % 4)
    try:
        raw = base64.b64decode(padded, altchars=b"-_" if "-" in body or "_" in body else None)
    except (binascii.Error, ValueError):
        return None
    return _bytes_to_text(raw)


def _bytes_to_text(raw: bytes) -> str | None:
    try:
        return raw[:MAX_DECODED_CHARS].decode("utf-8")
    except UnicodeDecodeError:
        return None
