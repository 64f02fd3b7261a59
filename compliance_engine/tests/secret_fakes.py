"""Deterministic fake credentials for the secret detector tests: never real keys."""

from __future__ import annotations

from compliance_engine.detector import ScanText
from compliance_engine.detectors.secrets import SECRET_DETECTORS
from compliance_engine.model import Finding
from compliance_engine.overlap import resolve_overlaps

HEX = "0123456789abcdef"
DIGITS = "0123456789"
LOWER = "abcdefghijklmnopqrstuvwxyz"
UPPER = LOWER.upper()
LOWER_ALNUM = LOWER + DIGITS
UPPER_ALNUM = UPPER + DIGITS
BASE62 = UPPER + LOWER + DIGITS
BASE64 = BASE62 + "+/"
URLSAFE = BASE62 + "-_"
BASE32 = UPPER + "234567"

TrueRow = tuple[str, str, str]
FalseRow = tuple[str, str]


def fake(alphabet: str, length: int, seed: int) -> str:
    """Return a pseudo-random string (xorshift32 seeded by ``seed``) over ``alphabet``."""
    state = (seed * 2654435761 + 12345) % 2**32 or 1
    chars = []
    for _ in range(length):
        state ^= (state << 13) & 0xFFFFFFFF
        state ^= state >> 17
        state ^= (state << 5) & 0xFFFFFFFF
        chars.append(alphabet[state % len(alphabet)])
    return "".join(chars)


def fake_uuid(seed: int) -> str:
    """Return a UUID-shaped fake value."""
    h = fake(HEX, 32, seed)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def row(rule: str, value: str, template: str = "{}") -> TrueRow:
    """Build a true-positive row: the text is ``template`` with the value in it."""
    return (rule, template.format(value), value)


def keyed_row(rule: str, key: str, value: str) -> TrueRow:
    """Build a true-positive row for a value assigned to a vendor-named key."""
    return (rule, f'{key} = "{value}"', value)


def scan_secrets(text: str) -> list[Finding]:
    """Run every secret detector the way the scanner does: keywords, applies, overlaps."""
    scan = ScanText(text)
    findings: list[Finding] = []
    for detector in SECRET_DETECTORS:
        if detector.keywords and not any(k in scan.lower for k in detector.keywords):
            continue
        if detector.applies(scan):
            findings.extend(detector.detect(scan))
    return resolve_overlaps(findings)


def found(text: str) -> list[tuple[str | None, str]]:
    """Return (subtype, value) of every secret found in a text."""
    return [(finding.subtype, text[finding.start : finding.end]) for finding in scan_secrets(text)]
