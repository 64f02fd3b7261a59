"""The one-pass digit shapes never rule out a text on which a detector's own regex matches."""

from __future__ import annotations

import random
import re
import time

import pytest

from compliance_engine.detector import ScanText
from compliance_engine.detectors.pii import (
    credit_card,
    digit_shapes,
    fr_nir,
    iban,
    ip_address,
    us_ssn,
)

# Each shape with the detector regexes whose every match must hold it.
_REGEXES_BY_SHAPE = {
    digit_shapes.US_SSN: [pattern.compiled for pattern in us_ssn.US_SSN.patterns],
    digit_shapes.FR_NIR: [pattern.compiled for pattern in fr_nir.FR_NIR.patterns],
    digit_shapes.CREDIT_CARD: [credit_card._CANDIDATE],
    digit_shapes.IPV4: [ip_address._IPV4],
    # The IBAN detector starts a candidate only where no letter or digit comes before.
    digit_shapes.IBAN: [re.compile(r"(?<![^\W_])" + iban._CANDIDATE.pattern)],
}
# Pieces that make and break the shapes: digit groups, their separators, letters, "_", "é".
_PIECES = [
    *("1", "7", "12", "84", "255", "999", "2A", "0000", "4111", "1234567", "10.", "1.25."),
    *(" ", ".", "-", " - ", "/", ",", "+", "_", ":", "(", "\n"),
    *("ab", "GB", "fr", "x", "é"),
]


def _random_text(generator: random.Random) -> str:
    return "".join(generator.choice(_PIECES) for _ in range(generator.randint(3, 24)))


@pytest.mark.parametrize("shape", sorted(_REGEXES_BY_SHAPE))
@pytest.mark.parametrize("seed", range(8))
def test_shape_is_found_when_a_detector_regex_matches(shape: str, seed: int) -> None:
    generator = random.Random(seed)
    checked = 0
    for _ in range(3000):
        text = _random_text(generator)
        if any(regex.search(text) for regex in _REGEXES_BY_SHAPE[shape]):
            checked += 1
            assert shape in digit_shapes.digit_shapes(ScanText(text)), text
    assert checked > 0


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("call 4111 1111 1111 1111 now", digit_shapes.CREDIT_CARD),
        ("ssn 536-90-4399.", digit_shapes.US_SSN),
        ("host 10.0.0.1", digit_shapes.IPV4),
        ("GB82 WEST 1234 5698 7654 32", digit_shapes.IBAN),
        ("nir 1 84 12 76 451 089 46", digit_shapes.FR_NIR),
    ],
)
def test_shape_is_reported_when_text_holds_it(text: str, shape: str) -> None:
    assert shape in digit_shapes.digit_shapes(ScanText(text))


@pytest.mark.parametrize(
    "text",
    ["version 1.2.3 and 12 apples", "order 123-45-67890", "v10.0.0.1", "x4111111111111111"],
)
def test_no_shape_is_reported_when_numbers_are_embedded(text: str) -> None:
    assert digit_shapes.digit_shapes(ScanText(text)) == frozenset()


def test_every_shape_is_kept_when_text_holds_a_non_ascii_digit() -> None:
    # Python's \d matches "٣" (Arabic-Indic three), RE2's does not: the detectors must run.
    shapes = digit_shapes.digit_shapes(ScanText("١٢٣-٤٥-٦٧٨٩"))
    assert shapes == frozenset(_REGEXES_BY_SHAPE)


def test_unknown_shape_is_rejected_when_a_test_is_asked_for() -> None:
    with pytest.raises(ValueError, match="unknown digit shape"):
        digit_shapes.holds_shape("zip_code")


def test_adversarial_digit_input_finishes_fast_when_text_is_long() -> None:
    text = "1 2-3.4 " * 8_000 + "12345678" * 2_000
    started = time.perf_counter()
    digit_shapes.digit_shapes(ScanText(text))
    assert time.perf_counter() - started < 0.5
