"""Shared helpers for the injection detector tests."""

from __future__ import annotations

import time

from compliance_engine.detector import ScanText
from compliance_engine.detectors.injection import INJECTION_DETECTORS


def injection_ids(text: str) -> set[str]:
    """Return the ids of the injection detectors that report something on ``text``."""
    scan = ScanText(text)
    return {
        finding.detector_id
        for detector in INJECTION_DETECTORS
        if detector.applies(scan)
        for finding in detector.detect(scan)
    }


def seconds_to_detect(text: str) -> float:
    """Return how long all injection detectors take on ``text``."""
    started = time.perf_counter()
    injection_ids(text)
    return time.perf_counter() - started
