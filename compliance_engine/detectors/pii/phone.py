"""Phone numbers: a cheap candidate regex, then the `phonenumbers` numbering plans decide."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import phonenumbers

from compliance_engine.detector import ScanText, finditer_near_digits
from compliance_engine.detectors.pii import digit_shapes
from compliance_engine.detectors.pii.checksums import luhn_valid
from compliance_engine.detectors.pii.context import (
    context_hits,
    follows_code,
    follows_version_word,
    pii_finding,
    word_list,
)
from compliance_engine.detectors.pii.phone_plans import load_numbering_plans
from compliance_engine.detectors.pii.phone_rules import (
    NUMBER_WORDS,
    OTHER_NUMBER_WORDS,
    PHONE_WORDS,
    is_amount,
    looks_like_other_number,
    names_another_number,
    national_shape_score,
)
from compliance_engine.detectors.pii.phone_validation import (
    is_valid_international,
    is_valid_national,
)
from compliance_engine.model import Category, Explanation, Finding, Severity

# A run of digits, spaces, dots, slashes, dashes and parentheses starting and ending on a
# digit (or a leading "+"/"("), optionally followed by an extension: one character class, so
# no nested quantifiers. The first character comes before the lookbehinds so the regex engine
# skips non-candidate characters quickly; the lookbehinds test the character before it.
_NOT_BEFORE = r"[\w+#$€£¥%&=/\\.:-]"
_RUN = re.compile(
    rf"[+(\d](?<!{_NOT_BEFORE}.)(?<!\d,.)(?:(?<=\+) ?\(?\d|(?<=\()\d|(?<=\d))[\d ()./-]{{4,24}}\d"
    r"(?:\s?(?:x|ext\.?|poste)\s?\d{1,5})?(?![\w:#]|[.,/-]\d)"
)
_EXTENSION = re.compile(r"\s?(?:x|ext\.?|poste)\s?\d{1,5}$")
_NON_DIGITS = re.compile(r"\D+")

NATIONAL_REGIONS = ("US", "FR", "GB", "DE")
# National numbers with a leading trunk "0": the US plan never has one.
_TRUNK_REGIONS = ("FR", "GB", "DE")
# Further plans, tried only when a phone word is near: those a European/US business meets.
CONTEXT_ONLY_REGIONS = word_list(
    "BE CH LU NL AT IT ES PT IE PL SE DK NO FI CA AU IN SG HK IL AE BR MX ZA MA TN RS JP CN"
)
_MIN_SCORE = 0.5
_CONTEXT_BOOST = 0.35


load_numbering_plans()


@dataclass(frozen=True, slots=True)
class _Verdict:
    score: float
    rule: str
    check: str


_VALID_INTERNATIONAL = _Verdict(0.9, "phone.international", "numbering_plan_valid")


def _prescreen(value: str) -> tuple[str, str] | None:
    """Return (number without extension, its digits) if the shape can be a phone number."""
    core = _EXTENSION.sub("", value)
    # The candidate holds only digits and separators, so dropping non-digits keeps the digits.
    digits = _NON_DIGITS.sub("", core)
    if not 6 <= len(digits) <= 15 or looks_like_other_number(core):
        return None
    if len(digits) >= 13 and luhn_valid(digits):
        return None  # a payment card number: the card detector owns it
    return core, digits


def _classify(core: str, digits: str, has_context: bool) -> _Verdict | None:
    """Decide whether a candidate string is a phone number and how confidently."""
    if core.startswith("+") or core.startswith("00"):
        international = "+" + core.lstrip("+0 ") if core.startswith("00") else core
        return _classify_international(international, has_context)
    return _classify_national(core, digits, has_context)


def _classify_international(core: str, has_context: bool) -> _Verdict | None:
    digits = _NON_DIGITS.sub("", core)
    if digits.isascii() and is_valid_international(digits):
        return _VALID_INTERNATIONAL
    if not has_context and digits.isascii():
        return None
    # Other scripts' digits, or a merely possible number next to a phone word: the library.
    try:
        number = phonenumbers.parse(core, None)
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_valid_number(number):
        return _VALID_INTERNATIONAL
    if has_context and phonenumbers.is_possible_number(number):
        return _Verdict(0.45, "phone.international", "numbering_plan_possible")
    return None


def _classify_national(core: str, digits: str, has_context: bool) -> _Verdict | None:
    score = national_shape_score(core, digits)
    if score + (_CONTEXT_BOOST if has_context else 0.0) < _MIN_SCORE:
        return None  # cannot reach the threshold: skip the costly numbering-plan parse
    regions = _TRUNK_REGIONS if digits.startswith("0") else NATIONAL_REGIONS
    region = _first_valid_region(core, digits, regions)
    if region is None and has_context:
        region = _first_valid_region(core, digits, CONTEXT_ONLY_REGIONS)
        score = min(score, 0.3)
    if region is None:
        return None
    return _Verdict(score, f"phone.national.{region.lower()}", "numbering_plan_valid")


def _first_valid_region(core: str, digits: str, regions: tuple[str, ...]) -> str | None:
    for region in regions:
        if digits.isascii():
            if is_valid_national(digits, region):
                return region
            continue
        try:
            number = phonenumbers.parse(core, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return region
    return None


@dataclass(frozen=True, slots=True)
class PhoneDetector:
    """Find phone numbers written in international or FR/GB/US/DE national formats."""

    id: str = "pii.phone"
    category: Category = Category.PII
    entity_type: str = "PHONE"
    keywords: tuple[str, ...] = ()
    default_enabled: bool = True
    severity: Severity = Severity.MEDIUM

    @property
    def shared_gate(self) -> Callable[[ScanText], bool]:
        """The digit-count test shared with the other digit-based detectors."""
        return digit_shapes.holds_a_number

    def applies(self, scan: ScanText) -> bool:
        return scan.digit_count >= 6

    def detect(self, scan: ScanText) -> Iterator[Finding]:
        for match in finditer_near_digits(_RUN, scan):
            start, end = match.span()
            if follows_code(scan, start):
                continue
            finding = self._judge(scan, start, end)
            if finding is not None:
                yield finding

    def _judge(self, scan: ScanText, start: int, end: int) -> Finding | None:
        shape = _prescreen(scan.text[start:end])
        if shape is None or is_amount(scan, start, end):
            return None
        if follows_version_word(scan, start) or names_another_number(scan, start, end):
            return None
        context = context_hits(scan, start, end, PHONE_WORDS, size=40)
        if not context:
            if context_hits(scan, start, end, OTHER_NUMBER_WORDS, size=24):
                return None
            # "number" alone counts only when nothing says order, ticket, account... and the
            # number is long enough not to be a short code.
            if len(shape[1]) >= 7:
                context = context_hits(scan, start, end, NUMBER_WORDS, size=24)
        verdict = _classify(*shape, has_context=bool(context))
        if verdict is None:
            return None
        score = verdict.score + (_CONTEXT_BOOST if context else 0.0)
        if score < _MIN_SCORE:
            return None
        return pii_finding(
            self.id,
            self.entity_type,
            (start, end),
            score,
            self.severity,
            Explanation(rule=verdict.rule, checks=(verdict.check,), context=context),
        )


PHONE = PhoneDetector()
