"""pii.us_ssn: SSA structure rules; undelimited numbers only next to context words."""

from __future__ import annotations

import pytest

from compliance_engine.detector import ScanText
from compliance_engine.detectors.pii.us_ssn import US_SSN
from compliance_engine.tests.pii_values import found_values, seconds_to_scan


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("His social security number is 536-22-1468", "536-22-1468"),
        ("SSN: 219 44 8812 on the W-2", "219 44 8812"),
        ("Here's my ssn 401223344 for the form", "401223344"),
        ("Sozialversicherungsnummer (US) 665-12-3456", "665-12-3456"),
        ("Employee 772-81-0034 joined", "772-81-0034"),
        ("numéro de sécurité sociale américain : 123-45-6788", "123-45-6788"),
    ],
)
def test_detect_finds_ssn_when_structure_is_issuable(text: str, expected: str) -> None:
    assert found_values(US_SSN, text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "SSN 000-12-3456 is a placeholder",
        "SSN 666-12-3456 is never issued",
        "SSN 912-34-5678 is an ITIN range",
        "SSN 123-00-4567 has group 00",
        "SSN 123-45-0000 has serial 0000",
        "SSN 078-05-1120 was printed in wallets",
        "SSN 111-11-1111 is a filler",
        "Order 401223344 shipped today",
        "Part 123-45-6789-01 is in stock",
        "Call 212-555-0123 now",
    ],
)
def test_detect_finds_nothing_when_ssn_is_invalid_or_lacks_context(text: str) -> None:
    assert found_values(US_SSN, text) == []


def test_detect_reports_context_when_ssn_word_is_near() -> None:
    (finding,) = US_SSN.detect(ScanText("ssn 401223344"))
    assert finding.explanation.rule == "ssn.undelimited"
    assert finding.explanation.context == ("ssn",)
    assert finding.explanation.checks == ("ssa_structure",)


@pytest.mark.parametrize("filler", ["1" * 65_536, "123-45-" * 9_362, "123 45 " * 9_362])
def test_detect_finishes_fast_when_input_is_adversarial(filler: str) -> None:
    assert seconds_to_scan(US_SSN, filler) < 1.0
