"""The PII detector list: ids, categories, defaults, and a mixed adversarial input."""

from __future__ import annotations

import random

import pytest

from compliance_engine.detector import Detector, ScanText
from compliance_engine.detectors.pii import PII_DETECTORS
from compliance_engine.model import Category
from compliance_engine.tests.pii_values import seconds_to_scan

CORE_TYPES = {"EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "US_SSN", "FR_NIR", "IP_ADDRESS", "PASSPORT"}


def test_registry_enables_the_eight_core_types_when_default_policy() -> None:
    enabled = {d.entity_type for d in PII_DETECTORS if d.default_enabled}
    assert enabled == CORE_TYPES


def test_registry_ids_are_unique_pii_ids_when_listed() -> None:
    ids = [d.id for d in PII_DETECTORS]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("pii.") for i in ids)
    assert all(d.category is Category.PII for d in PII_DETECTORS)
    assert all(isinstance(d, Detector) for d in PII_DETECTORS)


@pytest.mark.parametrize("detector", PII_DETECTORS, ids=lambda d: d.id)
def test_detect_finishes_fast_when_input_mixes_digits_and_separators(detector: Detector) -> None:
    noise = random.Random(7)
    alphabet = "0123456789 .-:()+/@ABab"
    text = "passport ssn nhs routing " + "".join(noise.choice(alphabet) for _ in range(65_536))
    assert seconds_to_scan(detector, text) < 1.0


@pytest.mark.parametrize("detector", PII_DETECTORS, ids=lambda d: d.id)
def test_detect_finds_nothing_when_text_has_no_digits(detector: Detector) -> None:
    text = "Hi team, can you review the quarterly slides before tomorrow's meeting?"
    assert list(detector.detect(ScanText(text))) == []
