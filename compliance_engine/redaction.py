"""Replace findings in a text so that the redacted text never holds a detected value.

Operators: ``replace`` writes ``<TYPE>``, ``mask`` keeps the last four characters of a long
value and stars the rest, ``hash`` writes ``<TYPE:8 hex>`` from a keyed HMAC-SHA256 so equal
values stay linkable without being recoverable. Overlapping findings (of any category) are
merged first, so that no part of a value survives between two replacements.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from compliance_engine.model import Category, Finding
from compliance_engine.policy_types import RedactionOperator

MASK_CHAR = "*"
MASK_KEEP_LAST = 4
# Values this short are masked entirely: keeping 4 characters would reveal too much of them.
MASK_MIN_LENGTH_TO_KEEP = 9
HASH_HEX_CHARS = 8


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    representative: Finding


def redact(
    text: str,
    findings: Iterable[Finding],
    operators: Mapping[Category, RedactionOperator] | RedactionOperator = RedactionOperator.REPLACE,
    *,
    key: bytes | None = None,
) -> str:
    """Return the text with every finding's span replaced by its category's operator."""
    spans = merge_overlapping(findings)
    if not spans:
        return text
    pieces: list[str] = []
    cursor = 0
    for span in spans:
        pieces.append(text[cursor : span.start])
        operator = _operator_for(span.representative.category, operators)
        value = text[span.start : span.end]
        pieces.append(_apply(operator, value, span.representative.entity_type, key))
        cursor = span.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def merge_overlapping(findings: Iterable[Finding]) -> list[_Span]:
    """Merge overlapping findings into disjoint spans, each labelled by its strongest finding."""
    spans: list[_Span] = []
    for finding in sorted(findings, key=lambda item: (item.start, -item.end)):
        if finding.start >= finding.end:
            continue
        if spans and finding.start < spans[-1].end:
            last = spans[-1]
            spans[-1] = _Span(
                start=last.start,
                end=max(last.end, finding.end),
                representative=_stronger(last.representative, finding),
            )
        else:
            spans.append(_Span(finding.start, finding.end, finding))
    return spans


def mask_value(value: str) -> str:
    """Star a value, keeping its last four characters when it is long enough to hide the rest."""
    if len(value) < MASK_MIN_LENGTH_TO_KEEP:
        return MASK_CHAR * len(value)
    return MASK_CHAR * (len(value) - MASK_KEEP_LAST) + value[-MASK_KEEP_LAST:]


def hash_label(value: str, entity_type: str, key: bytes) -> str:
    """Return ``<TYPE:hex>`` where hex starts the HMAC-SHA256 of the value under the key."""
    digest = hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"<{entity_type}:{digest[:HASH_HEX_CHARS]}>"


def _apply(operator: RedactionOperator, value: str, entity_type: str, key: bytes | None) -> str:
    if operator is RedactionOperator.MASK:
        return mask_value(value)
    if operator is RedactionOperator.HASH:
        if key is None:
            raise ValueError("the hash redaction operator needs a key")
        return hash_label(value, entity_type, key)
    return f"<{entity_type}>"


def _operator_for(
    category: Category, operators: Mapping[Category, RedactionOperator] | RedactionOperator
) -> RedactionOperator:
    if isinstance(operators, RedactionOperator):
        return operators
    return operators.get(category, RedactionOperator.REPLACE)


def _stronger(first: Finding, second: Finding) -> Finding:
    """Pick the label of a merged span: the more severe finding, then the longer one."""
    first_key = (first.severity.rank, first.length, first.score)
    second_key = (second.severity.rank, second.length, second.score)
    return second if second_key > first_key else first
