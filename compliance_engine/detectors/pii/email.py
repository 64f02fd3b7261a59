"""E-mail addresses: an RFC 5322-reasonable dot-atom local part at a DNS domain, no network."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from compliance_engine.detector import ScanText
from compliance_engine.detectors.pii.context import context_hits, pii_finding, word_list
from compliance_engine.model import Category, Explanation, Finding, Severity

_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
# A letters-only TLD or an IDN "xn--" TLD; the lookbehind keeps one start per local part.
_EMAIL = re.compile(
    rf"(?<![A-Za-z0-9!#$%&'*+/=?^_`{{|}}~.-]){_ATOM}(?:\.{_ATOM})*"
    rf"@(?:{_LABEL}\.)+(?:[A-Za-z]{{2,63}}|xn--[A-Za-z0-9-]{{1,59}})(?![A-Za-z0-9-]|\.[A-Za-z0-9])"
)
# RFC 5321 limits: 64 characters of local part, 253 of domain.
_LOCAL_MAX = 64
_DOMAIN_MAX = 253
_LOCAL_CHARS = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~.-"
)
_CONTEXT = word_list("email e-mail mail courriel adresse address contact")


def _match_around(text: str, at: int, floor: int) -> re.Match[str] | None:
    """Match the address whose "@" is at ``at``: walk back over the local part, then match."""
    start = at
    lowest = max(floor, at - _LOCAL_MAX)
    while start > lowest and text[start - 1] in _LOCAL_CHARS:
        start -= 1
    if start == at or (start > 0 and text[start - 1] in _LOCAL_CHARS):
        return None  # empty, or longer than the 64 characters a local part may have
    return _EMAIL.match(text, start, at + _DOMAIN_MAX + 1)


@dataclass(frozen=True, slots=True)
class EmailDetector:
    """Find e-mail addresses, searching only around each "@" rather than the whole text."""

    id: str = "pii.email"
    category: Category = Category.PII
    entity_type: str = "EMAIL"
    keywords: tuple[str, ...] = ("@",)
    default_enabled: bool = True
    severity: Severity = Severity.MEDIUM

    def applies(self, scan: ScanText) -> bool:
        return "@" in scan.text

    def detect(self, scan: ScanText) -> Iterator[Finding]:
        text = scan.text
        resume = 0
        at = text.find("@")
        while at >= 0:
            match = _match_around(text, at, resume)
            if match is None:
                at = text.find("@", at + 1)
                continue
            resume = match.end()
            at = text.find("@", resume)
            start, end = match.span()
            context = context_hits(scan, start, end, _CONTEXT)
            yield pii_finding(
                self.id,
                self.entity_type,
                (start, end),
                0.9 + (0.1 if context else 0.0),
                self.severity,
                Explanation(rule="email.dot_atom", checks=("rfc5321_lengths",), context=context),
            )


EMAIL = EmailDetector()
