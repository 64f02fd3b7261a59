from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from backend.app.errors import InvalidInput
from backend.app.services import crm_values as values


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ada.Lovelace@Example.COM", "Ada.Lovelace@example.com"),
        ("  bob@sub.example.co.uk ", "bob@sub.example.co.uk"),
        ("", None),
        (None, None),
    ],
)
def test_email_is_normalised_when_valid(raw: str | None, expected: str | None) -> None:
    assert values.normalise_email(raw) == expected


@pytest.mark.parametrize("raw", ["no-at-sign", "a@b", "two@@example.com", "sp ace@example.com"])
def test_email_is_refused_when_malformed(raw: str) -> None:
    with pytest.raises(InvalidInput):
        values.normalise_email(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+33 1 23 45 67 89", "+33123456789"),
        ("(415) 555-0134", "+14155550134"),
        ("+44 20 7946 0958", "+442079460958"),
        ("", None),
    ],
)
def test_phone_is_e164_when_possible(raw: str, expected: str | None) -> None:
    assert values.normalise_phone(raw) == expected


@pytest.mark.parametrize("raw", ["12", "call me", "+999 123"])
def test_phone_is_refused_when_impossible(raw: str) -> None:
    with pytest.raises(InvalidInput):
        values.normalise_phone(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://www.Acme.com/about", "acme.com"),
        ("ACME.co.uk", "acme.co.uk"),
        ("http://shop.acme.io:8080", "shop.acme.io"),
    ],
)
def test_domain_is_normalised_when_given_a_url(raw: str, expected: str) -> None:
    assert values.normalise_domain(raw) == expected


def test_amount_keeps_cents_and_refuses_negatives_when_normalised() -> None:
    assert values.normalise_amount("1234.5") == Decimal("1234.50")
    with pytest.raises(InvalidInput):
        values.normalise_amount("-1")
    with pytest.raises(InvalidInput):
        values.normalise_amount("lots")


@pytest.mark.parametrize(
    ("sort_value", "kind"),
    [
        (datetime(2026, 11, 28, 1, 2, 3, 456789, tzinfo=UTC), "datetime"),
        (Decimal("99.90"), "decimal"),
        ("Lovelace", "text"),
    ],
)
def test_cursor_round_trips_when_decoded(sort_value: object, kind: str) -> None:
    record_id = uuid.uuid4()
    assert values.decode_cursor(values.encode_cursor(sort_value, record_id), kind) == (
        sort_value,
        record_id,
    )


@pytest.mark.parametrize(
    ("header", "version"), [('"3"', 3), ('W/"7"', 7), ("*", None), (None, None)]
)
def test_if_match_gives_the_version_when_it_is_an_etag(
    header: str | None, version: int | None
) -> None:
    assert values.parse_if_match(header) == version


def test_address_lists_keep_the_primary_first_and_each_value_once_when_normalised() -> None:
    emails = values.normalise_emails("B@X.COM", ["a@x.com", "b@x.com", " ", None])
    assert emails == ["B@x.com", "a@x.com"]
    assert values.normalise_phones(None, ["(415) 555-0134", "+1 415 555 0134", ""]) == [
        "+14155550134"
    ]
    assert values.normalise_emails(None, None) == []


def test_address_lists_are_refused_with_the_items_position_when_one_is_bad_or_too_many() -> None:
    with pytest.raises(InvalidInput) as bad:
        values.normalise_phones(None, ["+14155550134", "12"])
    assert bad.value.extra["errors"][0]["loc"] == ["body", "phones", 1]
    many = [f"p{i}@x.com" for i in range(values.MAX_ADDRESSES)]
    assert len(values.normalise_emails(None, [*many, "P0@X.com"])) == values.MAX_ADDRESSES
    with pytest.raises(InvalidInput):
        values.normalise_emails("extra@x.com", many)
