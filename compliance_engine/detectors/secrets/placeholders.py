"""Values that stand for "put your secret here": template syntax, masks and stand-in words.

One alternation of every shape (``PLACEHOLDER_SHAPES``) costs about 50 us on a 300-character
value, because no branch lets the regex engine skip ahead. For ASCII values the same test is
split into searches that each start with a literal or a character class (which the engine
skips to at C speed), plus the case-insensitive wording, searched only when one of its words
occurs. Other values keep the single alternation, whose case-insensitive matching of
non-ASCII letters the split form would not reproduce.
"""

from __future__ import annotations

import re

# Whole values that stand for "put your secret here".
PLACEHOLDER_WORDS = frozenset(
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

_TEMPLATE = r"\$\{ | \$\( | \{\{ | \{% | %\( | %s\b | %[0-9]*d\b"
_WHOLE_VALUE = r"\$[A-Za-z_] | <[^>]*>$ | \[[^\]]*\]$ | \{[^}]*\}$ | %[A-Za-z_]+%$"
_MASK = r"[xX]{5} | [*#•]{3} | \.{3} | …"
_WORDING = (
    r"(?i:your[_\-. ]?[a-z_\-]*(?:key|token|secret|password|here))"
    r" | (?i:(?:insert|enter|replace|put)[_\-. ]?(?:your|the|key|token|here))"
    r" | (?i:_here$|^here$|example|placeholder|redacted|changeme|dummy"
    r"|fake[_\-]?(?:key|token|secret))"
)

PLACEHOLDER_SHAPES = re.compile(
    # template and format syntax; shell variable, <token>, [PASSWORD], {key}, %VAR%;
    # xxxxx, ***, ###, elided; then the wording of instructions and stand-ins.
    f"{_TEMPLATE} | ^(?:{_WHOLE_VALUE}) | {_MASK} | {_WORDING}",
    re.VERBOSE,
)
_TEMPLATE_SHAPE = re.compile(_TEMPLATE, re.VERBOSE)
_WHOLE_VALUE_SHAPE = re.compile(_WHOLE_VALUE, re.VERBOSE)  # used with match(): anchored
# The same as _MASK, written to start with one character class the engine can skip to.
_MASK_SHAPE = re.compile(r"[xX*#•.…](?:(?<=[xX])[xX]{4}|(?<=[*#•])[*#•]{2}|(?<=\.)\.{2}|(?<=…))")
_WORDING_SHAPE = re.compile(_WORDING, re.VERBOSE)
# Every match of _WORDING in an ASCII value holds one of these, lower-cased.
_WORDING_WORDS = (
    "your",
    "insert",
    "enter",
    "replace",
    "put",
    "here",
    "example",
    "placeholder",
    "redacted",
    "changeme",
    "dummy",
    "fake",
)


def is_placeholder(value: str) -> bool:
    """Tell whether a value is a template variable, a mask or a stand-in word."""
    stripped = value.strip("'\"` ")
    if not stripped:
        return True
    lowered = stripped.lower()
    if lowered in PLACEHOLDER_WORDS:
        return True
    if not stripped.isascii():
        return PLACEHOLDER_SHAPES.search(stripped) is not None
    return bool(
        _TEMPLATE_SHAPE.search(stripped)
        or _WHOLE_VALUE_SHAPE.match(stripped)
        or _MASK_SHAPE.search(stripped)
        or (any(word in lowered for word in _WORDING_WORDS) and _WORDING_SHAPE.search(stripped))
    )
