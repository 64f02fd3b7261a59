"""US ABA routing numbers (opt-in): nine digits, 3-7-1 checksum, next to a banking word."""

from __future__ import annotations

from compliance_engine.detector import Pattern, PatternDetector
from compliance_engine.detectors.pii.checksums import aba_routing_valid
from compliance_engine.model import Category, Severity


def is_valid_routing_number(value: str) -> bool:
    """Return whether a routing number has a Federal Reserve prefix and a valid checksum."""
    prefix = int(value[:2])
    # 00-12 banks, 21-32 thrifts, 61-72 electronic, 80 traveller's cheques.
    in_range = prefix <= 12 or 21 <= prefix <= 32 or 61 <= prefix <= 72 or prefix == 80
    return in_range and aba_routing_valid(value)


US_ABA_ROUTING = PatternDetector(
    id="pii.us_aba_routing",
    category=Category.PII,
    entity_type="US_BANK_ROUTING",
    patterns=(Pattern("aba.nine_digits", r"\d(?<![\w.-]\d)\d{8}(?![\w-]|\.\d)", score=0.2),),
    severity=Severity.MEDIUM,
    context_words=(
        "routing",
        "aba ",
        "aba:",
        "rtn",
        "transit number",
        "wire",
        "ach transfer",
        "bank",
    ),
    context_boost=0.4,
    min_digits=9,
    validate=is_valid_routing_number,
    validation_name="aba_checksum",
    default_enabled=False,
)
