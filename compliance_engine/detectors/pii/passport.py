"""Passport numbers: national formats, reported only next to a passport context word."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from compliance_engine.detector import ScanText
from compliance_engine.detectors.pii.context import context_hits, pii_finding, word_list
from compliance_engine.model import Category, Explanation, Finding, Severity

# One alternative per national format, most specific first; the group name is the country.
# German numbers use a restricted alphabet (no vowels, no B D Q S) mixing letters and digits.
_PASSPORT = re.compile(
    r"(?<![\w-])(?:"
    r"(?P<kr>[MSRGD]\d{8}|[MSRGD]\d{3}[A-Z]\d{4})"
    r"|(?P<fr>\d{2}[A-Z]{2}\d{5})"
    r"|(?P<es>[A-Z]{3}\d{6})"
    r"|(?P<uk>[A-Z]{2}\d{7})"
    r"|(?P<us>[A-Z]\d{8}|\d{9})"
    r"|(?P<in>[A-Z][1-9]\d{6})"
    r"|(?P<ca>[A-Z]{2}\d{6})"
    r"|(?P<de>[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{8})"
    r")(?![\w-])",
    re.IGNORECASE,
)
_CONTEXT = (
    *word_list("passport passeport reisepass pasaporte passaporto paspoort passnummer"),
    *word_list("pass-nr passnr 여권"),
)


@dataclass(frozen=True, slots=True)
class PassportDetector:
    """Find passport numbers of common national formats when a passport word is near."""

    id: str = "pii.passport"
    category: Category = Category.PII
    entity_type: str = "PASSPORT"
    keywords: tuple[str, ...] = _CONTEXT
    default_enabled: bool = True
    severity: Severity = Severity.HIGH

    def applies(self, scan: ScanText) -> bool:
        return scan.digit_count >= 6

    def detect(self, scan: ScanText) -> Iterator[Finding]:
        for match in _PASSPORT.finditer(scan.text):
            country = match.lastgroup or "xx"
            value = match.group()
            if country == "de" and sum(char.isdigit() for char in value) < 3:
                continue
            start, end = match.span()
            context = context_hits(scan, start, end, _CONTEXT, size=64)
            if not context:
                continue
            yield pii_finding(
                self.id,
                self.entity_type,
                (start, end),
                0.85,
                self.severity,
                Explanation(rule=f"passport.{country}", checks=("format",), context=context),
                subtype=f"{country}_passport",
            )


PASSPORT = PassportDetector()
