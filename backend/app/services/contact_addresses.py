"""A contact's email addresses and phone numbers: the lists the API takes, and their storage.

``email`` and ``phone`` are the primary address and number: the first of ``emails`` and
``phones``. Both lists live in child rows (ADR-0011); the primary values are also kept on the
contact row. Everything here works on the loaded contact; nothing is flushed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from backend.app.models import Contact, ContactEmail, ContactPhone
from backend.app.models.base import utcnow
from backend.app.services import crm_values as values


@dataclass(frozen=True)
class Addresses:
    emails: list[str]
    phones: list[str]

    def email_keys(self) -> list[str]:
        return [values.email_key(e) for e in self.emails]


def of(contact: Contact) -> Addresses:
    """The contact's addresses and numbers as stored, primary first."""
    return Addresses(
        emails=[row.email for row in contact.email_addresses],
        phones=[row.phone for row in contact.phone_numbers],
    )


def given(contact_in: dict[str, Any]) -> Addresses:
    """A new contact's addresses: `email` (if any) first, then `emails`; the same for phones."""
    return Addresses(
        emails=values.normalise_emails(contact_in.get("email"), contact_in.get("emails")),
        phones=values.normalise_phones(contact_in.get("phone"), contact_in.get("phones")),
    )


Normaliser = Callable[[str | None, Sequence[str | None] | None], list[str]]


def _replaced(
    changes: dict[str, Any], single: str, plural: str, current: list[str], normalise: Normaliser
) -> list[str] | None:
    if plural in changes:
        # The list replaces them all; a primary sent with it goes first.
        result = normalise(changes.get(single), changes[plural])
    elif single in changes:
        # A new primary replaces the old one (null removes it: the next one becomes primary).
        result = normalise(changes[single], current[1:])
    else:
        return None
    return result if result != current else None


def changed(contact: Contact, changes: dict[str, Any]) -> dict[str, list[str]]:
    """The lists a partial update really changes: {'emails': [...], 'phones': [...]}."""
    current = of(contact)
    result: dict[str, list[str]] = {}
    emails = _replaced(changes, "email", "emails", current.emails, values.normalise_emails)
    if emails is not None:
        result["emails"] = emails
    phones = _replaced(changes, "phone", "phones", current.phones, values.normalise_phones)
    if phones is not None:
        result["phones"] = phones
    return result


def added(contact: Contact, wanted: dict[str, list[str]]) -> Addresses:
    """What an update adds to the contact: only these are checked for duplicates."""
    current = of(contact)
    known_emails = set(current.email_keys())
    return Addresses(
        emails=[e for e in wanted.get("emails", []) if values.email_key(e) not in known_emails],
        phones=[p for p in wanted.get("phones", []) if p not in current.phones],
    )


def store(contact: Contact, addresses: Addresses) -> None:
    """Make these the contact's lists (rows of unchanged values are kept) and primary values."""
    emails = {row.email_key: row for row in contact.email_addresses}
    email_rows = []
    for position, email in enumerate(addresses.emails):
        key = values.email_key(email)
        row = emails.get(key) or ContactEmail(email_key=key)
        row.email, row.position = email, position
        email_rows.append(row)
    phones = {row.phone: row for row in contact.phone_numbers}
    phone_rows = []
    for position, phone in enumerate(addresses.phones):
        phone_row = phones.get(phone) or ContactPhone(phone=phone)
        phone_row.position = position
        phone_rows.append(phone_row)
    contact.email_addresses = email_rows
    contact.phone_numbers = phone_rows
    contact.email = addresses.emails[0] if addresses.emails else None
    contact.email_key = values.email_key(contact.email)
    contact.phone = addresses.phones[0] if addresses.phones else None
    # The contact's row changes too, so its version moves even if only a second address did.
    contact.updated_at = utcnow()


def clear(contact: Contact) -> None:
    """Remove every address and number of the contact (erasure, or absorbed by a merge)."""
    store(contact, Addresses(emails=[], phones=[]))


def merged(survivor: Contact, absorbed: Contact) -> tuple[Addresses, dict[str, int]]:
    """The survivor's addresses followed by the absorbed contact's new ones, and their count."""
    mine, theirs = of(survivor), of(absorbed)
    emails = values.normalise_emails(None, [*mine.emails, *theirs.emails])
    phones = values.normalise_phones(None, [*mine.phones, *theirs.phones])
    moved = {"emails": len(emails) - len(mine.emails), "phones": len(phones) - len(mine.phones)}
    return Addresses(emails=emails, phones=phones), moved


def search_parts(contact: Contact) -> list[str]:
    """What ?q= reaches of the addresses: all of them, primary first."""
    addresses = of(contact)
    return [*addresses.emails, *addresses.phones]
