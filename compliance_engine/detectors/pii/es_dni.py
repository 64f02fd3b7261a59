"""Spanish DNI and NIE (opt-in): eight digits (NIE: X/Y/Z and seven) plus the mod 23 letter."""

from __future__ import annotations

from compliance_engine.detector import Pattern, PatternDetector
from compliance_engine.model import Category, Severity

_CONTROL_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
_NIE_PREFIX_DIGIT = {"X": "0", "Y": "1", "Z": "2"}


def is_valid_dni_or_nie(value: str) -> bool:
    """Return whether the control letter of a DNI or NIE matches its number."""
    compact = value.replace("-", "").replace(" ", "").upper()
    number, letter = compact[:-1], compact[-1]
    number = _NIE_PREFIX_DIGIT.get(number[0], number[0]) + number[1:]
    return number.isdigit() and _CONTROL_LETTERS[int(number) % 23] == letter


ES_DNI = PatternDetector(
    id="pii.es_dni",
    category=Category.PII,
    entity_type="ES_DNI",
    patterns=(
        Pattern("dni.digits_letter", r"(?i)\b\d{8}[ -]?[A-Z]\b", score=0.6),
        Pattern("nie.prefix_digits_letter", r"(?i)\b[XYZ][ -]?\d{7}[ -]?[A-Z]\b", score=0.6),
    ),
    severity=Severity.HIGH,
    context_words=("dni", "nie ", "nie:", "nif", "documento", "identidad", "extranjero", "id card"),
    context_boost=0.3,
    min_digits=7,
    validate=is_valid_dni_or_nie,
    validation_name="mod23_letter",
    default_enabled=False,
)
