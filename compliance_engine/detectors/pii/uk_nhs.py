"""UK NHS numbers (opt-in): ten digits with a mod 11 check digit, next to a health word."""

from __future__ import annotations

from compliance_engine.detector import Pattern, PatternDetector
from compliance_engine.detectors.pii.checksums import weighted_mod11_remainder
from compliance_engine.model import Category, Severity

_NHS_REGEX = r"\d(?<![\w.-]\d)\d\d([ -]?)\d{3}\1\d{4}(?![\w-]|\.\d)"


def is_valid_nhs_number(value: str) -> bool:
    """Return whether a ten-digit NHS number has the right mod 11 check digit."""
    digits = "".join(char for char in value if char.isdigit())
    if len(digits) != 10 or len(set(digits)) == 1:
        return False
    check = 11 - weighted_mod11_remainder(digits[:9], (10, 9, 8, 7, 6, 5, 4, 3, 2))
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


UK_NHS = PatternDetector(
    id="pii.uk_nhs",
    category=Category.PII,
    entity_type="UK_NHS",
    patterns=(Pattern("nhs.ten_digits", _NHS_REGEX, score=0.3),),
    severity=Severity.HIGH,
    context_words=("nhs", "patient", "health", "gp ", "hospital", "chi number"),
    context_boost=0.4,
    min_digits=10,
    validate=is_valid_nhs_number,
    validation_name="mod11",
    default_enabled=False,
)
