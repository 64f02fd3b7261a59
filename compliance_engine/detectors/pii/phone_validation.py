"""Phone-number validity by the numbering plans of ``phonenumbers``, without its general parser.

``phonenumbers.parse`` followed by ``is_valid_number`` costs about 20 us per region tried, most
of it spent on what a free-form string may hold (Unicode digits, RFC 3966 URIs, extensions,
vanity letters). A candidate of the phone detector is ASCII digits and separators only, so this
module replays the same decisions on its digits: international prefix and country code, the
country code written without "+", the national prefix, the length checks, then the number-type
patterns, all read from the library's own metadata and compiled once. It answers exactly as
the library does; ``test_phone_validation`` compares both on every plan's example numbers
written in several ways and on random digit strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from phonenumbers import COUNTRY_CODE_TO_REGION_CODE, phonenumberutil, re_util
from phonenumbers.phonemetadata import PhoneMetadata, PhoneNumberDesc

_NON_GEO_REGION = "001"
# The parser's bounds on a national significant number.
_MIN_NSN_LENGTH = 2
_MAX_NSN_LENGTH = 17
_MAX_COUNTRY_CODE_LENGTH = 3
# What ``_test_number_length`` answers when stripping a national prefix left too little.
_LENGTHS_THAT_KEEP_THE_PREFIX = (
    phonenumberutil.ValidationResult.TOO_SHORT,
    phonenumberutil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY,
    phonenumberutil.ValidationResult.INVALID_LENGTH,
)
# The special number types, tested before fixed line and mobile, in the library's order.
_SPECIAL_TYPES = (
    "premium_rate",
    "toll_free",
    "shared_cost",
    "voip",
    "personal_number",
    "pager",
    "uan",
    "voicemail",
)


@dataclass(frozen=True, slots=True)
class _Desc:
    """One number description: the lengths it allows (empty: any) and its full-match pattern."""

    lengths: frozenset[int]
    pattern: re.Pattern[str] | None

    def matches(self, nsn: str) -> bool:
        if self.lengths and len(nsn) not in self.lengths:
            return False
        return self.pattern is not None and self.pattern.fullmatch(nsn) is not None


def _desc(description: PhoneNumberDesc | None) -> _Desc | None:
    if description is None:
        return None
    source = description.national_number_pattern
    return _Desc(frozenset(description.possible_length or ()), _compiled(source))


def _compiled(source: str | None) -> re.Pattern[str] | None:
    # The library's pattern cache (kept for good by ``load_numbering_plans``) already holds them.
    return re_util.re_compile(source) if source else None


@dataclass(frozen=True, slots=True)
class _Plan:
    """The parts of one region's metadata that validation reads, compiled."""

    metadata: PhoneMetadata
    country_code: int
    general: _Desc | None
    special: tuple[_Desc, ...]
    fixed_line: _Desc | None
    mobile: _Desc | None
    same_mobile_and_fixed_line: bool
    leading_digits: re.Pattern[str] | None
    international_prefix: re.Pattern[str] | None

    def has_type(self, nsn: str) -> bool:
        """Whether ``_number_type_helper`` would give the number a type (not UNKNOWN)."""
        if self.general is None or not self.general.matches(nsn):
            return False
        if any(desc.matches(nsn) for desc in self.special):
            return True
        if self.fixed_line is not None and self.fixed_line.matches(nsn):
            return True
        return (
            not self.same_mobile_and_fixed_line
            and self.mobile is not None
            and self.mobile.matches(nsn)
        )


def _plan_of(metadata: PhoneMetadata) -> _Plan:
    special = tuple(
        desc for desc in (_desc(getattr(metadata, name)) for name in _SPECIAL_TYPES) if desc
    )
    return _Plan(
        metadata=metadata,
        country_code=metadata.country_code or 0,
        general=_desc(metadata.general_desc),
        special=special,
        fixed_line=_desc(metadata.fixed_line),
        mobile=_desc(metadata.mobile),
        same_mobile_and_fixed_line=bool(metadata.same_mobile_and_fixed_line_pattern),
        leading_digits=_compiled(metadata.leading_digits),
        international_prefix=_compiled(metadata.international_prefix),
    )


@cache
def _region_plan(region: str) -> _Plan | None:
    metadata = PhoneMetadata.metadata_for_region(region, None)
    return _plan_of(metadata) if metadata is not None else None


@cache
def _plan_for(country_code: int, region: str) -> _Plan | None:
    """Like ``metadata_for_region_or_calling_code``: the region's plan, or the non-geo one."""
    if region == _NON_GEO_REGION:
        metadata = PhoneMetadata.metadata_for_nongeo_region(country_code, None)
        return _plan_of(metadata) if metadata is not None else None
    return _region_plan(region)


