"""The digit-region search shared by digit-anchored detectors returns what a full search does."""

from __future__ import annotations

import random
import re

import pytest

from compliance_engine.detector import (
    DIGIT_REACH,
    ScanText,
    finditer_near_digits,
    search_near_digits,
)

_PROSE = "the quick brown fox jumps over the lazy dog while nobody watches. "  # 66 characters
# Digit-anchored shapes like the detectors' own: grouped numbers, dotted quads, a "+" prefix.
_PATTERNS = [
    re.compile(r"\d(?<![\w.-]\d)\d{0,2}(?:\.\d{1,3}){3}(?![\w-]|\.\d)"),
    re.compile(r"\d(?<![\w.,/+-]\d)(?:[ .-]?\d){11,18}(?![\w-]|[.,]\d)"),
    re.compile(r"[+(\d](?<![\w+.]\+)[\d ()./-]{4,24}\d(?![\w:#]|[.,/-]\d)"),
]
_NUMBERS = ["10.0.0.1", "4000 0000 0000 0002", "+33 6 12 34 56 78", "7", "12-34", "(415) 555-0100"]


def _long_text(seed: int) -> str:
    generator = random.Random(seed)
    pieces = [_PROSE * generator.randint(0, 12) + generator.choice(_NUMBERS) for _ in range(12)]
    return " ".join(pieces) + _PROSE


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("pattern", _PATTERNS, ids=["ipv4", "card", "phone"])
def test_matches_equal_full_search_when_text_is_long(pattern: re.Pattern[str], seed: int) -> None:
    scan = ScanText(_long_text(seed))
    expected = [match.span() for match in pattern.finditer(scan.text)]
    assert [match.span() for match in finditer_near_digits(pattern, scan)] == expected


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("short 123", ((0, 9),)),
        (_PROSE * 10, ()),
        (_PROSE * 5 + "42" + _PROSE * 5, ((330 - DIGIT_REACH, 332 + DIGIT_REACH),)),
        # A non-ASCII decimal digit (Arabic-Indic four) makes the whole text one region.
        (_PROSE * 10 + "\u0664", ((0, 661),)),
        (_PROSE * 10 + "\u00e9\u0664", ((0, 662),)),
    ],
)
def test_digit_regions_cover_digits_when_text_is_long(
    text: str, regions: tuple[tuple[int, int], ...]
) -> None:
    assert ScanText(text).digit_regions == regions


def test_search_resumes_after_position_when_given_one() -> None:
    text = _PROSE * 10 + "10.0.0.1 and 10.0.0.2 " + _PROSE * 10
    scan = ScanText(text)
    first = search_near_digits(_PATTERNS[0], scan)
    assert first is not None and first.group() == "10.0.0.1"
    second = search_near_digits(_PATTERNS[0], scan, first.end())
    assert second is not None and second.group() == "10.0.0.2"
    assert search_near_digits(_PATTERNS[0], scan, second.end()) is None
