"""French NIR (numéro de sécurité sociale): structure plus the 97 - (n mod 97) key."""

from __future__ import annotations

from compliance_engine.detector import Pattern, PatternDetector
from compliance_engine.detectors.pii import digit_shapes
from compliance_engine.detectors.pii.checksums import fr_nir_key
from compliance_engine.model import Category, Severity

# sex, year, month, department (incl. Corsica 2A/2B), commune, order, key; usual spacing.
_NIR_REGEX = (
    r"[1-478](?<![\w-][1-478]) ?\d{2} ?\d{2} ?(?:\d{2}|2[ABab])"
    r" ?\d{3} ?\d{3}(?: ?- ?| ?)\d{2}(?![\w-])"
)

# Month codes in use: real months, 20 and 30-42 for unknown months, 50-99 for registrations.
_BAD_MONTHS = frozenset({0, *range(13, 20), *range(21, 30), *range(43, 50)})


def is_valid_nir(value: str) -> bool:
    """Return whether a NIR (any spacing) has a plausible structure and the right key."""
    compact = "".join(char for char in value if char.isalnum()).upper()
    if len(compact) != 15:
        return False
    body, key = compact[:13], compact[13:]
    if int(body[3:5]) in _BAD_MONTHS or body[5:7] == "00":
        return False
    return fr_nir_key(body) == int(key)


FR_NIR = PatternDetector(
    id="pii.fr_nir",
    category=Category.PII,
    entity_type="FR_NIR",
    patterns=(Pattern("nir.structure", _NIR_REGEX, score=0.9),),
    severity=Severity.HIGH,
    context_words=(
        "nir",
        "sécu",
        "secu",
        "sécurité sociale",
        "securite sociale",
        "insee",
        "vitale",
        "social security",
        "sozialversicherung",
        "assuré",
        "mutuelle",
    ),
    context_boost=0.1,
    min_digits=13,
    precondition=digit_shapes.holds_shape(digit_shapes.FR_NIR),
    shared_gate=digit_shapes.holds_a_number,
    validate=is_valid_nir,
    validation_name="nir_key_mod97",
    near_digits=True,
)
