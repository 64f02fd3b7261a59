"""UK National Insurance numbers (opt-in): HMRC prefix rules, suffix A-D."""

from __future__ import annotations

from compliance_engine.detector import Pattern, PatternDetector
from compliance_engine.model import Category, Severity

# First letter never D F I Q U V; second never D F I O Q U V; both letters case-insensitive.
_NINO_REGEX = r"(?i)\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b"
# Prefixes HMRC never allocates (administrative or temporary numbers).
_UNALLOCATED_PREFIXES = frozenset({"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"})


def is_allocatable_nino(value: str) -> bool:
    """Return whether a NINO prefix is one HMRC allocates."""
    return value[:2].upper() not in _UNALLOCATED_PREFIXES


UK_NINO = PatternDetector(
    id="pii.uk_nino",
    category=Category.PII,
    entity_type="UK_NINO",
    patterns=(Pattern("nino.structure", _NINO_REGEX, score=0.55),),
    severity=Severity.HIGH,
    context_words=("national insurance", "nino", "ni number", "ni no", "hmrc", "insurance number"),
    context_boost=0.35,
    min_digits=6,
    validate=is_allocatable_nino,
    validation_name="hmrc_prefix",
    default_enabled=False,
)
