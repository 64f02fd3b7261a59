"""Policy term lists and user regexes (category ``policy``)."""

from __future__ import annotations

import time

import pytest

from compliance_engine import Category, Decision, Scanner, policy_from_dict

TERMS = ["Project Falcon", "Émile Zola", "Bluebird", "C++", "Straße"]


def _scan(text: str, terms: list[str] | None = None) -> list[str]:
    policy = policy_from_dict({"terms": [{"name": "codenames", "terms": terms or TERMS}]})
    result = Scanner(policy, detectors=()).scan(text)
    return [text[f.start : f.end] for f in result.findings]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Status of project falcon?", ["project falcon"]),
        ("PROJECT FALCON is late", ["PROJECT FALCON"]),
        ("ask emile zola", ["emile zola"]),
        ("ask ÉMILE ZOLA", ["ÉMILE ZOLA"]),
        ("ask Émile Zola.", ["Émile Zola"]),
        ("the bluebird-v2 build", ["bluebird"]),
        ("we code in C++ daily", ["C++"]),
        ("die Strasse ist lang", ["Strasse"]),
        ("die STRASSE", ["STRASSE"]),
        ("Ｂｌｕｅｂｉｒｄ full-width", ["Ｂｌｕｅｂｉｒｄ"]),
        ("café Bluebird", ["Bluebird"]),
    ],
)
def test_term_is_found_when_case_or_accents_differ(text: str, expected: list[str]) -> None:
    assert _scan(text) == expected


@pytest.mark.parametrize(
    "text",
    ["bluebirds fly", "the falcons project", "xbluebird", "Bluebird2", "projectfalcon", ""],
)
def test_term_is_ignored_when_inside_a_longer_word(text: str) -> None:
    assert _scan(text) == []


def test_offsets_map_to_original_when_text_has_decomposed_accents() -> None:
    text = "née E\u0301mile Zola!"
    found = _scan(text)
    assert found == ["E\u0301mile Zola"]


def test_thousands_of_terms_scan_fast_when_list_is_large() -> None:
    terms = [f"client{i:05d} holdings" for i in range(5000)]
    policy = policy_from_dict({"terms": [{"name": "clients", "terms": terms}]})
    scanner = Scanner(policy, detectors=())
    text = "meeting with Client04999 Holdings and client00001 holdings " * 50
    started = time.perf_counter()
    result = scanner.scan(text)
    assert time.perf_counter() - started < 0.5
    assert len(result.findings) == 100


def test_policy_terms_decide_warn_when_default_actions_apply() -> None:
    policy = policy_from_dict({"terms": [{"name": "codenames", "terms": ["Bluebird"]}]})
    result = Scanner(policy, detectors=()).scan("Bluebird ships Friday")
    assert result.decision is Decision.WARN
    assert result.categories == (Category.POLICY,)
    assert result.findings[0].detector_id == "policy.codenames"
    assert result.redacted_text == "<POLICY_TERM> ships Friday"


@pytest.mark.parametrize(
    ("regex", "ignore_case", "text", "expected"),
    [
        (r"NOVA-\d{4}", False, "see NOVA-1234 and nova-9999", ["NOVA-1234"]),
        (r"NOVA-\d{4}", True, "see NOVA-1234 and nova-9999", ["NOVA-1234", "nova-9999"]),
        (r"contrat n°\s?\d+", True, "Contrat N° 42 signé", ["Contrat N° 42"]),
    ],
)
def test_custom_regex_matches_when_pattern_applies(
    regex: str, ignore_case: bool, text: str, expected: list[str]
) -> None:
    policy = policy_from_dict(
        {"patterns": [{"name": "ref", "regex": regex, "ignore_case": ignore_case}]}
    )
    result = Scanner(policy, detectors=()).scan(text)
    assert [text[f.start : f.end] for f in result.findings] == expected
    assert all(f.entity_type == "POLICY_PATTERN" for f in result.findings)


def test_pathological_regex_finishes_fast_when_run_by_re2() -> None:
    policy = policy_from_dict({"patterns": [{"name": "evil", "regex": r"(a+)+$"}]})
    scanner = Scanner(policy, detectors=())
    started = time.perf_counter()
    result = scanner.scan("a" * 60_000 + "!")
    assert time.perf_counter() - started < 0.5
    assert result.findings == ()


def test_term_list_can_be_disabled_when_policy_disables_its_id() -> None:
    policy = policy_from_dict(
        {
            "terms": [{"name": "codenames", "terms": ["Bluebird"]}],
            "detectors": {"disable": ["policy.codenames"]},
        }
    )
    assert Scanner(policy, detectors=()).scan("Bluebird").findings == ()


def test_adversarial_term_input_finishes_fast_when_text_is_long() -> None:
    policy = policy_from_dict({"terms": [{"name": "t", "terms": ["a a", "é"]}]})
    started = time.perf_counter()
    Scanner(policy, detectors=()).scan("a " * 32_000 + "é" * 1_000)
    assert time.perf_counter() - started < 1.0
