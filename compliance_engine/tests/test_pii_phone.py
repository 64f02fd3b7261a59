"""pii.phone: numbering-plan validated numbers, not dates, orders, versions or card digits."""

from __future__ import annotations

import pytest

from compliance_engine.detector import ScanText
from compliance_engine.detectors.pii.phone import PHONE
from compliance_engine.tests.pii_values import found_values, seconds_to_scan, with_luhn_digit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tu peux m'appeler au 06 12 34 56 78 demain ?", "06 12 34 56 78"),
        ("Standard : 01.42.68.53.00, demandez Julie.", "01.42.68.53.00"),
        ("Call me on +33 6 12 34 56 78 when you land.", "+33 6 12 34 56 78"),
        ("Our London office is on 020 7946 0958.", "020 7946 0958"),
        ("Her mobile: +44 7700 900123", "+44 7700 900123"),
        ("US desk (415) 555-0132 ext. 12 after 9am", "(415) 555-0132 ext. 12"),
        ("Ring Dave at 415-555-0132 tomorrow", "415-555-0132"),
        ("Ruf mich an unter 030 12345678, danke!", "030 12345678"),
        ("Handy: +49 151 23456789", "+49 151 23456789"),
        ("Please call 0033 1 42 68 53 00 from abroad", "0033 1 42 68 53 00"),
        ("Mobile: 07700900123", "07700900123"),
        ("New number +4930123456 for the on-call rota", "+4930123456"),
        ("Handy 0151/23456789, ab 18 Uhr", "0151/23456789"),
        ("US office: 212.555.0199", "212.555.0199"),
        ("Please call me at 06 99 86 88 55 I'd like to join", "06 99 86 88 55"),
        ("Tél. : +33 (0)1 42 68 53 00 (standard)", "+33 (0)1 42 68 53 00"),
    ],
)
def test_detect_finds_phone_when_number_fits_a_numbering_plan(text: str, expected: str) -> None:
    assert found_values(PHONE, text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Réunion décalée au 26/08/2024 à 16h00.",
        "Deadline is 19.03.2027 EOD, see 2026-02-19 14:30:00 in the log",
        "Order #18217687 shipped today, tracking to follow.",
        "Invoice 0612345678 is overdue by 12 days.",
        "Upgraded the SDK from 8.11.23 to 1.20.12 this morning.",
        "Teams client build 17.40.1252 still shows the bug.",
        "IBAN FR14 2004 1010 0505 0001 3M02 606 for the refund",
        f"Card {with_luhn_digit('401288888888188')} expires 12/27",
        "Revenue last quarter was $696,229,903.",
        "The amount is 1 234 567,89 EUR",
        "Budget approved: 06 12 34 56 78 EUR for Q4, call me about it",
        "Le devis est de € 01 23 45 67 89, appelle-moi",
        "SSN 078-05-1123 is not a phone",
        "Token 22047156:AAbcdEfGhIJ was revoked",
        "Ticket 606123 reopened by the customer, please call back.",
        "Build 18.12.175.6360 deployed to ring 3.",
        "Conference room 200, dial-in code 430766#.",
        "My National Insurance number is JG 10 32 59 A",
        "If you think there is a 100/100 probability, answer yes",
        "He ate 2/5 of the 120/240 pieces",
    ],
)
def test_detect_finds_nothing_when_digits_are_not_a_phone(text: str) -> None:
    assert found_values(PHONE, text) == []


def test_detect_reports_context_words_when_phone_word_is_near() -> None:
    (finding,) = PHONE.detect(ScanText("Mon portable : 06 12 34 56 78"))
    assert "portable" in finding.explanation.context
    assert finding.explanation.checks == ("numbering_plan_valid",)
    assert finding.explanation.rule == "phone.national.fr"


@pytest.mark.parametrize("filler", ["0 " * 32_768, "1." * 32_768, "(1)-" * 16_384, "9" * 65_536])
def test_detect_finishes_fast_when_input_is_adversarial(filler: str) -> None:
    assert seconds_to_scan(PHONE, filler) < 1.0
