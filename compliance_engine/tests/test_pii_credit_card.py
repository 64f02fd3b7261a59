"""pii.credit_card: issuer ranges, Luhn and groupings; not orders or Luhn-failing numbers."""

from __future__ import annotations

import pytest

from compliance_engine.detector import ScanText
from compliance_engine.detectors.pii.credit_card import CREDIT_CARD, card_issuer
from compliance_engine.tests.pii_values import found_values, grouped, seconds_to_scan
from compliance_engine.tests.pii_values import with_luhn_digit as luhn

VISA = luhn("453201511283036")
MASTERCARD_2 = luhn("222300000000001")
AMEX = luhn("37828224631000")
DISCOVER = luhn("601111111111111")
DINERS = luhn("3056930902590")
JCB = luhn("353011133330000")
UNIONPAY = luhn("621234567890123")
MAESTRO = luhn("67590000000000")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"My card number is {VISA}, expiry 04/28", VISA),
        (f"Carte bancaire : {grouped(VISA)}", grouped(VISA)),
        (f"Kreditkarte {grouped(MASTERCARD_2, separator='-')} bitte belasten", None),
        (
            f"Amex {AMEX[:4]} {AMEX[4:10]} {AMEX[10:]} on file",
            f"{AMEX[:4]} {AMEX[4:10]} {AMEX[10:]}",
        ),
        (f"cc {DISCOVER}", DISCOVER),
        (f"Diners {DINERS} please", DINERS),
        (f"JCB card {grouped(JCB, separator='.')}", grouped(JCB, separator=".")),
        (f"UnionPay {UNIONPAY}", UNIONPAY),
        (f"Maestro {MAESTRO}", MAESTRO),
    ],
)
def test_detect_finds_card_when_issuer_and_luhn_match(text: str, expected: str | None) -> None:
    want = expected or grouped(MASTERCARD_2, separator="-")
    assert found_values(CREDIT_CARD, text) == [want]


@pytest.mark.parametrize(
    "text",
    [
        f"Card {VISA[:-1]}{(int(VISA[-1]) + 1) % 10} was declined",
        f"Tracking number {grouped(VISA)}, should arrive Thursday.",
        f"Order {luhn('912345678901234')} shipped",
        f"IBAN RS35 {grouped(VISA)} 70 for the refund",
        f"Version {VISA[:4]}.{VISA[4:8]}.{VISA[8:12]}.{VISA[12:]}.1 released",
        f"Card {VISA}{VISA} twice",
        f"{VISA[:4]} {VISA[4:7]} {VISA[7:]} odd grouping",
    ],
)
def test_detect_finds_nothing_when_number_is_not_a_card(text: str) -> None:
    assert found_values(CREDIT_CARD, text) == []


@pytest.mark.parametrize(
    ("digits", "issuer"),
    [(VISA, "visa"), (MASTERCARD_2, "mastercard"), (AMEX, "amex"), (JCB, "jcb"), ("9" * 16, None)],
)
def test_card_issuer_names_issuer_when_prefix_and_length_fit(
    digits: str, issuer: str | None
) -> None:
    assert card_issuer(digits) == issuer


def test_detect_explains_issuer_and_checks_when_card_found() -> None:
    (finding,) = CREDIT_CARD.detect(ScanText(f"credit card {VISA}"))
    assert finding.explanation.rule == "card.visa"
    assert finding.explanation.checks == ("issuer_range", "luhn")
    assert "card" in finding.explanation.context


@pytest.mark.parametrize("filler", ["4" * 65_536, "4 " * 32_768, "4-4." * 16_384])
def test_detect_finishes_fast_when_input_is_adversarial(filler: str) -> None:
    assert seconds_to_scan(CREDIT_CARD, filler) < 1.0
