"""Italian codice fiscale (opt-in): 16-character layout and its odd/even check letter."""

from __future__ import annotations

from compliance_engine.detector import Pattern, PatternDetector
from compliance_engine.model import Category, Severity

_CF_REGEX = r"(?i)\b[A-Z]{6}\d{2}[ABCDEHLMPRST]\d{2}[A-Z]\d{3}[A-Z]\b"
# Values of characters in odd (1st, 3rd, ...) positions, digits then letters, per the decree.
_ODD_VALUES = (
    1,
    0,
    5,
    7,
    9,
    13,
    15,
    17,
    19,
    21,
    2,
    4,
    18,
    20,
    11,
    3,
    6,
    8,
    12,
    14,
    16,
    10,
    22,
    25,
    24,
    23,
)


def _odd_value(char: str) -> int:
    return _ODD_VALUES[int(char)] if char.isdigit() else _ODD_VALUES[ord(char) - 65]


def _even_value(char: str) -> int:
    return int(char) if char.isdigit() else ord(char) - 65


def is_valid_fiscal_code(value: str) -> bool:
    """Return whether the 16th character is the check letter of the first 15."""
    code = value.upper()
    total = sum(
        _odd_value(char) if position % 2 == 0 else _even_value(char)
        for position, char in enumerate(code[:15])
    )
    return chr(65 + total % 26) == code[15]


IT_FISCAL_CODE = PatternDetector(
    id="pii.it_fiscal_code",
    category=Category.PII,
    entity_type="IT_FISCAL_CODE",
    patterns=(Pattern("codice_fiscale.layout", _CF_REGEX, score=0.8),),
    severity=Severity.HIGH,
    context_words=(
        "codice fiscale",
        "fiscal code",
        "cf ",
        "cf:",
        "tessera sanitaria",
        "steuernummer",
    ),
    context_boost=0.2,
    min_digits=7,
    validate=is_valid_fiscal_code,
    validation_name="check_letter",
    default_enabled=False,
)
