"""Normalised CRM values: emails, E.164 phones, web domains, search text and opaque cursors."""

from __future__ import annotations

import base64
import binascii
import json
import re
import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, overload

import phonenumbers

from backend.app.errors import InvalidInput

# Numbers written without a country code are read as this region's.
DEFAULT_PHONE_REGION = "US"
_EMAIL = re.compile(r"^[^@\s]{1,64}@[A-Za-z0-9][A-Za-z0-9.-]{0,251}\.[A-Za-z]{2,63}$")
_DOMAIN = re.compile(r"^(?=.{3,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9-]{1,63})+$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


# Emails, and phones, one contact may have.
MAX_ADDRESSES = 10


def _invalid(field: str, message: str, index: int | None = None) -> InvalidInput:
    loc: list[str | int] = ["body", field] if index is None else ["body", field, index]
    where = field if index is None else f"{field}[{index}]"
    return InvalidInput(
        f"{where}: {message}",
        errors=[{"loc": loc, "msg": message, "type": "value_error"}],
    )


def normalise_email(
    raw: str | None, *, field: str = "email", index: int | None = None
) -> str | None:
    """Trim, lower-case the domain (the local part is the mailbox owner's), check the shape."""
    if raw is None or not raw.strip():
        return None
    value = raw.strip()
    if not _EMAIL.match(value):
        raise _invalid(field, "not a valid email address", index)
    local, _, domain = value.rpartition("@")
    return f"{local}@{domain.lower()}"


@overload
def email_key(email: str) -> str: ...
@overload
def email_key(email: str | None) -> str | None: ...
def email_key(email: str | None) -> str | None:
    """The duplicate-detection key: the whole address in lower case."""
    return email.lower() if email else email


def normalise_phone(
    raw: str | None,
    region: str = DEFAULT_PHONE_REGION,
    *,
    field: str = "phone",
    index: int | None = None,
) -> str | None:
    """E.164 (+15551234567), or InvalidInput when the number cannot be a real one."""
    if raw is None or not raw.strip():
        return None
    try:
        number = phonenumbers.parse(raw.strip(), region)
    except phonenumbers.NumberParseException as exc:
        raise _invalid(field, "not a phone number", index) from exc
    if not phonenumbers.is_possible_number(number):
        raise _invalid(field, "not a possible phone number", index)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _several(
    primary: str | None,
    others: Sequence[str | None] | None,
    *,
    field: str,
    normalise: Callable[..., str | None],
    key: Callable[[str], str],
) -> list[str]:
    # The primary's errors name the single field (`email`), the others' their item (`emails[1]`).
    items = [normalise(primary)]
    items += [normalise(v, field=field, index=i) for i, v in enumerate(others or [])]
    seen: dict[str, str] = {}
    for item in items:
        if item is not None:
            seen.setdefault(key(item), item)
    if len(seen) > MAX_ADDRESSES:
        raise _invalid(field, f"at most {MAX_ADDRESSES} different values")
    return list(seen.values())


def normalise_emails(
    primary: str | None, others: Sequence[str | None] | None, *, field: str = "emails"
) -> list[str]:
    """The primary address first, then the others; blanks dropped, each address kept once."""
    return _several(primary, others, field=field, normalise=normalise_email, key=email_key)


def normalise_phones(
    primary: str | None, others: Sequence[str | None] | None, *, field: str = "phones"
) -> list[str]:
    """The primary number first, then the others, in E.164; blanks dropped, each kept once."""
    return _several(primary, others, field=field, normalise=normalise_phone, key=str)


def normalise_domain(raw: str | None) -> str | None:
    """acme.com from 'https://www.Acme.com/about'."""
    if raw is None or not raw.strip():
        return None
    value = raw.strip().lower()
    value = re.sub(r"^[a-z][a-z0-9+.-]*://", "", value).split("/", 1)[0].split(":", 1)[0]
    value = value.removeprefix("www.").rstrip(".")
    if not _DOMAIN.match(value):
        raise _invalid("domain", "not a valid web domain")
    return value


def normalise_currency(raw: str) -> str:
    value = raw.strip().upper()
    if not _CURRENCY.match(value):
        raise _invalid("currency", "must be an ISO 4217 code such as EUR or USD")
    return value


def normalise_amount(raw: Decimal | str | int) -> Decimal:
    """Two decimal places, never a float on the way."""
    try:
        value = Decimal(str(raw)).quantize(Decimal("0.01"))
    except InvalidOperation as exc:
        raise _invalid("amount", "not a decimal number") from exc
    if value < 0 or value >= Decimal("1e16"):
        raise _invalid("amount", "must be between 0 and 10^16")
    return value


def normalise_tags(raw: list[str] | None) -> list[str]:
    """Trimmed, lower-case, unique, in the order given."""
    seen: dict[str, None] = {}
    for tag in raw or []:
        value = tag.strip().lower()[:64]
        if value:
            seen.setdefault(value, None)
    return list(seen)


def search_text(*parts: str | None) -> str:
    """What ?q= matches: the searchable fields, lower-cased, in one column."""
    return " ".join(p.lower() for p in parts if p)[:800]


def encode_cursor(sort_value: Any, record_id: uuid.UUID) -> str:
    """An opaque cursor: the last row's sort key and id."""
    if isinstance(sort_value, datetime | date):
        value: Any = sort_value.isoformat()
    elif isinstance(sort_value, Decimal):
        value = str(sort_value)
    else:
        value = sort_value
    raw = json.dumps([value, str(record_id)], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, kind: str) -> tuple[Any, uuid.UUID]:
    """The sort key and id inside a cursor; kind is 'datetime', 'decimal' or 'text'."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value, record_id = json.loads(base64.urlsafe_b64decode(padded.encode()))
        key: Any = value
        if kind == "datetime":
            key = datetime.fromisoformat(value)
        elif kind == "decimal":
            key = Decimal(value)
        return key, uuid.UUID(record_id)
    except (ValueError, TypeError, binascii.Error, InvalidOperation) as exc:
        raise InvalidInput("cursor: not a cursor returned by this list") from exc


def parse_if_match(header: str | None) -> int | None:
    """The version a client last saw, from an If-Match header ('"3"', 'W/"3"'); '*' is None."""
    if header is None:
        return None
    value = header.strip()
    if value == "*":
        return None
    value = value.removeprefix("W/").strip('"')
    try:
        return int(value)
    except ValueError as exc:
        raise InvalidInput("If-Match: expected an ETag returned by this API") from exc


def etag(version: int) -> str:
    return f'"{version}"'
