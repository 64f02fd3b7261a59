"""The fast numbering-plan validation answers exactly as phonenumbers' parse + is_valid_number.

Compared on every plan's example numbers of every type (international and national forms, and
one-digit mutations of them) and on seeded random digit strings with the prefixes that steer
the parser (trunk 0, 00 / 011 international prefixes, a country code written without "+").
"""

from __future__ import annotations

import random

import phonenumbers
import pytest

from compliance_engine.detectors.pii.phone import CONTEXT_ONLY_REGIONS, NATIONAL_REGIONS
from compliance_engine.detectors.pii.phone_validation import (
    is_valid_international,
    is_valid_national,
)

_REGIONS = (*NATIONAL_REGIONS, *CONTEXT_ONLY_REGIONS)
_TYPES = tuple(
    value
    for name, value in vars(phonenumbers.PhoneNumberType).items()
    if name.isupper() and isinstance(value, int)
)


def _library_says(text: str, region: str | None) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(text, region))
    except phonenumbers.NumberParseException:
        return False


def _example_numbers() -> list[phonenumbers.PhoneNumber]:
    examples = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for number_type in _TYPES:
            example = phonenumbers.example_number_for_type(region, number_type)
            if example is not None:
                examples.append(example)
    for country_code in sorted(phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS):
        example = phonenumbers.example_number_for_non_geo_entity(country_code)
        if example is not None:
            examples.append(example)
    return examples


def _mutations(digits: str, rng: random.Random) -> list[str]:
    position = rng.randrange(len(digits))
    changed = digits[:position] + str((int(digits[position]) + 1) % 10) + digits[position + 1 :]
    return [digits, digits[:-1], digits + str(rng.randrange(10)), changed]


def test_international_examples_and_their_mutations() -> None:
    rng = random.Random(20261128)
    compared = 0
    for example in _example_numbers():
        e164 = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
        for digits in _mutations(e164[1:], rng):
            assert is_valid_international(digits) == _library_says("+" + digits, None), digits
            compared += 1
    assert compared > 3000


def test_national_examples_and_their_mutations() -> None:
    rng = random.Random(7)
    compared = 0
    for example in _example_numbers():
        region = phonenumbers.region_code_for_number(example)
        if region not in _REGIONS:
            continue
        national = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.NATIONAL)
        digits = "".join(char for char in national if char.isdigit())
        for candidate in _mutations(digits, rng):
            for parse_region in _REGIONS:
                expected = _library_says(candidate, parse_region)
                assert is_valid_national(candidate, parse_region) == expected, (
                    candidate,
                    parse_region,
                )
                compared += 1
    assert compared > 10000


@pytest.mark.parametrize("region", _REGIONS)
def test_random_digit_strings(region: str) -> None:
    rng = random.Random(region)
    own_code = str(phonenumbers.country_code_for_region(region))
    prefixes = ("", "", "0", "00", "011", "1", own_code, "0" + own_code, "00" + own_code, "0044")
    for _ in range(600):
        body = "".join(str(rng.randrange(10)) for _ in range(rng.randrange(4, 14)))
        digits = rng.choice(prefixes) + body
        assert is_valid_national(digits, region) == _library_says(digits, region), digits
        assert is_valid_international(digits) == _library_says("+" + digits, None), digits
