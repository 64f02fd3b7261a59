"""The detector contract and the declarative pattern detector most detectors are.

A detector is data: compiled patterns, prefilter keywords, context words and two
hooks, ``validate`` (a checksum or a structural test that must pass) and
``invalidate`` (a known false positive such as a documented example value).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar, runtime_checkable

from compliance_engine.model import Category, Explanation, Finding, Severity
from compliance_engine.textfold import fold_with_offsets

# How far around a match context words are looked for, in characters.
CONTEXT_WINDOW = 48

# A digit-anchored pattern (see ``finditer_near_digits``) reads at most this many characters
# before its first digit or after its last one, and holds no digit-free stretch this long.
DIGIT_REACH = 40
# Below this length a text is searched whole: finding its digit regions would cost more.
_MIN_LENGTH_FOR_DIGIT_REGIONS = 512

_ASCII_DIGITS = b"0123456789"
_NON_ASCII_RUNS = re.compile(r"[^\x00-\x7f]+")
# ASCII digits become "0" and everything else a space (non-ASCII characters arrive as "?").
_DIGIT_SKELETON = bytes(0x30 if 0x30 <= code <= 0x39 else 0x20 for code in range(256))
_DIGIT_GAP = b" " * DIGIT_REACH


T = TypeVar("T")


class _computed_once(Generic[T]):  # noqa: N801 (used as a decorator, like cached_property)
    """Like functools.cached_property, without the lock Python 3.11 takes on every first access.

    A ScanText belongs to one scan in one thread, so the lock only cost time.
    """

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self._compute = compute
        self._name = compute.__name__
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    def __get__(self, instance: Any, owner: type | None = None) -> T:
        # A non-data descriptor: once stored in the instance dict, the value shadows it.
        value = self._compute(instance)
        instance.__dict__[self._name] = value
        return value


class ScanText:
    """The text under scan plus derived views computed at most once per scan."""

    __slots__ = ("__dict__", "text")

    def __init__(self, text: str) -> None:
        self.text = text

    @_computed_once
    def lower(self) -> str:
        return self.text.lower()

    @_computed_once
    def folded(self) -> tuple[str, list[int] | None]:
        """Case- and accent-folded text plus a map back to original offsets (None: identity)."""
        if self.text.isascii():
            return self.lower, None
        return fold_with_offsets(self.text)

    @_computed_once
    def non_ascii(self) -> str:
        """The text's non-ASCII characters, joined (empty for an ASCII text): one regex pass."""
        text = self.text
        return "" if text.isascii() else "".join(_NON_ASCII_RUNS.findall(text))

    @_computed_once
    def digit_count(self) -> int:
        # ASCII digits are single bytes in UTF-8, so deleting them from the bytes in C counts
        # them several times faster than a per-character loop; other digits are rare.
        data = self.text.encode("utf-8")
        count = len(data) - len(data.translate(None, _ASCII_DIGITS))
        non_ascii = self.non_ascii
        return count + sum(map(str.isdigit, non_ascii)) if non_ascii else count

    @_computed_once
    def ascii_digits_only(self) -> bool:
        """Whether every decimal digit of the text is 0-9, so ``\\d`` means ``[0-9]`` on it."""
        return not any(map(str.isdecimal, self.non_ascii))

    @_computed_once
    def digit_regions(self) -> tuple[tuple[int, int], ...]:
        """Sorted, disjoint spans outside which no digit-anchored match can start or read.

        Each span is a cluster of digits (no digit-free stretch of ``DIGIT_REACH`` inside)
        widened by ``DIGIT_REACH`` on both sides. A short text, or one holding a non-ASCII
        decimal digit (which ``\\d`` matches), is one span.
        """
        text = self.text
        whole = ((0, len(text)),)
        if len(text) < _MIN_LENGTH_FOR_DIGIT_REGIONS:
            return whole
        if not self.ascii_digits_only:
            return whole
        # "replace" turns each non-ASCII character into one "?", so offsets stay aligned.
        skeleton = text.encode("ascii", "replace").translate(_DIGIT_SKELETON)
        regions: list[tuple[int, int]] = []
        first = skeleton.find(b"0")
        while first != -1:
            gap = skeleton.find(_DIGIT_GAP, first)
            last = skeleton.rfind(b"0", first, len(skeleton) if gap == -1 else gap)
            start, end = max(0, first - DIGIT_REACH), min(len(text), last + 1 + DIGIT_REACH)
            if regions and start <= regions[-1][1]:
                start = regions.pop()[0]
            regions.append((start, end))
            first = -1 if gap == -1 else skeleton.find(b"0", gap)
        return tuple(regions)

    @_computed_once
    def _memo(self) -> dict[Callable[[ScanText], Any], Any]:
        return {}

    def shared(self, compute: Callable[[ScanText], T]) -> T:
        """Return ``compute(self)``, computed at most once per scan for the same function.

        Lets several detectors share one costly view of the text (the injection analysis).
        """
        memo = self._memo
        if compute in memo:
            found: T = memo[compute]
            return found
        value = memo[compute] = compute(self)
        return value

    def window(self, start: int, end: int, size: int = CONTEXT_WINDOW) -> str:
        """Lower-cased text around a span, excluding the span itself."""
        lower = self.lower
        return lower[max(0, start - size) : start] + " " + lower[end : end + size]


