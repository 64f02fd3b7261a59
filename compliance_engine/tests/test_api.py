"""The public surface of the package and the default scanner built from it."""

from __future__ import annotations

import hashlib

import pytest

import compliance_engine
from compliance_engine import Decision, Scanner, value_hash
from compliance_engine.detectors import BUILTIN_DETECTORS


@pytest.mark.parametrize("name", compliance_engine.__all__)
def test_public_name_is_importable_when_listed_in_all(name: str) -> None:
    assert hasattr(compliance_engine, name)


def test_value_hash_is_sha256_hex_when_given_a_value() -> None:
    assert value_hash("é") == hashlib.sha256("é".encode()).hexdigest()


def test_default_scanner_runs_no_opt_in_detector_when_built_from_default_policy() -> None:
    opt_in = {detector.id for detector in BUILTIN_DETECTORS if not detector.default_enabled}
    assert opt_in.isdisjoint(Scanner().detector_ids)


def test_default_scanner_allows_text_when_it_is_empty() -> None:
    result = Scanner().scan("")
    assert result.decision is Decision.ALLOW
    assert result.findings == ()
