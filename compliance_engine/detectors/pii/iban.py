"""IBANs: country code, per-country length, ISO 7064 MOD 97-10, grouped in fours or not."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from compliance_engine.detector import ScanText, finditer_near_digits
from compliance_engine.detectors.pii import digit_shapes
from compliance_engine.detectors.pii.checksums import iban_mod97_valid
from compliance_engine.detectors.pii.context import context_hits, pii_finding, word_list
from compliance_engine.detectors.pii.iban_formats import IBAN_LENGTHS, bban_is_well_formed
from compliance_engine.model import Category, Explanation, Finding, Severity

# Country code, check digits, then up to 30 alphanumerics each optionally preceded by a space.
_CANDIDATE = re.compile(r"[A-Za-z]{2}[ .]?\d{2}(?:[ .]?[A-Za-z0-9]){10,30}")
# The two check digits right after a two-letter country code (optionally one separator):
# anchoring on digits lets the regex engine skip ordinary words quickly.
_CHECK_DIGITS = re.compile(r"\d(?:(?<=[A-Za-z]{2}\d)|(?<=[A-Za-z]{2}[ .]\d))\d")

_CONTEXT = (
    *word_list("iban rib bank banque bancaire konto bankverbindung virement transfer"),
    *word_list("überweisung wire sepa account compte"),
)


def _iban_span(value: str) -> int | None:
    """Return the length of the IBAN the candidate starts with, or None."""
    country = value[:2].upper()
    expected = IBAN_LENGTHS.get(country)
    if expected is None:
        return None
    seen = 0
    for position, char in enumerate(value):
        if char not in " .":
            seen += 1
        if seen == expected:
            end = position + 1
            following = value[end : end + 1]
            # The IBAN must end at a word boundary, not in the middle of an alphanumeric run.
            return end if not following.isalnum() else None
    return None


def _iban_at(text: str, start: int) -> tuple[int, str] | None:
    """Return (end, compact form) of the valid IBAN starting at ``start``, if there is one."""
    match = _CANDIDATE.match(text, start)
    length = _iban_span(match.group()) if match else None
    if length is None:
        return None
    compact = text[start : start + length].replace(" ", "").replace(".", "").upper()
    if not bban_is_well_formed(compact[:2], compact[4:]) or not iban_mod97_valid(compact):
        return None
    return start + length, compact


@dataclass(frozen=True, slots=True)
class IbanDetector:
    """Find IBANs whose length fits the country and whose MOD 97 check passes."""

    id: str = "pii.iban"
    category: Category = Category.PII
    entity_type: str = "IBAN"
    keywords: tuple[str, ...] = ()
    default_enabled: bool = True
    severity: Severity = Severity.HIGH

    @property
    def shared_gate(self) -> Callable[[ScanText], bool]:
        """The digit-count test shared with the other digit-based detectors."""
        return digit_shapes.holds_a_number

    def applies(self, scan: ScanText) -> bool:
        return scan.digit_count >= 10 and digit_shapes.IBAN in digit_shapes.digit_shapes(scan)

    def detect(self, scan: ScanText) -> Iterator[Finding]:
        text = scan.text
        resume = 0
        for head in finditer_near_digits(_CHECK_DIGITS, scan):
            start = head.start() - (2 if text[head.start() - 1].isalpha() else 3)
            if start < resume or (start > 0 and text[start - 1].isalnum()):
                continue
            found = _iban_at(text, start)
            if found is None:
                continue
            end, compact = found
            resume = end
            context = context_hits(scan, start, end, _CONTEXT)
            yield pii_finding(
                self.id,
                self.entity_type,
                (start, end),
                0.9 + (0.1 if context else 0.0),
                self.severity,
                Explanation(
                    rule=f"iban.{compact[:2].lower()}",
                    checks=("country_length", "bban_layout", "mod97"),
                    context=context,
                ),
            )


IBAN = IbanDetector()