def _extract_country_code(digits: str) -> tuple[int, str]:
    if not digits or digits[0] == "0":
        return 0, digits
    for length in range(1, min(len(digits), _MAX_COUNTRY_CODE_LENGTH) + 1):
        country_code = int(digits[:length])
        if country_code in COUNTRY_CODE_TO_REGION_CODE:
            return country_code, digits[length:]
    return 0, digits


def _strip_national_prefix(nsn: str, plan: _Plan) -> str:
    """Drop a national (trunk) prefix or carrier code, as the parser does, when it leaves enough."""
    _, stripped, _ = phonenumberutil._maybe_strip_national_prefix_carrier_code(nsn, plan.metadata)
    length = phonenumberutil._test_number_length(stripped, plan.metadata)
    return nsn if length in _LENGTHS_THAT_KEEP_THE_PREFIX else stripped


def _general_match(nsn: str, plan: _Plan) -> bool:
    general = plan.general
    return (
        general is not None and general.pattern is not None and bool(general.pattern.fullmatch(nsn))
    )


def _is_valid(country_code: int, nsn: str) -> bool:
    """``is_valid_number`` for a country code and a national significant number."""
    regions = COUNTRY_CODE_TO_REGION_CODE.get(country_code)
    if not regions:
        return False
    region = regions[0] if len(regions) == 1 else _region_among(regions, nsn)
    if region is None:
        return False
    plan = _plan_for(country_code, region)
    if plan is None:
        return False
    if region != _NON_GEO_REGION:
        own = _region_plan(region)
        if own is None or own.country_code != country_code:
            return False
    return plan.has_type(nsn)


def _region_among(regions: tuple[str, ...], nsn: str) -> str | None:
    """The region of a shared country code (+1, +44, +7...) a number belongs to."""
    for region in regions:
        plan = _region_plan(region)
        if plan is None:
            continue
        if plan.leading_digits is not None:
            if plan.leading_digits.match(nsn):
                return region
        elif plan.has_type(nsn):
            return region
    return None


def _finish(country_code: int, nsn: str, plan: _Plan) -> bool:
    """The parser's last steps (national prefix, length bounds), then validation."""
    if len(nsn) < _MIN_NSN_LENGTH:
        return False
    nsn = _strip_national_prefix(nsn, plan)
    if not _MIN_NSN_LENGTH <= len(nsn) <= _MAX_NSN_LENGTH:
        return False
    return _is_valid(country_code, nsn)


def _with_country_code(country_code: int, nsn: str) -> bool:
    main_region = phonenumberutil.region_code_for_country_code(country_code)
    plan = _plan_for(country_code, main_region)
    return plan is not None and _finish(country_code, nsn, plan)


def is_valid_international(digits: str) -> bool:
    """``is_valid_number(parse("+" + digits, None))`` for a string of ASCII digits."""
    if len(digits) <= _MIN_NSN_LENGTH:
        return False
    country_code, nsn = _extract_country_code(digits)
    if country_code == 0:
        return False
    return _with_country_code(country_code, nsn)


def is_valid_national(digits: str, region: str) -> bool:
    """``is_valid_number(parse(digits, region))`` for a string of ASCII digits without "+"."""
    plan = _region_plan(region)
    if plan is None or not digits:
        return False
    idd = plan.international_prefix
    match = idd.match(digits) if idd is not None else None
    # An international prefix counts only when no "0" follows it (country codes never start 0).
    if match is not None and not digits[match.end() :].startswith("0"):
        rest = digits[match.end() :]
        if len(rest) <= _MIN_NSN_LENGTH:
            return False
        country_code, nsn = _extract_country_code(rest)
        return country_code != 0 and _with_country_code(country_code, nsn)
    own_code = str(plan.country_code)
    if digits.startswith(own_code):
        # The region's own country code written without "+": kept only if it makes a better number.
        after_code = digits[len(own_code) :]
        _, without_prefix, _ = phonenumberutil._maybe_strip_national_prefix_carrier_code(
            after_code, plan.metadata
        )
        too_long = (
            phonenumberutil._test_number_length(digits, plan.metadata)
            == phonenumberutil.ValidationResult.TOO_LONG
        )
        if (not _general_match(digits, plan) and _general_match(without_prefix, plan)) or too_long:
            return _with_country_code(plan.country_code, without_prefix)
    return _finish(plan.country_code, digits, plan)
