"""Value types shared by every detector, the scanner and the policy."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Category(StrEnum):
    PII = "pii"
    SECRET = "secret"
    INJECTION = "injection"
    POLICY = "policy"


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.LOW: 0, Severity.MEDIUM: 1, Severity.HIGH: 2, Severity.CRITICAL: 3}


class Decision(StrEnum):
    ALLOW = "allow"
    WARN = "warn"
    REDACT = "redact"
    BLOCK = "block"

    @property
    def rank(self) -> int:
        return _DECISION_RANK[self]


_DECISION_RANK = {Decision.ALLOW: 0, Decision.WARN: 1, Decision.REDACT: 2, Decision.BLOCK: 3}


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a finding was raised: never contains the matched value itself."""

    rule: str
    checks: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "checks": list(self.checks),
            "context": list(self.context),
            "cues": list(self.cues),
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """One detected entity: a span of the scanned text and what it is."""

    detector_id: str
    category: Category
    entity_type: str
    start: int
    end: int
    score: float
    severity: Severity
    explanation: Explanation
    subtype: str | None = None

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class ScanResult:
    """Everything one scan found and what the policy decided."""

    findings: tuple[Finding, ...]
    decision: Decision
    redacted_text: str
    truncated: bool
    scanned_chars: int
    categories: tuple[Category, ...] = field(default=())
