"""The PII detectors through the real scanner: overlaps, opt-in extras, clean chat."""

from __future__ import annotations

import pytest

from compliance_engine import Category, Scanner, policy_from_dict
from compliance_engine.detectors.pii import PII_DETECTORS
from compliance_engine.tests.pii_values import iban, nir, spaced_nir, with_luhn_digit

VISA = with_luhn_digit("453201511283036")
DE_IBAN = iban("DE", "370400440532013000")
NIR = nir("1850775123456")


def _scanner(enable: tuple[str, ...] = ()) -> Scanner:
    policy = policy_from_dict({"detectors": {"enable": ["*", *enable]}} if enable else {})
    return Scanner(policy, detectors=PII_DETECTORS)


def _entities(scanner: Scanner, text: str) -> list[tuple[str, str]]:
    return [(f.entity_type, text[f.start : f.end]) for f in scanner.scan(text).findings]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            f"Carte {VISA}, mail anna@example.com",
            [("CREDIT_CARD", VISA), ("EMAIL", "anna@example.com")],
        ),
        (f"IBAN {DE_IBAN} bitte", [("IBAN", DE_IBAN)]),
        (f"NIR : {spaced_nir(NIR)}", [("FR_NIR", spaced_nir(NIR))]),
        (
            "Call +33 6 12 34 56 78 or 10.20.30.40",
            [("PHONE", "+33 6 12 34 56 78"), ("IP_ADDRESS", "10.20.30.40")],
        ),
        ("passport 912803456", [("PASSPORT", "912803456")]),
        ("SSN 536-22-1468", [("US_SSN", "536-22-1468")]),
    ],
)
def test_scan_reports_one_entity_per_value_when_detectors_overlap(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert sorted(_entities(_scanner(), text)) == sorted(expected)


@pytest.mark.parametrize(
    "text",
    [
        "Can we move the review to 2026-02-19 at 15:15?",
        "Upgraded the SDK from 8.11.23 to 1.20.12 this morning.",
        "Invoice INV-2023-06101 is overdue by 53 days.",
        "Fern makes 60 widgets an hour and sells each for $6.",
        "Fixed in commit 16a40d7cd21b45b47b2d49904256aa6c4f04cf1d, please rebase.",
        "ID de la requête : 920495b8-cb71-4515-aa05-c3ba237edca3",
    ],
)
def test_scan_flags_nothing_when_chat_is_clean(text: str) -> None:
    assert Category.PII not in _scanner().scan(text).categories


def test_scan_runs_extra_only_when_policy_enables_it() -> None:
    text = "My National Insurance number is JG 10 32 59 A"
    assert _entities(_scanner(), text) == []
    assert _entities(_scanner(("pii.uk_nino",)), text) == [("UK_NINO", "JG 10 32 59 A")]
