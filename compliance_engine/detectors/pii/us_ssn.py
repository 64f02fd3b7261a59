"""US Social Security numbers: SSA structural rules; undelimited only next to context words."""

from __future__ import annotations

from compliance_engine.detector import Pattern, PatternDetector
from compliance_engine.detectors.pii import digit_shapes
from compliance_engine.model import Category, Severity

# Not followed by more of a number ("123-45-6789-01", "123 45 6789 12", "123-45-6789.5").
_END = r"(?![\w-]|\.\d| \d)"

# Numbers published in advertising or otherwise documented as never issued to a person.
_KNOWN_INVALID = frozenset({"078051120", "219099999", "123456789", "457555462"})


def is_valid_ssn(value: str) -> bool:
    """Return whether an SSN (any separators) is structurally issuable."""
    digits = "".join(char for char in value if char.isdigit())
    if len(digits) != 9 or digits in _KNOWN_INVALID or len(set(digits)) == 1:
        return False
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    if area in {"000", "666"} or area[0] == "9":
        return False
    return group != "00" and serial != "0000"


US_SSN = PatternDetector(
    id="pii.us_ssn",
    category=Category.PII,
    entity_type="US_SSN",
    patterns=(
        Pattern(
            "ssn.delimited", r"\d(?<![\w.-]\d)(?<!\d \d)\d\d([- ])\d{2}\1\d{4}" + _END, score=0.55
        ),
        Pattern("ssn.undelimited", r"\d(?<![\w.-]\d)\d{8}" + _END, score=0.15),
    ),
    severity=Severity.HIGH,
    context_words=(
        "ssn",
        "social security",
        "social sec",
        "ss#",
        "ss #",
        "taxpayer",
        "sécurité sociale américain",
        "us-sozialversicherung",
        "sozialversicherungsnummer",
    ),
    context_boost=0.4,
    min_digits=9,
    precondition=digit_shapes.holds_shape(digit_shapes.US_SSN),
    shared_gate=digit_shapes.holds_a_number,
    validate=is_valid_ssn,
    validation_name="ssa_structure",
    near_digits=True,
)
