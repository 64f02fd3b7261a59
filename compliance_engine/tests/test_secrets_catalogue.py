"""The secret rule table as a whole: coverage, conventions and the cost of a clean message."""

from __future__ import annotations

import time

from compliance_engine.detector import Detector, ScanText
from compliance_engine.detectors.secrets import SECRET_DETECTORS, SecretRule
from compliance_engine.model import Category, Severity
from compliance_engine.tests import (
    test_secrets_ai,
    test_secrets_chat_saas,
    test_secrets_cloud,
    test_secrets_code_hosts,
    test_secrets_database,
    test_secrets_generic,
    test_secrets_keys,
    test_secrets_observability,
    test_secrets_payments,
)

_FAMILIES = (
    test_secrets_ai,
    test_secrets_chat_saas,
    test_secrets_cloud,
    test_secrets_code_hosts,
    test_secrets_database,
    test_secrets_generic,
    test_secrets_keys,
    test_secrets_observability,
    test_secrets_payments,
)
_CHAT = (
    "Hi team, can we move tomorrow's sync with the Contoso account to 3pm? I also need the "
    "updated pricing sheet before the call, and please remind Julie about the renewal."
)


def test_declares_over_one_hundred_subtypes_when_catalogue_loaded() -> None:
    # Each rule reports its name as the finding subtype (checked by the family tables).
    assert len({detector.name for detector in SECRET_DETECTORS}) >= 100


def test_every_rule_has_a_true_positive_when_tables_are_combined() -> None:
    covered = {rule for family in _FAMILIES for rule, _text, _value in family.TRUE_POSITIVES}
    assert {detector.name for detector in SECRET_DETECTORS} - covered == set()


def test_follows_conventions_when_any_rule_inspected() -> None:
    names = [detector.name for detector in SECRET_DETECTORS]
    assert len(names) == len(set(names))
    for detector in SECRET_DETECTORS:
        assert isinstance(detector, Detector)
        assert detector.id == f"secret.{detector.name}"
        assert detector.category is Category.SECRET
        assert detector.entity_type == "SECRET"
        assert detector.severity in (Severity.HIGH, Severity.CRITICAL)
        assert all(keyword == keyword.lower() for keyword in detector.keywords)


def test_gates_keywordless_rules_when_declared() -> None:
    keywordless = [d for d in SECRET_DETECTORS if not d.keywords]
    assert len(keywordless) <= 3
    assert all(isinstance(d, SecretRule) and d.gate for d in keywordless)


def test_costs_little_when_chat_message_has_no_keyword() -> None:
    runs = 2000
    started = time.perf_counter()
    for _ in range(runs):
        scan = ScanText(_CHAT)
        lower = scan.lower
        for detector in SECRET_DETECTORS:
            if detector.keywords and not any(k in lower for k in detector.keywords):
                continue
            if detector.applies(scan):
                list(detector.detect(scan))
    per_message = (time.perf_counter() - started) / runs
    # Generous: the naive keyword loop here is slower than the scanner's automaton.
    assert per_message < 2e-3
