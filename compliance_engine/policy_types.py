"""The policy's frozen value types; parsing lives in ``policy_parse``, loading in ``policy``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from fnmatch import fnmatchcase
from types import MappingProxyType

from compliance_engine.model import Category, Decision, Severity

DEFAULT_MAX_INPUT_CHARS = 65_536


class PolicyError(ValueError):
    """A policy that cannot be used; the message names the offending field."""


class RedactionOperator(StrEnum):
    REPLACE = "replace"
    MASK = "mask"
    HASH = "hash"


@dataclass(frozen=True, slots=True)
class DetectorSettings:
    """Overrides for the detectors whose id matches a policy key (exact id or glob)."""

    min_score: float | None = None
    severity: Severity | None = None


@dataclass(frozen=True, slots=True)
class CategoryRule:
    """What a category's findings lead to, and how they are redacted."""

    action: Decision
    redaction: RedactionOperator = RedactionOperator.REPLACE
    severity_actions: Mapping[Severity, Decision] = field(
        default_factory=lambda: MappingProxyType({})
    )

    def action_for(self, severity: Severity) -> Decision:
        """Return the action for a finding of this severity."""
        return self.severity_actions.get(severity, self.action)


@dataclass(frozen=True, slots=True)
class TermList:
    """Words or phrases that must not leave the organisation (codenames, client names)."""

    name: str
    terms: tuple[str, ...]
    entity_type: str = "POLICY_TERM"
    severity: Severity = Severity.MEDIUM
    score: float = 1.0


@dataclass(frozen=True, slots=True)
class CustomPattern:
    """A user regular expression, compiled with RE2 so that it runs in linear time."""

    name: str
    regex: str
    entity_type: str = "POLICY_PATTERN"
    severity: Severity = Severity.MEDIUM
    score: float = 1.0
    ignore_case: bool = False


_DEFAULT_CATEGORY_RULES: Mapping[Category, CategoryRule] = MappingProxyType(
    {
        Category.PII: CategoryRule(Decision.REDACT),
        Category.SECRET: CategoryRule(Decision.BLOCK, RedactionOperator.MASK),
        Category.INJECTION: CategoryRule(Decision.BLOCK),
        Category.POLICY: CategoryRule(Decision.WARN),
    }
)


@dataclass(frozen=True, slots=True)
class Policy:
    """Everything the scanner needs to know besides the detectors themselves."""

    name: str = "custom"
    enable: tuple[str, ...] = ("pii.*", "secret.*", "injection.*", "policy.*")
    disable: tuple[str, ...] = ()
    detector_settings: Mapping[str, DetectorSettings] = field(
        default_factory=lambda: MappingProxyType({})
    )
    categories: Mapping[Category, CategoryRule] = field(
        default_factory=lambda: _DEFAULT_CATEGORY_RULES
    )
    terms: tuple[TermList, ...] = ()
    patterns: tuple[CustomPattern, ...] = ()
    allowlist: frozenset[str] = frozenset()
    max_input_chars: int = DEFAULT_MAX_INPUT_CHARS

    def is_enabled(self, detector_id: str, *, default_enabled: bool = True) -> bool:
        """Tell whether a detector runs; opt-in detectors need their exact id in ``enable``."""
        if any(fnmatchcase(detector_id, pattern) for pattern in self.disable):
            return False
        if detector_id in self.enable:
            return True
        if not default_enabled:
            return False
        return any(fnmatchcase(detector_id, pattern) for pattern in self.enable)

    def settings_for(self, detector_id: str) -> DetectorSettings:
        """Merge the settings whose key matches the id; an exact id beats a glob."""
        min_score: float | None = None
        severity: Severity | None = None
        for key, settings in self.detector_settings.items():
            if key != detector_id and fnmatchcase(detector_id, key):
                min_score = settings.min_score if settings.min_score is not None else min_score
                severity = settings.severity or severity
        exact = self.detector_settings.get(detector_id)
        if exact is not None:
            min_score = exact.min_score if exact.min_score is not None else min_score
            severity = exact.severity or severity
        return DetectorSettings(min_score=min_score, severity=severity)

    def rule_for(self, category: Category) -> CategoryRule:
        """Return the rule of a category, falling back to the built-in default."""
        return self.categories.get(category) or _DEFAULT_CATEGORY_RULES[category]