def search_near_digits(
    pattern: re.Pattern[str], scan: ScanText, pos: int = 0
) -> re.Match[str] | None:
    """Return ``pattern.search(scan.text, pos)``, searching only the text's digit regions.

    Only for digit-anchored patterns: every match holds a digit, starts at most
    ``DIGIT_REACH`` characters before its first digit, has no digit-free stretch of
    ``DIGIT_REACH`` characters, and no attempt reads further than that past its last digit.
    On a long text with few numbers this skips the costly per-position regex scan of prose.
    """
    text = scan.text
    for start, end in scan.digit_regions:
        if end <= pos:
            continue
        match = pattern.search(text, max(start, pos), end)
        if match is not None:
            return match
    return None


def finditer_near_digits(pattern: re.Pattern[str], scan: ScanText) -> Iterator[re.Match[str]]:
    """Yield what ``pattern.finditer(scan.text)`` yields, for a digit-anchored pattern."""
    regions = scan.digit_regions
    if len(regions) == 1 and regions[0] == (0, len(scan.text)):
        yield from pattern.finditer(scan.text)
        return
    match = search_near_digits(pattern, scan)
    while match is not None:
        yield match
        match = search_near_digits(pattern, scan, max(match.end(), match.start() + 1))


@runtime_checkable
class Detector(Protocol):
    """What the scanner needs from a detector."""

    @property
    def id(self) -> str: ...

    @property
    def category(self) -> Category: ...

    @property
    def entity_type(self) -> str: ...

    @property
    def keywords(self) -> tuple[str, ...]:
        """Lower-case substrings of which one must occur for the detector to run; empty: always."""
        ...

    @property
    def default_enabled(self) -> bool:
        """Whether the default policy runs this detector (extra PII types are opt-in)."""
        ...

    def applies(self, scan: ScanText) -> bool:
        """A cheap test beyond keywords (digit count, length) deciding whether to run at all."""
        ...

    def detect(self, scan: ScanText) -> Iterator[Finding]: ...


@runtime_checkable
class GatedDetector(Detector, Protocol):
    """A detector whose ``applies`` is only true when a gate it shares with others is.

    The scanner tests a shared gate once per scan for the whole run of detectors holding it,
    instead of once per detector (the six injection detectors read one analysis).
    """

    @property
    def shared_gate(self) -> Callable[[ScanText], bool] | None:
        """A test every text this detector applies to passes, shared by reference (None: none)."""
        ...


Validator = Callable[[str], bool]


@dataclass(frozen=True, slots=True)
class Pattern:
    """One regular expression of a detector, with the score a bare match earns."""

    name: str
    regex: str
    score: float
    group: int | str = 0
    flags: int = 0
    compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", re.compile(self.regex, self.flags))


def _never(_value: str) -> bool:
    return False


def _always(_value: str) -> bool:
    return True


@dataclass(frozen=True, slots=True)
class PatternDetector:
    """A detector declared as patterns, keywords, context words and validation hooks.

    Score: the pattern's score, raised by ``context_boost`` when a context word
    appears near the match; a match whose final score is below ``min_score`` is
    dropped. ``requires_context`` drops matches with no context word at all.
    """

    id: str
    category: Category
    entity_type: str
    patterns: tuple[Pattern, ...]
    severity: Severity = Severity.MEDIUM
    keywords: tuple[str, ...] = ()
    context_words: tuple[str, ...] = ()
    context_boost: float = 0.35
    requires_context: bool = False
    min_score: float = 0.5
    min_digits: int = 0
    validate: Validator = _always
    invalidate: Validator = _never
    validation_name: str = ""
    subtype: str | None = None
    default_enabled: bool = True
    # Every pattern is digit-anchored (see ``finditer_near_digits``): search near digits only.
    near_digits: bool = False
    # A cheap test that every text holding a match passes (checked after ``min_digits``).
    precondition: Callable[[ScanText], bool] | None = None
    # A test implied by ``applies``, which the scanner runs once for the detectors sharing it.
    shared_gate: Callable[[ScanText], bool] | None = None

    def applies(self, scan: ScanText) -> bool:
        if self.min_digits and scan.digit_count < self.min_digits:
            return False
        return self.precondition is None or self.precondition(scan)

    def detect(self, scan: ScanText) -> Iterator[Finding]:
        text = scan.text
        for pattern in self.patterns:
            matches = (
                finditer_near_digits(pattern.compiled, scan)
                if self.near_digits
                else pattern.compiled.finditer(text)
            )
            for match in matches:
                start, end = match.span(pattern.group)
                if start == end:
                    continue
                value = text[start:end]
                if self.invalidate(value) or not self.validate(value):
                    continue
                context = self._context_hits(scan, start, end)
                if self.requires_context and not context:
                    continue
                score = min(1.0, pattern.score + (self.context_boost if context else 0.0))
                if score < self.min_score:
                    continue
                checks = (self.validation_name,) if self.validation_name else ()
                yield Finding(
                    detector_id=self.id,
                    category=self.category,
                    entity_type=self.entity_type,
                    start=start,
                    end=end,
                    score=score,
                    severity=self.severity,
                    explanation=Explanation(rule=pattern.name, checks=checks, context=context),
                    subtype=self.subtype,
                )

    def _context_hits(self, scan: ScanText, start: int, end: int) -> tuple[str, ...]:
        if not self.context_words:
            return ()
        window = scan.window(start, end)
        return tuple(word for word in self.context_words if word in window)
