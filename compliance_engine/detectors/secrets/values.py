"""Judging a candidate secret value: entropy, placeholders and documented examples."""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from itertools import pairwise

from compliance_engine.detectors.secrets.placeholders import is_placeholder

# Values published in vendor documentation as examples: never real credentials.
DOCUMENTED_EXAMPLES = frozenset(
    {
        "AKIAIOSFODNN7EXAMPLE",
        "AKIAI44QH8DHBEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
        "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
        "pk_test_TYooMQauvdEDq54NiTphI7jx",
        "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
        "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",
        "SG.xxxxxxxxxxxxxxxxxxxxxx.yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy",
        "AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe",
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
    }
)

_SEQUENCES = (
    "abcdefghijklmnopqrstuvwxyz",
    "zyxwvutsrqponmlkjihgfedcba",
    "0123456789012345678901234567890",
    "9876543210987654321098765432109",
    "qwertyuiopasdfghjklzxcvbnm",
)


# From this length an ASCII value is counted per distinct byte (C-speed passes) rather than
# with a Counter, which hashes every character; measured twice as fast at 300 characters.
_MIN_LENGTH_TO_COUNT_BYTES = 128


# The checks of one value (a vendor rule's, then a generic assignment's) ask about it several
# times: a few recent values are remembered, enough within a message and cheap to keep.
_RECENT_VALUES = 64


@lru_cache(maxsize=_RECENT_VALUES)
def character_counts(value: str) -> tuple[int, ...]:
    """Return how often each distinct character occurs, in order of first occurrence."""
    if len(value) >= _MIN_LENGTH_TO_COUNT_BYTES and value.isascii():
        data = value.encode("ascii")
        return tuple(map(data.count, dict.fromkeys(data)))
    return tuple(Counter(value).values())


@lru_cache(maxsize=_RECENT_VALUES)
def shannon_entropy(value: str) -> float:
    """Return the Shannon entropy of a string in bits per character."""
    if not value:
        return 0.0
    length = len(value)
    return -sum(n / length * math.log2(n / length) for n in character_counts(value))


def is_documented_example(value: str) -> bool:
    """Tell whether a value is a vendor's documented example credential."""
    return value in DOCUMENTED_EXAMPLES or value.endswith(("EXAMPLE", "EXAMPLEKEY"))


def is_sequential(value: str) -> bool:
    """Tell whether most of a value is alphabet or keyboard runs (abcdef, 123456)."""
    lowered = value.lower()
    if len(value) >= 8 and any(lowered in sequence for sequence in _SEQUENCES):
        return True
    if lowered.isascii():
        in_runs = _chars_in_runs_ascii(lowered.encode("ascii"))
    else:
        in_runs = _chars_in_runs(lowered)
    return in_runs * 2 >= len(value)


# Runs of four or more characters whose codes step by one (up or down, in any mix) count.
_MIN_RUN = 4
_NEXT_CODE = bytes((code + 1) % 256 for code in range(256))
_PREVIOUS_CODE = bytes((code - 1) % 256 for code in range(256))
# After XOR-ing the text with its shifted copy, a zero byte marks a step of one.
_ZERO_TO_ONE = bytes([1] + [0] * 255)
_STEP_RUN = re.compile(rb"\x01{%d,}" % (_MIN_RUN - 1))


def _chars_in_runs_ascii(data: bytes) -> int:
    """Count the characters in runs of ``_MIN_RUN`` or more, with C-speed passes only.

    A per-character Python loop made a hostile "password=password=..." take seconds: every
    assignment in it is judged, each with a 300-character value.
    """
    if len(data) < _MIN_RUN:
        return 0
    following = int.from_bytes(data[1:], "big")
    size = len(data) - 1
    up = (int.from_bytes(data[:-1].translate(_NEXT_CODE), "big") ^ following).to_bytes(size, "big")
    down = (int.from_bytes(data[:-1].translate(_PREVIOUS_CODE), "big") ^ following).to_bytes(
        size, "big"
    )
    steps = (
        int.from_bytes(up.translate(_ZERO_TO_ONE), "big")
        | int.from_bytes(down.translate(_ZERO_TO_ONE), "big")
    ).to_bytes(size, "big")
    # A run of n steps of one covers n + 1 characters.
    return sum(len(run) + 1 for run in _STEP_RUN.findall(steps))


def _chars_in_runs(lowered: str) -> int:
    in_runs = 0
    run = 1
    for previous, current in pairwise(lowered):
        if ord(current) - ord(previous) in (1, -1):
            run += 1
            continue
        in_runs += run if run >= _MIN_RUN else 0
        run = 1
    return in_runs + (run if run >= _MIN_RUN else 0)


def is_mostly_one_char(body: str) -> bool:
    """Tell whether a token body is a mask: few distinct characters or one dominating."""
    if len(body) < 4:
        return True
    counts = character_counts(body)
    return len(counts) <= 3 or max(counts) * 2 > len(body)


def has_classes(value: str, minimum: int) -> bool:
    """Tell whether a value mixes at least ``minimum`` of lower, upper, digit, symbol."""
    lower = upper = digit = other = False
    for char in value:
        if char.islower():
            lower = True
        elif char.isupper():
            upper = True
        elif char.isdigit():
            digit = True
        else:
            other = True
    return lower + upper + digit + other >= minimum


_TEMPLATE = re.compile(r"\$\{|\$\(|\{\{|\{%|^\$[A-Za-z_]|^%[A-Za-z_]+%$|^<[^>]*>$|^\[[^\]]*\]$")
_MASK = re.compile(r"[xX]{4}|[*#•]{3}|\.{3}|…")


def is_template_or_mask(value: str) -> bool:
    """Tell whether a value is a variable reference or a mask (${X}, <x>, ****, xxxx)."""
    return _TEMPLATE.search(value) is not None or _MASK.search(value) is not None


def is_rejected(value: str) -> bool:
    """Tell whether a value is a placeholder, documented example or a mask."""
    return is_placeholder(value) or is_documented_example(value)


_WORDISH = re.compile(r"[A-Z]?[a-z]{2,}|[A-Z]{3,}")
_DELETE_VOWELS = str.maketrans("", "", "aeiouAEIOU")
_CONSONANT_CLUSTER = re.compile(r"[b-df-hj-np-tv-xzB-DF-HJ-NP-TV-XZ]{4}")


def _is_word(candidate: str) -> bool:
    # Three letters only count as a word in capitals (DOC, API): short lower-case runs
    # are common in random strings.
    shortest = 3 if candidate.isupper() else 4
    if not shortest <= len(candidate) <= 12 or _CONSONANT_CLUSTER.search(candidate):
        return False
    # Deleting the vowels in C counts them without a per-character Python loop.
    vowels = len(candidate) - len(candidate.translate(_DELETE_VOWELS))
    return 0.25 <= vowels / len(candidate) <= 0.65


# The judges of one assignment ask twice about the same value (reference test, then words).
@lru_cache(maxsize=_RECENT_VALUES)
def word_coverage(value: str) -> float:
    """Share of a value covered by pronounceable words (Sales, Results, DOC)."""
    if not value:
        return 0.0
    covered = sum(len(word) for word in _WORDISH.findall(value) if _is_word(word))
    return covered / len(value)
