"""Scanner behaviour with fake detectors: selection, thresholds, overlaps, decisions."""

from __future__ import annotations

import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor

import pytest

from compliance_engine import Category, Decision, Scanner, Severity, policy_from_dict, value_hash
from compliance_engine.tests.fakes import FixedSpanDetector, regex_detector

EMAIL = regex_detector("pii.fake_email", r"[a-z]+@[a-z]+\.com")
TOKEN = regex_detector(
    "secret.fake_token",
    r"tok_[a-z0-9@.]+",
    category=Category.SECRET,
    entity_type="SECRET",
    keywords=("tok_",),
)


def _scanner(policy: Mapping[str, object] | None = None, *detectors: object) -> Scanner:
    chosen = detectors or (EMAIL, TOKEN)
    return Scanner(policy_from_dict(policy or {}), detectors=chosen)  # type: ignore[arg-type]


def test_scan_returns_clean_allow_when_nothing_matches() -> None:
    result = _scanner().scan("nothing to see here")
    assert result.findings == ()
    assert result.decision is Decision.ALLOW
    assert result.categories == ()
    assert result.redacted_text == "nothing to see here"


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        (((0, 10, 0.9), (5, 15, 0.6)), [(0, 10)]),
        (((0, 10, 0.6), (5, 15, 0.9)), [(5, 15)]),
        (((0, 10, 0.8), (2, 16, 0.8)), [(2, 16)]),
        (((0, 5, 0.8), (5, 10, 0.8)), [(0, 5), (5, 10)]),
        (((4, 6, 0.9), (0, 20, 0.5), (8, 12, 0.9)), [(4, 6), (8, 12)]),
    ],
)
def test_overlaps_resolve_by_score_then_length_when_same_category(
    spans: tuple[tuple[int, int, float], ...], expected: list[tuple[int, int]]
) -> None:
    detector = FixedSpanDetector("pii.fixed", spans)
    result = _scanner(None, detector).scan("x" * 30)
    assert [(f.start, f.end) for f in result.findings] == expected


def test_overlaps_are_kept_when_categories_differ() -> None:
    result = _scanner().scan("key tok_abc@example.com here")
    kinds = {(f.category, f.start, f.end) for f in result.findings}
    assert (Category.SECRET, 4, 23) in kinds
    assert (Category.PII, 8, 23) in kinds
    assert result.categories == (Category.PII, Category.SECRET)
    assert "example" not in result.redacted_text
    assert "tok_" not in result.redacted_text


def test_input_is_truncated_when_longer_than_policy_limit() -> None:
    text = "a" * 20 + " bob@mail.com"
    result = _scanner({"max_input_chars": 20}).scan(text)
    assert result.truncated is True
    assert result.scanned_chars == 20
    assert result.findings == ()


def test_input_is_not_truncated_when_within_limit() -> None:
    result = _scanner({"max_input_chars": 100}).scan("write to bob@mail.com")
    assert result.truncated is False
    assert result.scanned_chars == len("write to bob@mail.com")


@pytest.mark.parametrize(
    ("settings", "kept"),
    [
        ({}, True),
        ({"pii.fake_email": {"min_score": 0.95}}, False),
        ({"pii.*": {"min_score": 0.95}}, False),
        ({"pii.*": {"min_score": 0.95}, "pii.fake_email": {"min_score": 0.5}}, True),
        ({"secret.*": {"min_score": 0.95}}, True),
    ],
)
def test_threshold_drops_findings_when_below_policy_min_score(
    settings: dict[str, object], kept: bool
) -> None:
    result = _scanner({"detectors": {"settings": settings}}).scan("mail bob@mail.com")
    assert bool(result.findings) is kept


def test_severity_override_changes_decision_when_severity_action_set() -> None:
    policy = {
        "detectors": {"settings": {"pii.fake_email": {"severity": "critical"}}},
        "categories": {"pii": {"action": "warn", "severity_actions": {"critical": "block"}}},
    }
    result = _scanner(policy).scan("mail bob@mail.com")
    assert result.findings[0].severity is Severity.CRITICAL
    assert result.decision is Decision.BLOCK


