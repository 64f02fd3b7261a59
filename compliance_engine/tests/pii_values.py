"""Synthetic, checksum-valid PII values for the PII detector tests (written independently)."""

from __future__ import annotations

import time
from collections.abc import Callable

from compliance_engine.detector import Detector, ScanText


def found_values(detector: Detector, text: str) -> list[str]:
    """Return the matched substrings a detector reports for a text."""
    return [text[f.start : f.end] for f in detector.detect(ScanText(text))]


def seconds_to_scan(detector: Detector, text: str) -> float:
    """Return how long one full detection pass over a text takes."""
    started = time.perf_counter()
    scan = ScanText(text)
    if detector.applies(scan):
        for _ in detector.detect(scan):
            pass
    return time.perf_counter() - started


def with_luhn_digit(partial: str) -> str:
    """Append the Luhn check digit to a digit string."""
    total = 0
    for index, char in enumerate(reversed(partial)):
        doubled = int(char) * (2 if index % 2 == 0 else 1)
        total += doubled - 9 if doubled > 9 else doubled
    return partial + str((10 - total % 10) % 10)


def iban(country: str, bban: str) -> str:
    """Build a compact IBAN with correct check digits for a country and BBAN."""
    numeric = "".join(str(int(char, 36)) for char in bban + country + "00")
    return f"{country}{98 - int(numeric) % 97:02d}{bban}"


def grouped(value: str, size: int = 4, separator: str = " ") -> str:
    """Write a compact value in groups of ``size`` characters."""
    return separator.join(value[i : i + size] for i in range(0, len(value), size))


def nir(body: str) -> str:
    """Append the key to a 13-character NIR body (Corsica 2A/2B counted as 19/18)."""
    numeric = body.replace("2A", "19") if body[5:7] == "2A" else body.replace("2B", "18")
    return f"{body}{97 - int(numeric) % 97:02d}"


def spaced_nir(compact: str) -> str:
    """Write a 15-character NIR in the usual 1 2 2 2 3 3 2 grouping."""
    cuts = (1, 3, 5, 7, 10, 13)
    parts, last = [], 0
    for cut in cuts:
        parts.append(compact[last:cut])
        last = cut
    return " ".join([*parts, compact[last:]])


def timed(action: Callable[[], object]) -> float:
    """Return the seconds an action takes."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started
