"""Redaction operators and the merging of overlapping findings."""

from __future__ import annotations

import pytest

from compliance_engine import Category, Explanation, Finding, RedactionOperator, Severity, redact
from compliance_engine.redaction import hash_label, mask_value


def _finding(
    start: int,
    end: int,
    entity_type: str = "EMAIL",
    category: Category = Category.PII,
    severity: Severity = Severity.MEDIUM,
) -> Finding:
    return Finding(
        detector_id=f"{category.value}.test",
        category=category,
        entity_type=entity_type,
        start=start,
        end=end,
        score=0.9,
        severity=severity,
        explanation=Explanation(rule="test"),
    )


TEXT = "mail bob@mail.com now"
EMAIL_SPAN = _finding(5, 17)


@pytest.mark.parametrize(
    ("operator", "expected"),
    [
        (RedactionOperator.REPLACE, "mail <EMAIL> now"),
        (RedactionOperator.MASK, "mail ********.com now"),
        (RedactionOperator.HASH, f"mail {hash_label('bob@mail.com', 'EMAIL', b'key')} now"),
    ],
)
def test_operator_rewrites_span_when_applied(operator: RedactionOperator, expected: str) -> None:
    assert redact(TEXT, [EMAIL_SPAN], operator, key=b"key") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("4111111111111111", "************1111"),
        ("123456789", "*****6789"),
        ("12345678", "********"),
        ("ab", "**"),
    ],
)
def test_mask_keeps_last_four_when_value_is_long_enough(value: str, expected: str) -> None:
    assert mask_value(value) == expected


def test_hash_label_differs_when_key_differs() -> None:
    first = hash_label("bob@mail.com", "EMAIL", b"one")
    second = hash_label("bob@mail.com", "EMAIL", b"two")
    assert first != second
    assert first.startswith("<EMAIL:")
    assert len(first) == len("<EMAIL:12345678>")


def test_hash_operator_raises_when_no_key_given() -> None:
    with pytest.raises(ValueError, match="key"):
        redact(TEXT, [EMAIL_SPAN], RedactionOperator.HASH)


def test_overlapping_findings_merge_when_categories_differ() -> None:
    text = "token=ab12cd@host.io;rest"
    secret = _finding(6, 20, "SECRET", Category.SECRET, Severity.CRITICAL)
    email = _finding(10, 20, "EMAIL")
    redacted = redact(text, [email, secret], RedactionOperator.REPLACE)
    assert redacted == "token=<SECRET>;rest"


@pytest.mark.parametrize("operator", list(RedactionOperator))
def test_raw_value_never_survives_when_spans_overlap(operator: RedactionOperator) -> None:
    text = "x 4111111111111111 y"
    findings = [_finding(2, 12, "A"), _finding(8, 18, "B", Category.SECRET)]
    redacted = redact(text, findings, operator, key=b"k")
    assert "41111111" not in redacted
    assert redacted.startswith("x ")
    assert redacted.endswith(" y")


def test_operator_per_category_applies_when_mapping_given() -> None:
    text = "a bob@mail.com b tok_123456789"
    findings = [_finding(2, 14), _finding(17, 30, "SECRET", Category.SECRET)]
    operators = {Category.PII: RedactionOperator.REPLACE, Category.SECRET: RedactionOperator.MASK}
    assert redact(text, findings, operators) == "a <EMAIL> b *********6789"


def test_text_is_unchanged_when_no_findings() -> None:
    assert redact(TEXT, []) == TEXT
