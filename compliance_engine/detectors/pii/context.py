"""Helpers the hand-written PII detectors share: context look-up and finding assembly."""

from __future__ import annotations

import re

from compliance_engine.detector import ScanText
from compliance_engine.model import Category, Explanation, Finding, Severity


def word_list(words: str) -> tuple[str, ...]:
    """Split a space-separated word list (keeps long vocabularies readable)."""
    return tuple(words.split())


def context_hits(
    scan: ScanText, start: int, end: int, words: tuple[str, ...], size: int = 48
) -> tuple[str, ...]:
    """Return the context words found around a span, each matched at the start of a word."""
    window = scan.window(start, end, size)
    # The plain substring test is C-fast and rules most words out before the boundary test.
    return tuple(word for word in words if word in window and starts_a_word(window, word))


def starts_a_word(window: str, word: str) -> bool:
    """Return whether ``word`` occurs in ``window`` at the start of a word."""
    # str.find is C-fast; the boundary test keeps "tel" from matching inside "hotel".
    index = window.find(word)
    while index >= 0:
        if index == 0 or not window[index - 1].isalpha():
            return True
        index = window.find(word, index + 1)
    return False


# An alphanumeric code (IBAN head, "INV-2023", "1BNA") right before a span of digits: the
# digits then continue that code rather than start a number of their own.
_CODE_BEFORE = re.compile(
    r"(?:\b[a-z]{2}\d{2}(?: ?[a-z0-9]{4})*|[a-z][a-z-]*\d[\w-]*|\d+[a-z][\w-]*)[ .-]?$"
)


def follows_code(scan: ScanText, start: int) -> bool:
    """Return whether the span continues an alphanumeric code written just before it."""
    lower = scan.lower
    # Cheap exit first: a code needs a letter or digit right before, or one separator away.
    before = lower[max(0, start - 2) : start]
    if not before or not (before[-1].isalnum() or (len(before) == 2 and before[0].isalnum())):
        return False
    return _CODE_BEFORE.search(lower, max(0, start - 40), start) is not None


def pii_finding(
    detector_id: str,
    entity_type: str,
    span: tuple[int, int],
    score: float,
    severity: Severity,
    explanation: Explanation,
    subtype: str | None = None,
) -> Finding:
    """Build a PII finding, capping the score at 1."""
    return Finding(
        detector_id=detector_id,
        category=Category.PII,
        entity_type=entity_type,
        start=span[0],
        end=span[1],
        score=min(1.0, score),
        severity=severity,
        explanation=explanation,
        subtype=subtype,
    )


# "version 10.0.0.1", "build 17.40.1252.3", "v1.2.3.4": what follows is a version number.
_VERSION_TAIL = re.compile(r"(?:version|release|build|firmware|patch|ver\.?|v)\s*:?\s*$")


def follows_version_word(scan: ScanText, start: int) -> bool:
    """Return whether a version/build/release word sits right before the span."""
    return _VERSION_TAIL.search(scan.lower, max(0, start - 24), start) is not None
