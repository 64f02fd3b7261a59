"""The declaration every credential format is: a pattern, its keywords and its checks."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from compliance_engine.detector import ScanText
from compliance_engine.detectors.secrets.placeholders import is_placeholder
from compliance_engine.detectors.secrets.values import (
    is_documented_example,
    is_mostly_one_char,
    shannon_entropy,
    word_coverage,
)
from compliance_engine.model import Category, Explanation, Finding, Severity

Check = Callable[[str], bool]

ENTITY_TYPE = "SECRET"

# Where a value may end: a quote, a separator, whitespace, an escaped newline or the end.
VALUE_END = r"""(?=[`'"\s;,)<>\]}&|]|\\[nrt]|$)"""
# Where a standalone token may start: not in the middle of a longer token.
LEFT_EDGE = r"(?<![A-Za-z0-9_\-+/.])"
# The same test done in Python after the match, so a regex can start with its literal
# prefix, which lets the regex engine skip ahead to candidates instead of trying each
# position.
_EDGE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/.")
RIGHT_EDGE = r"(?![A-Za-z0-9_\-+/])"

# Between a key naming a vendor and its value: the rest of the identifier, an optional
# type, closing quotes, then an assignment operator (=, :=, ::=, ?=, .=, =>, :, a
# comma between call arguments) or the end of an XML start tag.
_KEY_TAIL = r"[\w.\-]{0,40}?(?:[ \t]+string)?"
_OPERATOR = (
    r"""[ \t]*['"\]]?[ \t]*(?:(?:[:?.+|]?=|:{1,3}=|=>|:|,|\|\|)[ \t]*|>[ \t]*\r?\n?[ \t]{0,12})"""
)
_OPEN_QUOTE = r"""[`'"]?[ \t]*"""
# Every _OPERATOR holds one of these: a text without any cannot hold a keyed value, however
# often it names the vendor (each name costs a 40-character lazy expansion of _KEY_TAIL).
_OPERATOR_CHARACTER = r"[=:,|>]"


def _always(_value: str) -> bool:
    return True


@dataclass(frozen=True, slots=True)
class SecretRule:
    """One credential format: a regex whose ``group`` is the secret, gated by keywords.

    ``keywords`` are lower-case substrings of which one must occur in the text for the
    regex to run; a structural rule without keywords has a ``gate`` instead, a regex
    cheaper than its own that must find something first. ``score`` decides overlaps in
    the scanner: self-identifying tokens (0.9) beat vendor-keyed values (0.85), which
    beat generic assignments (0.75).
    ``body_from`` is the length of a fixed prefix: what follows it is what the mask and
    entropy checks look at. ``left_edge`` rejects matches that start inside a longer
    token (tested after the match, so the regex can start with its literal prefix).
    """

    name: str
    regex: str
    keywords: tuple[str, ...]
    severity: Severity = Severity.HIGH
    group: int = 1
    score: float = 0.9
    flags: int = 0
    min_entropy: float = 0.0
    body_from: int = 0
    check: Check = _always
    gate: str = ""
    left_edge: bool = False
    compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)
    compiled_gate: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", re.compile(self.regex, self.flags))
        object.__setattr__(self, "compiled_gate", re.compile(self.gate) if self.gate else None)

    category = Category.SECRET
    entity_type = ENTITY_TYPE
    default_enabled = True

    @property
    def id(self) -> str:
        return f"secret.{self.name}"

    def applies(self, scan: ScanText) -> bool:
        return self.compiled_gate is None or self.compiled_gate.search(scan.text) is not None

    def detect(self, scan: ScanText) -> Iterator[Finding]:
        text = scan.text
        checks = "format+entropy" if self.min_entropy else "format"
        for match in self.compiled.finditer(text):
            start, end = match.span(self.group)
            if self.left_edge and start and text[start - 1] in _EDGE_CHARS:
                continue
            if start < end and self.accepts(text[start:end]):
                yield secret_finding(self.name, start, end, self.score, self.severity, checks)

    def accepts(self, value: str) -> bool:
        """Tell whether a matched value is a plausible real secret of this format."""
        body = value[self.body_from :]
        if is_documented_example(value) or is_mostly_one_char(body):
            return False
        if self.min_entropy and shannon_entropy(body) < self.min_entropy:
            return False
        return self.check(value)


def secret_finding(
    name: str, start: int, end: int, score: float, severity: Severity, checks: str
) -> Finding:
    """Build the finding of secret rule ``name`` over ``start:end``."""
    return Finding(
        detector_id=f"secret.{name}",
        category=Category.SECRET,
        entity_type=ENTITY_TYPE,
        start=start,
        end=end,
        score=score,
        severity=severity,
        explanation=Explanation(rule=name, checks=tuple(checks.split("+"))),
        subtype=name,
    )


def prefixed(
    name: str,
    token: str,
    keywords: tuple[str, ...],
    *,
    severity: Severity = Severity.HIGH,
    min_entropy: float = 0.0,
    body_from: int = 0,
    check: Check = _always,
    ignore_case: bool = False,
) -> SecretRule:
    """Declare a self-identifying token (documented prefix, alphabet and length)."""
    return SecretRule(
        name=name,
        regex=f"({token}){RIGHT_EDGE}",
        left_edge=True,
        keywords=keywords,
        severity=severity,
        min_entropy=min_entropy,
        body_from=body_from,
        check=check,
        flags=re.IGNORECASE if ignore_case else 0,
    )


def not_placeholder(value: str) -> bool:
    """Tell whether a value is not a template variable, mask or stand-in word."""
    return not is_placeholder(value)


def _random_looking(value: str) -> bool:
    # Keyed values carry no prefix: reject stand-ins and identifiers made of words.
    return not is_placeholder(value) and word_coverage(value) < 0.5


def keyed(
    name: str,
    vendor: str,
    value: str,
    keywords: tuple[str, ...],
    *,
    severity: Severity = Severity.HIGH,
    min_entropy: float = 3.0,
    check: Check = _random_looking,
) -> SecretRule:
    """Declare a value only recognisable by the vendor named in the key it is assigned to.

    ``vendor`` is a regex alternation for the vendor's names, ``value`` the documented
    alphabet and length; both are matched case-insensitively.
    """
    return SecretRule(
        name=name,
        regex=f"(?:{vendor}){_KEY_TAIL}{_OPERATOR}{_OPEN_QUOTE}({value}){VALUE_END}",
        keywords=keywords,
        gate=_OPERATOR_CHARACTER,
        severity=severity,
        score=0.85,
        flags=re.IGNORECASE,
        min_entropy=min_entropy,
        check=check,
    )


UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
