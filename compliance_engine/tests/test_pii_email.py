"""pii.email: true and false positives, and a bounded-time adversarial input."""

from __future__ import annotations

import pytest

from compliance_engine.detector import ScanText
from compliance_engine.detectors.pii.email import EMAIL
from compliance_engine.tests.pii_values import found_values, seconds_to_scan


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Send the deck to anna.schmidt@example.com please", "anna.schmidt@example.com"),
        ("Mon adresse : jean-luc.dupont+crm@mail.orange.fr.", "jean-luc.dupont+crm@mail.orange.fr"),
        ("Schreib mir an k.mueller@firma-gmbh.de, danke", "k.mueller@firma-gmbh.de"),
        ("<ops_team@corp.example.co.uk>", "ops_team@corp.example.co.uk"),
        ("contact: a@xn--80ak6aa92e.xn--p1ai", "a@xn--80ak6aa92e.xn--p1ai"),
        ("MAILTO:Support@Example.ORG", "Support@Example.ORG"),
    ],
)
def test_detect_finds_email_when_address_is_valid(text: str, expected: str) -> None:
    assert found_values(EMAIL, text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "ping me @ 10am on Teams",
        "the decorator @dataclass(frozen=True) is fine",
        "user@localhost is not a routable address",
        "weird..dots@example.com.",
        "twitter handle @anna_schmidt",
        "a@b.c",
    ],
)
def test_detect_finds_nothing_when_no_valid_address(text: str) -> None:
    assert found_values(EMAIL, text) == []


def test_detect_finds_each_address_when_several_are_listed() -> None:
    text = "try ops@example.com or ops-backup@example.com,sales@example.org"
    assert found_values(EMAIL, text) == [
        "ops@example.com",
        "ops-backup@example.com",
        "sales@example.org",
    ]


def test_detect_explains_rule_and_context_when_email_found() -> None:
    (finding,) = EMAIL.detect(ScanText("Mon courriel : julie@example.fr"))
    assert finding.explanation.rule == "email.dot_atom"
    assert finding.explanation.checks == ("rfc5321_lengths",)
    assert finding.explanation.context == ("courriel",)


def test_detect_finishes_fast_when_input_is_adversarial() -> None:
    assert seconds_to_scan(EMAIL, "a." * 32_768 + "@" + "b-" * 32_768) < 1.0
    assert seconds_to_scan(EMAIL, "a@" * 32_768) < 1.0
    assert seconds_to_scan(EMAIL, "x" * 65_536 + "@example.com") < 1.0
