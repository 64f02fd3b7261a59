"""What makes a digit run not a phone number: dates, amounts, codes, and the words around it."""

from __future__ import annotations

import re

from compliance_engine.detector import ScanText
from compliance_engine.detectors.pii.context import word_list

# Words near a number that say it is a phone number (English, French, German).
PHONE_WORDS = (
    *word_list("phone tel tél call mobile cell fax office desk reach contact whatsapp sms ring"),
    *word_list("answer dial hotline appel joindre portable standard rappel fixe ligne"),
    *word_list("telefon handy anruf ruf erreichbar durchwahl zentrale"),
    "text me",
)
# "number" alone is weak: it counts only when nothing says what else the number is.
NUMBER_WORDS = ("number", "numéro", "nummer", "num ")
# Words that name another kind of number: orders, tickets, accounts, codes, rooms...
OTHER_NUMBER_WORDS = (
    *word_list("order invoice ticket tracking shipment ref account iban card contract"),
    *word_list("commande facture dossier colis bestell rechnung konto kunden"),
    *word_list("amount total price revenue version build # sku isbn serial case n° code pin"),
    *word_list("room salle zimmer"),
    "id ",
    "po ",
    "port ",
)
# Any of them at the start of a word (no letter right before), in one regex search.
_OTHER_NUMBER_WORD = re.compile(
    r"(?<![^\W\d_])(?:" + "|".join(re.escape(word) for word in OTHER_NUMBER_WORDS) + ")"
)

# Calendar dates: day-month-year written with one separator, or ISO year-month-day anywhere.
_DATE = re.compile(
    r"(?:0?[1-9]|[12]\d|3[01])([./-])(?:0?[1-9]|1[0-2])\1(?:19|20)?\d\d"
    r"|(?:0?[1-9]|1[0-2])([./-])(?:0?[1-9]|[12]\d|3[01])\2(?:19|20)\d\d"
)
_ISO_DATE = re.compile(r"(?:19|20)\d\d([./-])(?:0[1-9]|1[0-2])\1(?:0[1-9]|[12]\d|3[01])")
_SSN_SHAPE = re.compile(r"\d{3}([- ])\d{2}\1\d{4}")
# Money and counts: "51 191 088 EUR", "€ 1 234 567", "3 500 000 units".
_AMOUNT_AFTER = re.compile(
    r"\s?(?:€|\$|£|eur\b|euros?\b|usd\b|gbp\b|chf\b|dollars?\b|units?\b|pcs\b|%|k€)"
)
_AMOUNT_BEFORE = re.compile(r"(?:€|\$|£|eur|usd|gbp|chf)\s?$")
# A lone capital right after ("JG 10 32 59 A") makes the digits part of a code.
_LETTER_AFTER = re.compile(r" ?[A-HJ-Z](?![\w'’@])")


def looks_like_other_number(core: str) -> bool:
    """Return whether a candidate is shaped like a date or an SSN rather than a phone."""
    return bool(_DATE.fullmatch(core) or _ISO_DATE.search(core) or _SSN_SHAPE.fullmatch(core))


def is_amount(scan: ScanText, start: int, end: int) -> bool:
    """Return whether a currency or a unit sits right next to the span."""
    lower = scan.lower
    return bool(
        _AMOUNT_AFTER.match(lower, end) or _AMOUNT_BEFORE.search(lower, max(0, start - 5), start)
    )


def names_another_number(scan: ScanText, start: int, end: int) -> bool:
    """Return whether the words just before (same line) or a letter after make it a code."""
    line_start = scan.lower.rfind("\n", max(0, start - 20), start) + 1
    before = scan.lower[max(line_start, start - 20) : start]
    return bool(_OTHER_NUMBER_WORD.search(before) or _LETTER_AFTER.match(scan.text, end))


def national_shape_score(core: str, digits: str) -> float:
    """Score a national-format shape: trunk prefix and grouping make it look like a phone."""
    us_shape = (len(digits) == 10 and digits[0] not in "01") or (
        len(digits) == 11 and digits[0] == "1"
    )
    grouped = any(char in " ()./-" for char in core)
    dotted_short = "." in core and core.count(".") < 3 and not us_shape
    if "/" in core and not (digits.startswith("0") and core.count("/") == 1):
        return 0.0  # "100/100", "2/5": ratios; a slash only follows a German-style area code
    if "." in core and min(len(group) for group in core.split(".")) < 2:
        return 0.0  # "5.19.58.4087" is a version or a section, never a dotted phone number
    if digits.startswith("0") or us_shape:
        return 0.65 if grouped and not dotted_short else 0.4
    if not grouped and len(digits) < 8:
        return 0.0  # a bare short number is a code, a count or an id
    # Valid only by a permissive plan (e.g. DE local numbers): needs a phone word nearby.
    return 0.3 if len(digits) <= 13 else 0.0
