"""One RE2 pass tells which digit shapes a text holds, so most digit-based detectors skip it.

Each shape is the core of a detector's regex without its lookarounds (which RE2 lacks): every
match of the detector contains a match of its shape, so a text without the shape cannot hold
a finding. All shapes form one RE2 set, whose single DFA pass (about 1 us per message)
replaces a Python ``re`` search per detector, which tries every digit of the text (5 us per
detector on a message with numbers). RE2's ``\\d`` is ASCII only, so a text holding another
decimal digit (which Python's ``\\d`` matches) keeps every detector.
"""

from __future__ import annotations

from collections.abc import Callable

import re2

from compliance_engine.detector import ScanText
from compliance_engine.prefilter import set_matcher

CREDIT_CARD = "credit_card"
FR_NIR = "fr_nir"
IBAN = "iban"
IPV4 = "ipv4"
US_SSN = "us_ssn"

# Python's lookarounds become a character (or the text's edge) on each side: RE2's ASCII
# classes accept every character Python's Unicode ones reject there, so the shapes only widen.
_START = r"(?:^|[^\w.\-])"
_END = r"(?:[^\w\-]|$)"
_SHAPES = {
    CREDIT_CARD: r"(?:^|[^\w.,/+\-])\d(?:[ .-]?\d){11,18}" + _END,
    FR_NIR: r"(?:^|[^\w\-])[1-478] ?\d{2} ?\d{2} ?(?:\d{2}|2[ABab]) ?\d{3} ?\d{3}(?: ?- ?| ?)\d{2}"
    + _END,
    IBAN: r"(?:^|[^A-Za-z0-9])[A-Za-z]{2}[ .]?\d{2}(?:[ .]?[A-Za-z0-9]){10}",
    IPV4: _START + r"\d{1,3}(?:\.\d{1,3}){3}" + _END,
    US_SSN: _START + r"(?:\d{3}-\d{2}-\d{4}|\d{3} \d{2} \d{4}|\d{9})" + _END,
}
# The fewest digits any of the digit-based detectors (phone, card, IBAN, SSN, NIR) needs.
MIN_DIGITS_OF_ANY_NUMBER = 6
_NAMES = tuple(_SHAPES)
_EVERY_SHAPE = frozenset(_NAMES)
_NO_SHAPE: frozenset[str] = frozenset()


def _compile_set() -> re2.Set:
    options = re2.Options()
    options.log_errors = False
    shape_set = re2.Set.SearchSet(options)
    for regex in _SHAPES.values():
        shape_set.Add(regex)
    shape_set.Compile()
    return shape_set


_SHAPE_SET = _compile_set()
_MATCH_SHAPES = set_matcher(_SHAPE_SET)


def _find_shapes(scan: ScanText) -> frozenset[str]:
    if not scan.ascii_digits_only:
        return _EVERY_SHAPE
    found = _MATCH_SHAPES(scan.text.encode("utf-8"))
    return frozenset(_NAMES[index] for index in found) if found else _NO_SHAPE


def digit_shapes(scan: ScanText) -> frozenset[str]:
    """Return the names of the shapes the scanned text may hold (computed once per scan)."""
    return scan.shared(_find_shapes)


def holds_a_number(scan: ScanText) -> bool:
    """Return whether the text has digits enough for any digit-based detector (a shared gate)."""
    return scan.digit_count >= MIN_DIGITS_OF_ANY_NUMBER


def holds_shape(shape: str) -> Callable[[ScanText], bool]:
    """Return a test telling whether a scanned text may hold ``shape``."""
    if shape not in _SHAPES:
        raise ValueError(f"unknown digit shape: {shape}")

    def test(scan: ScanText) -> bool:
        return shape in digit_shapes(scan)

    return test
