"""Judging a candidate secret value: entropy, placeholders and documented examples."""

from __future__ import annotations

import math
import re
from collections import Counter
from itertools import pairwise

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

# Whole values that stand for "put your secret here".
_PLACEHOLDER_WORDS = frozenset(
    {
        "changeme",
        "changeit",
        "password",
        "passwd",
        "secret",
        "token",
        "apikey",
        "api_key",
        "example",
        "sample",
        "dummy",
        "test",
        "testing",
        "placeholder",
        "redacted",
        "removed",
        "hidden",
        "null",
        "none",
        "nil",
        "undefined",
        "empty",
        "todo",
        "tbd",
        "foo",
        "bar",
        "foobar",
        "admin",
        "root",
        "user",
        "username",
        "true",
        "false",
        "default",
        "string",
        "value",
        "mypassword",
        "yourpassword",
        "letmein",
        "qwerty",
    }
)

_PLACEHOLDER_SHAPES = re.compile(
    r"""
    \$\{ | \$\( | \{\{ | \{% | %\( | %s\b | %[0-9]*d\b   # template and format syntax
    | ^\$[A-Za-z_]                                      # shell variable
    | ^<[^>]*>$ | ^\[[^\]]*\]$ | ^\{[^}]*\}$             # <token>, [PASSWORD], {key}
    | ^%[A-Za-z_]+%$                                    # %VAR% (Windows)
    | [xX]{5} | [*#•]{3} | \.{3} | …                     # xxxxx, ***, ###, elided
    | (?i:your[_\-. ]?[a-z_\-]*(?:key|token|secret|password|here))
    | (?i:(?:insert|enter|replace|put)[_\-. ]?(?:your|the|key|token|here))
    | (?i:_here$|^here$|example|placeholder|redacted|changeme|dummy|fake[_\-]?(?:key|token|secret))
    """,
    re.VERBOSE,
)

_SEQUENCES = (
    "abcdefghijklmnopqrstuvwxyz",
    "zyxwvutsrqponmlkjihgfedcba",
    "0123456789012345678901234567890",
    "9876543210987654321098765432109",
    "qwertyuiopasdfghjklzxcvbnm",
)


def shannon_entropy(value: str) -> float:
    """Return the Shannon entropy of a string in bits per character."""
    if not value:
        return 0.0
    length = len(value)
    return -sum(n / length * math.log2(n / length) for n in Counter(value).values())


def is_documented_example(value: str) -> bool:
    """Tell whether a value is a vendor's documented example credential."""
    return value in DOCUMENTED_EXAMPLES or value.endswith(("EXAMPLE", "EXAMPLEKEY"))


def is_placeholder(value: str) -> bool:
    """Tell whether a value is a template variable, a mask or a stand-in word."""
    stripped = value.strip("'\"` ")
    if not stripped:
        return True
    if stripped.lower() in _PLACEHOLDER_WORDS:
        return True
    return _PLACEHOLDER_SHAPES.search(stripped) is not None


def is_sequential(value: str) -> bool:
    """Tell whether most of a value is alphabet or keyboard runs (abcdef, 123456)."""
    lowered = value.lower()
    if len(value) >= 8 and any(lowered in sequence for sequence in _SEQUENCES):
        return True
    in_runs = 0
    run = 1
    for previous, current in pairwise(lowered):
        if ord(current) - ord(previous) in (1, -1):
            run += 1
            continue
        in_runs += run if run >= 4 else 0
        run = 1
    in_runs += run if run >= 4 else 0
    return in_runs * 2 >= len(value)


def is_mostly_one_char(body: str) -> bool:
    """Tell whether a token body is a mask: few distinct characters or one dominating."""
    if len(body) < 4:
        return True
    counts = Counter(body)
    return len(counts) <= 3 or counts.most_common(1)[0][1] * 2 > len(body)


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
_VOWELS = frozenset("aeiouAEIOU")
_CONSONANT_CLUSTER = re.compile(r"[b-df-hj-np-tv-xzB-DF-HJ-NP-TV-XZ]{4}")


def _is_word(candidate: str) -> bool:
    # Three letters only count as a word in capitals (DOC, API): short lower-case runs
    # are common in random strings.
    shortest = 3 if candidate.isupper() else 4
    if not shortest <= len(candidate) <= 12 or _CONSONANT_CLUSTER.search(candidate):
        return False
    vowels = sum(1 for char in candidate if char in _VOWELS)
    return 0.25 <= vowels / len(candidate) <= 0.65


def word_coverage(value: str) -> float:
    """Share of a value covered by pronounceable words (Sales, Results, DOC)."""
    if not value:
        return 0.0
    covered = sum(len(word) for word in _WORDISH.findall(value) if _is_word(word))
    return covered / len(value)
