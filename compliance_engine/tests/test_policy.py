"""Policy parsing, loading, validation messages and the shipped default policy."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from compliance_engine import Category, Decision, PolicyError, Severity
from compliance_engine.policy import default_policy, load_policy, policy_from_dict
from compliance_engine.policy_types import RedactionOperator

CORE_PII = ("email", "phone", "credit_card", "iban", "us_ssn", "fr_nir", "ip_address", "passport")


def test_default_policy_blocks_secrets_and_injection_when_loaded() -> None:
    policy = default_policy()
    assert policy.rule_for(Category.SECRET).action is Decision.BLOCK
    assert policy.rule_for(Category.INJECTION).action is Decision.BLOCK
    assert policy.rule_for(Category.PII).action in {Decision.REDACT, Decision.WARN}
    assert policy.rule_for(Category.POLICY).action is Decision.WARN
    assert policy.max_input_chars == 65_536


@pytest.mark.parametrize("name", CORE_PII)
def test_default_policy_enables_core_pii_when_detector_is_default_enabled(name: str) -> None:
    assert default_policy().is_enabled(f"pii.{name}", default_enabled=True)


def test_default_policy_skips_extra_pii_when_detector_is_opt_in() -> None:
    assert not default_policy().is_enabled("pii.de_tax_id", default_enabled=False)


def test_opt_in_detector_runs_when_listed_by_exact_id() -> None:
    policy = policy_from_dict({"detectors": {"enable": ["pii.*", "pii.de_tax_id"]}})
    assert policy.is_enabled("pii.de_tax_id", default_enabled=False)


def test_disable_wins_when_id_is_both_enabled_and_disabled() -> None:
    policy = policy_from_dict({"detectors": {"enable": ["pii.email"], "disable": ["pii.*"]}})
    assert not policy.is_enabled("pii.email")


def test_exact_settings_override_glob_when_both_match() -> None:
    policy = policy_from_dict(
        {
            "detectors": {
                "settings": {
                    "pii.*": {"min_score": 0.7, "severity": "high"},
                    "pii.email": {"min_score": 0.4},
                }
            }
        }
    )
    settings = policy.settings_for("pii.email")
    assert settings.min_score == 0.4
    assert settings.severity is Severity.HIGH


def test_severity_action_overrides_category_action_when_severity_matches() -> None:
    policy = policy_from_dict(
        {"categories": {"pii": {"action": "warn", "severity_actions": {"critical": "block"}}}}
    )
    rule = policy.rule_for(Category.PII)
    assert rule.action_for(Severity.CRITICAL) is Decision.BLOCK
    assert rule.action_for(Severity.LOW) is Decision.WARN


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"nonsense": 1}, "policy: unknown field(s) nonsense"),
        ({"categories": {"pii": {"action": "explode"}}}, "categories.pii.action"),
        ({"categories": {"gossip": {"action": "warn"}}}, "categories"),
        ({"categories": {"pii": {"redaction": "shred"}}}, "categories.pii.redaction"),
        ({"detectors": {"enable": "pii.*"}}, "detectors.enable"),
        ({"detectors": {"settings": {"pii.email": {"min_score": 1.5}}}}, "min_score"),
        ({"detectors": {"settings": {"pii.email": {"severity": "dire"}}}}, "severity"),
        ({"max_input_chars": 0}, "max_input_chars"),
        ({"max_input_chars": True}, "max_input_chars"),
        ({"allowlist": ["not-a-hash"]}, "allowlist[0]"),
        ({"terms": [{"name": "Bad Name", "terms": ["x"]}]}, "terms[0].name"),
        ({"terms": [{"name": "t", "terms": []}]}, "terms[0].terms"),
        ({"terms": [{"name": "t", "terms": ["  "]}]}, "terms[0].terms"),
        ({"patterns": [{"name": "p", "regex": "(unclosed"}]}, "patterns[0].regex"),
        ({"patterns": [{"name": "p", "regex": "a*"}]}, "patterns[0].regex"),
        ({"patterns": [{"name": "p", "regex": "(?=lookahead)x"}]}, "patterns[0].regex"),
        (
            {
                "terms": [{"name": "dup", "terms": ["x"]}],
                "patterns": [{"name": "dup", "regex": "y"}],
            },
            "used twice",
        ),
    ],
)
def test_policy_error_names_field_when_value_is_bad(data: dict[str, Any], field: str) -> None:
    with pytest.raises(PolicyError) as raised:
        policy_from_dict(data)
    assert field in str(raised.value)


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_load_policy_reads_file_when_yaml_or_json(tmp_path: Path, suffix: str) -> None:
    data = {"name": "strict", "categories": {"pii": {"action": "block", "redaction": "hash"}}}
    path = tmp_path / f"policy{suffix}"
    path.write_text(json.dumps(data), encoding="utf-8")
    policy = load_policy(path)
    assert policy.name == "strict"
    assert policy.rule_for(Category.PII).redaction is RedactionOperator.HASH


@pytest.mark.parametrize(
    ("content", "message"),
    [("name: [unclosed", "not valid YAML"), ("- a list", "mapping at the top level")],
)
def test_load_policy_raises_when_file_is_malformed(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PolicyError, match=message):
        load_policy(path)


def test_load_policy_raises_when_file_is_missing(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="cannot read policy file"):
        load_policy(tmp_path / "absent.yaml")


def test_empty_policy_uses_defaults_when_file_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("", encoding="utf-8")
    assert load_policy(path).rule_for(Category.SECRET).action is Decision.BLOCK
