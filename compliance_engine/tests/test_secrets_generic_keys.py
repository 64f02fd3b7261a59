"""The backward key scan of the assignment finder answers exactly as the regex it replaced."""

from __future__ import annotations

import random
import re

from compliance_engine.detectors.secrets.generic import key_before

_KEY_BEFORE = re.compile(r"(?<![\w.\-])[A-Za-z_][\w.\-]{0,60}$")
_ALPHABET = "aZ_9.-é ç\n\t:=\"'[]ßЖ٣" + "x" * 6


def _regex_span(text: str, end: int) -> tuple[int, int] | None:
    match = _KEY_BEFORE.search(text, max(0, end - 64), end)
    return match.span() if match else None


def test_key_before_matches_the_regex_on_random_texts() -> None:
    rng = random.Random(11)
    found = 0
    for _ in range(20000):
        length = rng.choice((3, 10, 70, 90))
        text = "".join(rng.choice(_ALPHABET) for _ in range(length))
        end = rng.randrange(len(text) + 1)
        expected = _regex_span(text, end)
        assert key_before(text, end) == expected, (text, end)
        found += expected is not None
    assert found > 2000  # the comparison covered keys, not only misses


def test_key_before_on_assignments() -> None:
    text = 'config.api_key = "x"\napi_token\n= y\n' + "a" * 70 + "=z"
    assert key_before(text, text.index(" =")) == (0, 14)
    assert key_before(text, text.index("\n= y") + 1) == (21, 30)
    assert key_before(text, len(text) - 2) is None  # the identifier began before the window
