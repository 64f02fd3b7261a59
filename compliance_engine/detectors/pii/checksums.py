"""Check-digit algorithms shared by the PII detectors (pure functions on strings)."""

from __future__ import annotations


def luhn_valid(digits: str) -> bool:
    """Return whether a digit string passes the Luhn (mod 10) check."""
    if not digits.isdigit():
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def alnum_to_digits(value: str) -> str:
    """Spell letters as numbers (A=10 ... Z=35), the ISO 7064 convention of IBANs."""
    return "".join(str(int(char, 36)) for char in value)


def iban_mod97_valid(compact: str) -> bool:
    """Return whether an upper-case compact IBAN passes ISO 7064 MOD 97-10."""
    if not compact.isalnum() or not compact.isascii():
        return False
    rearranged = compact[4:] + compact[:4]
    return int(alnum_to_digits(rearranged)) % 97 == 1


def fr_nir_key(body: str) -> int:
    """Compute the two-digit key of a 13-character French NIR body (Corsica 2A/2B allowed)."""
    department = body[5:7].upper()
    numeric = body[:5] + _CORSICA_DEPARTMENTS.get(department, department) + body[7:]
    return 97 - int(numeric) % 97


# Corsican departments are replaced by these numbers when the key is computed.
_CORSICA_DEPARTMENTS = {"2A": "19", "2B": "18"}


def weighted_mod11_remainder(digits: str, weights: tuple[int, ...]) -> int:
    """Sum digits times weights, modulo 11 (NHS numbers and friends)."""
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11


def aba_routing_valid(digits: str) -> bool:
    """Return whether a 9-digit US ABA routing number passes its 3-7-1 checksum."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    weights = (3, 7, 1, 3, 7, 1, 3, 7, 1)
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 10 == 0
