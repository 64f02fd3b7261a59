"""Turn a plain mapping (parsed YAML or JSON) into a validated, frozen :class:`Policy`."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Any, TypeVar

import re2

from compliance_engine.model import Category, Decision, Severity
from compliance_engine.policy_types import (
    DEFAULT_MAX_INPUT_CHARS,
    CategoryRule,
    CustomPattern,
    DetectorSettings,
    Policy,
    PolicyError,
    RedactionOperator,
    TermList,
)

_TOP_LEVEL_KEYS = frozenset(
    {"name", "max_input_chars", "detectors", "categories", "terms", "patterns", "allowlist"}
)
_NAME = re.compile(r"[a-z][a-z0-9_]{0,63}")
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")

E = TypeVar("E", bound=StrEnum)


def policy_from_dict(data: Mapping[str, Any]) -> Policy:
    """Validate a mapping and build a policy from it; raise PolicyError naming the bad field."""
    _reject_unknown_keys(data, _TOP_LEVEL_KEYS, "policy")
    detectors = _mapping(data.get("detectors", {}), "detectors")
    _reject_unknown_keys(detectors, frozenset({"enable", "disable", "settings"}), "detectors")
    defaults = Policy()
    policy = Policy(
        name=_string(data.get("name", "custom"), "name"),
        enable=_strings(detectors.get("enable", list(defaults.enable)), "detectors.enable"),
        disable=_strings(detectors.get("disable", []), "detectors.disable"),
        detector_settings=_detector_settings(detectors.get("settings", {})),
        categories=_category_rules(data.get("categories", {})),
        terms=tuple(
            _term_list(item, f"terms[{index}]")
            for index, item in enumerate(_list(data.get("terms", []), "terms"))
        ),
        patterns=tuple(
            _custom_pattern(item, f"patterns[{index}]")
            for index, item in enumerate(_list(data.get("patterns", []), "patterns"))
        ),
        allowlist=_allowlist(data.get("allowlist", [])),
        max_input_chars=_positive_int(
            data.get("max_input_chars", DEFAULT_MAX_INPUT_CHARS), "max_input_chars"
        ),
    )
    _reject_duplicate_names(policy)
    return policy


def _reject_duplicate_names(policy: Policy) -> None:
    seen: set[str] = set()
    for name in [terms.name for terms in policy.terms] + [p.name for p in policy.patterns]:
        if name in seen:
            raise PolicyError(f"terms/patterns: the name {name!r} is used twice (ids must differ)")
        seen.add(name)


def _detector_settings(raw: Any) -> Mapping[str, DetectorSettings]:
    settings: dict[str, DetectorSettings] = {}
    for key, value in _mapping(raw, "detectors.settings").items():
        where = f"detectors.settings.{key}"
        entry = _mapping(value, where)
        _reject_unknown_keys(entry, frozenset({"min_score", "severity"}), where)
        min_score = entry.get("min_score")
        severity = entry.get("severity")
        settings[str(key)] = DetectorSettings(
            min_score=None if min_score is None else _score(min_score, f"{where}.min_score"),
            severity=None if severity is None else _enum(Severity, severity, f"{where}.severity"),
        )
    return MappingProxyType(settings)


def _category_rules(raw: Any) -> Mapping[Category, CategoryRule]:
    defaults = Policy().categories
    rules = dict(defaults)
    for key, value in _mapping(raw, "categories").items():
        category = _enum(Category, key, "categories")
        where = f"categories.{category.value}"
        entry = _mapping(value, where)
        _reject_unknown_keys(entry, frozenset({"action", "redaction", "severity_actions"}), where)
        base = defaults[category]
        severity_actions = {
            _enum(Severity, severity, f"{where}.severity_actions"): _enum(
                Decision, action, f"{where}.severity_actions.{severity}"
            )
            for severity, action in _mapping(
                entry.get("severity_actions", {}), f"{where}.severity_actions"
            ).items()
        }
        rules[category] = CategoryRule(
            action=_enum(Decision, entry.get("action", base.action), f"{where}.action"),
            redaction=_enum(
                RedactionOperator, entry.get("redaction", base.redaction), f"{where}.redaction"
            ),
            severity_actions=MappingProxyType(severity_actions),
        )
    return MappingProxyType(rules)


def _term_list(raw: Any, where: str) -> TermList:
    entry = _mapping(raw, where)
    _reject_unknown_keys(entry, frozenset({"name", "terms", "type", "severity", "score"}), where)
    terms = _strings(entry.get("terms"), f"{where}.terms")
    if not terms or any(not term.strip() for term in terms):
        raise PolicyError(f"{where}.terms: give at least one term, and no blank term")
    return TermList(
        name=_identifier(entry.get("name"), f"{where}.name"),
        terms=terms,
        entity_type=_string(entry.get("type", "POLICY_TERM"), f"{where}.type"),
        severity=_enum(Severity, entry.get("severity", Severity.MEDIUM), f"{where}.severity"),
        score=_score(entry.get("score", 1.0), f"{where}.score"),
    )


def _custom_pattern(raw: Any, where: str) -> CustomPattern:
    entry = _mapping(raw, where)
    allowed = frozenset({"name", "regex", "type", "severity", "score", "ignore_case"})
    _reject_unknown_keys(entry, allowed, where)
    ignore_case = entry.get("ignore_case", False)
    if not isinstance(ignore_case, bool):
        raise PolicyError(f"{where}.ignore_case: expected true or false")
    pattern = CustomPattern(
        name=_identifier(entry.get("name"), f"{where}.name"),
        regex=_string(entry.get("regex"), f"{where}.regex"),
        entity_type=_string(entry.get("type", "POLICY_PATTERN"), f"{where}.type"),
        severity=_enum(Severity, entry.get("severity", Severity.MEDIUM), f"{where}.severity"),
        score=_score(entry.get("score", 1.0), f"{where}.score"),
        ignore_case=ignore_case,
    )
    compile_custom_regex(pattern, where)
    return pattern


def compile_custom_regex(pattern: CustomPattern, where: str) -> re2._Regexp:
    """Compile a user regex with RE2 (linear time); raise PolicyError when RE2 rejects it."""
    options = re2.Options()
    options.case_sensitive = not pattern.ignore_case
    options.log_errors = False
    try:
        compiled = re2.compile(pattern.regex, options)
    except re2.error as error:
        reason = error.args[0] if error.args else "rejected by RE2"
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise PolicyError(f"{where}.regex: invalid pattern {pattern.regex!r}: {reason}") from None
    if compiled.search("") is not None:
        raise PolicyError(f"{where}.regex: the pattern matches the empty string")
    return compiled


def _allowlist(raw: Any) -> frozenset[str]:
    hashes = _strings(raw, "allowlist")
    for index, value in enumerate(hashes):
        if not _SHA256_HEX.fullmatch(value.lower()):
            raise PolicyError(f"allowlist[{index}]: expected a sha256 hex digest (64 hex digits)")
    return frozenset(value.lower() for value in hashes)


def _reject_unknown_keys(entry: Mapping[str, Any], allowed: frozenset[str], where: str) -> None:
    unknown = sorted(str(key) for key in entry if key not in allowed)
    if unknown:
        raise PolicyError(
            f"{where}: unknown field(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}"
        )


def _enum(kind: type[E], raw: Any, where: str) -> E:
    try:
        return kind(str(raw).lower())
    except ValueError:
        choices = ", ".join(member.value for member in kind)
        raise PolicyError(f"{where}: {raw!r} is not one of {choices}") from None


def _mapping(raw: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(raw, Mapping):
        raise PolicyError(f"{where}: expected a mapping, got {type(raw).__name__}")
    return raw


def _list(raw: Any, where: str) -> list[Any]:
    if not isinstance(raw, list):
        raise PolicyError(f"{where}: expected a list, got {type(raw).__name__}")
    return raw


def _strings(raw: Any, where: str) -> tuple[str, ...]:
    items = _list(raw, where)
    for index, item in enumerate(items):
        if not isinstance(item, str):
            raise PolicyError(f"{where}[{index}]: expected a string, got {type(item).__name__}")
    return tuple(items)


def _string(raw: Any, where: str) -> str:
    if not isinstance(raw, str) or not raw:
        raise PolicyError(f"{where}: expected a non-empty string")
    return raw


def _identifier(raw: Any, where: str) -> str:
    name = _string(raw, where)
    if not _NAME.fullmatch(name):
        raise PolicyError(f"{where}: {name!r} must be lower-case letters, digits and underscores")
    return name


def _number(check: Callable[[float], bool], message: str) -> Callable[[Any, str], float]:
    def parse(raw: Any, where: str) -> float:
        if isinstance(raw, bool) or not isinstance(raw, int | float) or not check(float(raw)):
            raise PolicyError(f"{where}: expected {message}, got {raw!r}")
        return float(raw)

    return parse


_score = _number(lambda value: 0.0 <= value <= 1.0, "a number between 0 and 1")


def _positive_int(raw: Any, where: str) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or raw <= 0:
        raise PolicyError(f"{where}: expected a positive integer, got {raw!r}")
    return raw
