"""French SIREN (9 digits) and SIRET (14 digits) company numbers (opt-in): Luhn checked."""

from __future__ import annotations

from compliance_engine.detector import Pattern, PatternDetector
from compliance_engine.detectors.pii.checksums import luhn_valid
from compliance_engine.model import Category, Severity

_END = r"(?![\w-]|\.\d| \d)"
_SIRET_REGEX = r"\d(?<![\w.-]\d)(?<!\d \d)\d\d ?\d{3} ?\d{3} ?\d{5}" + _END
_SIREN_REGEX = r"\d(?<![\w.-]\d)(?<!\d \d)\d\d ?\d{3} ?\d{3}" + _END


def is_valid_siren_or_siret(value: str) -> bool:
    """Return whether a SIREN or SIRET passes Luhn (La Poste SIRETs use a digit sum instead)."""
    digits = value.replace(" ", "")
    if len(digits) == 14 and digits.startswith("356000000"):
        return sum(int(d) for d in digits) % 5 == 0
    return len(set(digits)) > 1 and luhn_valid(digits)


FR_SIREN = PatternDetector(
    id="pii.fr_siren",
    category=Category.PII,
    entity_type="FR_SIREN",
    patterns=(
        Pattern("siret.fourteen_digits", _SIRET_REGEX, score=0.3),
        Pattern("siren.nine_digits", _SIREN_REGEX, score=0.2),
    ),
    severity=Severity.LOW,
    context_words=("siren", "siret", "rcs", "insee", "entreprise", "société", "kbis"),
    context_boost=0.4,
    min_digits=9,
    validate=is_valid_siren_or_siret,
    validation_name="luhn",
    default_enabled=False,
)