def test_allowlisted_value_is_dropped_when_hash_matches() -> None:
    policy = {"allowlist": [value_hash("bob@mail.com")]}
    result = _scanner(policy).scan("mail bob@mail.com or eve@mail.com")
    assert [f.start for f in result.findings] == [21]


@pytest.mark.parametrize(
    ("text", "actions", "expected"),
    [
        ("hello", {}, Decision.ALLOW),
        ("bob@mail.com", {}, Decision.REDACT),
        ("tok_abc", {}, Decision.BLOCK),
        ("bob@mail.com tok_abc", {"secret": {"action": "warn"}}, Decision.REDACT),
        ("bob@mail.com", {"pii": {"action": "allow"}}, Decision.ALLOW),
        (
            "bob@mail.com tok_x",
            {"pii": {"action": "warn"}, "secret": {"action": "allow"}},
            Decision.WARN,
        ),
    ],
)
def test_decision_is_highest_action_when_categories_mix(
    text: str, actions: dict[str, object], expected: Decision
) -> None:
    assert _scanner({"categories": actions}).scan(text).decision is expected


def test_keyword_gated_detector_is_skipped_when_keyword_absent() -> None:
    gated = FixedSpanDetector("secret.gated", ((0, 3, 0.9),), keywords=("zebra",))
    scanner = _scanner(None, gated)
    scanner.scan("no animals here")
    assert gated.calls == []
    scanner.scan("a ZEBRA crossed")
    assert gated.calls == ["a ZEBRA crossed"]


@pytest.mark.parametrize(
    ("enable", "disable", "expected"),
    [
        (["pii.*"], [], {"pii.fake_email"}),
        (["pii.*", "secret.*"], ["secret.*"], {"pii.fake_email"}),
        (["*"], [], {"pii.fake_email", "secret.fake_token"}),
        (["pii.*", "pii.optional"], [], {"pii.fake_email", "pii.optional"}),
    ],
)
def test_only_enabled_detectors_run_when_policy_selects_them(
    enable: list[str], disable: list[str], expected: set[str]
) -> None:
    optional = regex_detector("pii.optional", "zzz", default_enabled=False)
    policy = {"detectors": {"enable": enable, "disable": disable}}
    scanner = _scanner(policy, EMAIL, TOKEN, optional)
    assert set(scanner.detector_ids) == expected


def test_scan_batch_matches_scan_when_given_several_texts() -> None:
    scanner = _scanner()
    texts = ["a bob@mail.com", "tok_x1", "plain"]
    assert scanner.scan_batch(texts) == [scanner.scan(text) for text in texts]


def test_results_match_sequential_when_scanned_from_threads() -> None:
    scanner = _scanner()
    texts = [f"user{i} u{'x' * (i % 7)}@mail.com tok_{i}" for i in range(300)]
    expected = [scanner.scan(text) for text in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(scanner.scan, texts)) == expected


def test_redaction_key_makes_hash_labels_stable_when_given() -> None:
    policy = policy_from_dict({"categories": {"pii": {"redaction": "hash"}}})
    first = Scanner(policy, detectors=(EMAIL,), redaction_key=b"k").scan("bob@mail.com")
    second = Scanner(policy, detectors=(EMAIL,), redaction_key=b"k").scan("bob@mail.com")
    assert first.redacted_text == second.redacted_text
    assert first.redacted_text.startswith("<EMAIL:")


@pytest.mark.parametrize(
    "text",
    [
        "a" * 65_536,
        "1" * 65_536,
        "1 " * 32_768,
        "@." * 32_768,
        "ignore " * 9_362,
        "key=" + "A" * 65_532,
        "ÉÀ" * 32_768,
        "password=" * 7_300,
        "https://a:" * 6_600,
        "-----BEGIN PRIVATE KEY-----\n" * 2_400,
        "api_key: " * 7_300,
        "12-" * 21_846,
    ],
)
def test_builtin_scan_finishes_fast_when_input_is_adversarial(text: str) -> None:
    scanner = Scanner()
    started = time.perf_counter()
    result = scanner.scan(text + " tail")
    assert time.perf_counter() - started < 2.0
    assert result.truncated is True
