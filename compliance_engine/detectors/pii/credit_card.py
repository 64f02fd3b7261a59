"""Payment card numbers: issuer ranges and lengths, Luhn, and the usual written groupings."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from compliance_engine.detector import ScanText, search_near_digits
from compliance_engine.detectors.pii import digit_shapes
from compliance_engine.detectors.pii.checksums import luhn_valid
from compliance_engine.detectors.pii.context import (
    context_hits,
    follows_code,
    pii_finding,
    word_list,
)
from compliance_engine.model import Category, Explanation, Finding, Severity

# 12 to 19 digits, each optionally followed by one separator; one start per digit run.
_CANDIDATE = re.compile(r"\d(?<![\w.,/+-]\d)(?:[ .-]?\d){11,18}(?![\w-]|[.,]\d)")

# (issuer, prefix ranges as (low, high) on the leading digits, allowed lengths)
_ISSUERS: tuple[tuple[str, tuple[tuple[str, str], ...], frozenset[int]], ...] = (
    ("amex", (("34", "34"), ("37", "37")), frozenset({15})),
    ("visa", (("4", "4"),), frozenset({13, 16, 19})),
    ("mastercard", (("51", "55"), ("2221", "2720")), frozenset({16})),
    ("mir", (("2200", "2204"),), frozenset({16, 17, 18, 19})),
    ("discover", (("6011", "6011"), ("644", "649"), ("65", "65")), frozenset(range(16, 20))),
    ("unionpay", (("62", "62"), ("81", "81")), frozenset(range(16, 20))),
    (
        "diners",
        (("300", "305"), ("309", "309"), ("36", "36"), ("38", "39")),
        frozenset(range(14, 20)),
    ),
    ("jcb", (("3500", "3589"),), frozenset(range(16, 20))),
    ("jcb", (("2131", "2131"), ("1800", "1800")), frozenset({15})),
    (
        "maestro",
        (("50", "50"), ("56", "58"), ("639", "639"), ("67", "67")),
        frozenset(range(12, 20)),
    ),
    ("uatp", (("1", "1"),), frozenset({15})),
    ("enroute", (("2014", "2014"), ("2149", "2149")), frozenset({15})),
)

# Common groupings: 4-4-4-4(-3), Amex 4-6-5, Diners 4-6-4; anything else must be one block.
_GROUPINGS = frozenset(
    {
        (4, 4, 4, 4),
        (4, 4, 4, 4, 3),
        (4, 4, 4, 1),
        (4, 4, 4, 2),
        (4, 4, 4, 3),
        (4, 6, 5),
        (4, 6, 4),
        (4, 4, 4, 4, 1),
        (4, 4, 4, 4, 2),
        (4, 4, 5),
        (4, 4, 4),
    }
)

_CONTEXT = (
    *word_list("card carte karte credit crédit kredit visa mastercard amex cvv cvc expir"),
    *word_list("payment paiement zahlung charge"),
    "cc ",
    "cb ",
)
# Words naming another kind of long number; they veto a card unless a card word is also near.
_NEGATIVE_CONTEXT = (
    *word_list("tracking shipment order invoice contract reference ticket iban"),
    *word_list("commande facture dossier colis bestell rechnung sendung"),
    "ref ",
)


def card_issuer(digits: str) -> str | None:
    """Return the issuer whose prefix range and length fit the digits, if any."""
    for issuer, ranges, lengths in _ISSUERS:
        if len(digits) not in lengths:
            continue
        for low, high in ranges:
            if low <= digits[: len(low)] <= high:
                return issuer
    return None


def _grouping_ok(value: str) -> bool:
    separators = {char for char in value if not char.isdigit()}
    if not separators:
        return True
    if len(separators) > 1:
        return False
    groups = tuple(len(group) for group in value.split(separators.pop()))
    return groups in _GROUPINGS


def _first_card(value: str) -> tuple[int, str] | None:
    """Return (length, issuer) of the card the candidate is, or starts with (a 4-4-4-4 head)."""
    # A spaced 4-4-4-4 card may be followed by another spaced number ("... 1111 12/26").
    heads = (value, value[:19]) if value[19:20] == " " else (value,)
    for candidate in heads:
        digits = candidate.replace(" ", "").replace("-", "").replace(".", "")
        issuer = card_issuer(digits)
        if issuer and _grouping_ok(candidate) and luhn_valid(digits):
            return len(candidate), issuer
    return None


@dataclass(frozen=True, slots=True)
class CreditCardDetector:
    """Find payment card numbers that fit an issuer range and pass Luhn."""

    id: str = "pii.credit_card"
    category: Category = Category.PII
    entity_type: str = "CREDIT_CARD"
    keywords: tuple[str, ...] = ()
    default_enabled: bool = True
    severity: Severity = Severity.HIGH

    @property
    def shared_gate(self) -> Callable[[ScanText], bool]:
        """The digit-count test shared with the other digit-based detectors."""
        return digit_shapes.holds_a_number

    def applies(self, scan: ScanText) -> bool:
        return scan.digit_count >= 12 and digit_shapes.CREDIT_CARD in digit_shapes.digit_shapes(
            scan
        )

    def detect(self, scan: ScanText) -> Iterator[Finding]:
        match = search_near_digits(_CANDIDATE, scan)
        while match is not None:
            start = match.start()
            found = None if follows_code(scan, start) else _first_card(match.group())
            if found is None:
                match = search_near_digits(_CANDIDATE, scan, match.end())
                continue
            length, issuer = found
            end = start + length
            match = search_near_digits(_CANDIDATE, scan, end)
            context = context_hits(scan, start, end, _CONTEXT)
            if not context and context_hits(scan, start, end, _NEGATIVE_CONTEXT):
                continue
            yield pii_finding(
                self.id,
                self.entity_type,
                (start, end),
                0.8 + (0.2 if context else 0.0),
                self.severity,
                Explanation(
                    rule=f"card.{issuer}", checks=("issuer_range", "luhn"), context=context
                ),
            )


CREDIT_CARD = CreditCardDetector()
