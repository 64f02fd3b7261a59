"""pii.passport: national formats, reported only next to a passport context word."""

from __future__ import annotations

import pytest

from compliance_engine.detector import ScanText
from compliance_engine.detectors.pii.passport import PASSPORT
from compliance_engine.tests.pii_values import found_values, seconds_to_scan


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My passport number is 912803456, please book the flight.", "912803456"),
        ("UK passport AB1234567 expires in May", "AB1234567"),
        ("Numéro de passeport : 18AV12345 (pour la réservation du vol)", "18AV12345"),
        ("Reisepass-Nr. C01X00T47 liegt vor", "C01X00T47"),
        ("Número de pasaporte: XDA123456", "XDA123456"),
        ("Indian passport J8369854 attached", "J8369854"),
        ("Korean passport m12345678 on file", "m12345678"),
        ("Korean passport M123A4567 on file", "M123A4567"),
        ("Numero di passaporto YA1234567", "YA1234567"),
    ],
)
def test_detect_finds_passport_when_context_word_is_near(text: str, expected: str) -> None:
    assert found_values(PASSPORT, text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Order 912803456 shipped today",
        "Ticket AB1234567 is closed",
        "My password is hunter2 and my pin 123456",
        "Passport photo requirements: 35x45 mm, white background",
        "Passport renewal costs 86 EUR this year",
        "The passport office opens at 09:00",
    ],
)
def test_detect_finds_nothing_when_no_passport_number_or_context(text: str) -> None:
    assert found_values(PASSPORT, text) == []


def test_detect_reports_country_subtype_when_format_is_specific() -> None:
    (finding,) = PASSPORT.detect(ScanText("passeport 18AV12345"))
    assert finding.subtype == "fr_passport"
    assert finding.explanation.rule == "passport.fr"
    assert finding.explanation.context == ("passeport",)


@pytest.mark.parametrize(
    "filler", ["passport " + "A1" * 32_768, "passport " + "123456789 " * 6_500]
)
def test_detect_finishes_fast_when_input_is_adversarial(filler: str) -> None:
    assert seconds_to_scan(PASSPORT, filler) < 1.0
