"""The one door from the backend to the compliance engine.

It turns policy documents (JSON stored by the hub) into engine scanners, caches them per
policy version, runs scans off the event loop when the text is large, and hands back plain
backend-side records so nothing above this module depends on the engine's types.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from compliance_engine import (
    Category,
    Finding,
    PolicyError,
    RedactionOperator,
    Scanner,
    default_policy,
    default_policy_document,
    policy_from_dict,
    redact,
)
from compliance_engine.policy import Policy

# Texts longer than this are scanned in a worker thread so the event loop stays responsive.
INLINE_SCAN_CHARS = 16_384
MAX_CACHED_SCANNERS = 32


class InvalidPolicyDocument(ValueError):
    """A policy document the engine refuses; the message names the bad field."""


@dataclass(frozen=True, slots=True)
class DetectedEntity:
    detector_id: str
    category: str
    entity_type: str
    subtype: str | None
    start: int
    end: int
    score: float
    severity: str
    explanation: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Verdict:
    decision: str
    categories: tuple[str, ...]
    findings: tuple[DetectedEntity, ...]
    redacted_text: str
    truncated: bool
    scanned_chars: int
    _raw_findings: tuple[Finding, ...] = field(default=(), repr=False, compare=False)

    @property
    def is_clean(self) -> bool:
        return not self.findings


def _entity(finding: Finding) -> DetectedEntity:
    return DetectedEntity(
        detector_id=finding.detector_id,
        category=finding.category.value,
        entity_type=finding.entity_type,
        subtype=finding.subtype,
        start=finding.start,
        end=finding.end,
        score=round(finding.score, 4),
        severity=finding.severity.value,
        explanation=finding.explanation.as_dict(),
    )


class ComplianceAdapter:
    """Scans text with the engine under a given policy document (or the built-in default)."""

    def __init__(self, *, redaction_key: bytes) -> None:
        self._redaction_key = redaction_key
        self._scanners: OrderedDict[str, Scanner] = OrderedDict()
        self._lock = threading.Lock()
        self._default = Scanner(default_policy(), redaction_key=redaction_key)

    @staticmethod
    def default_policy_document() -> dict[str, Any]:
        """The engine's shipped default policy, as a document the hub can store and edit."""
        return default_policy_document()

    @staticmethod
    def validate_policy(document: Mapping[str, Any]) -> Policy:
        try:
            return policy_from_dict(document)
        except PolicyError as exc:
            raise InvalidPolicyDocument(str(exc)) from exc

    def scanner_for(self, document: Mapping[str, Any] | None) -> Scanner:
        """A scanner for this policy document, built once per distinct document."""
        if document is None:
            return self._default
        key = hashlib.sha256(repr(sorted(_freeze(document))).encode()).hexdigest()
        with self._lock:
            scanner = self._scanners.get(key)
            if scanner is not None:
                self._scanners.move_to_end(key)
                return scanner
        scanner = Scanner(self.validate_policy(document), redaction_key=self._redaction_key)
        with self._lock:
            self._scanners[key] = scanner
            while len(self._scanners) > MAX_CACHED_SCANNERS:
                self._scanners.popitem(last=False)
        return scanner

    def scan_now(self, text: str, policy: Mapping[str, Any] | None = None) -> Verdict:
        """Scan synchronously (CPU-bound; about a millisecond for a chat message)."""
        result = self.scanner_for(policy).scan(text)
        return Verdict(
            decision=result.decision.value,
            categories=tuple(c.value for c in result.categories),
            findings=tuple(_entity(f) for f in result.findings),
            redacted_text=result.redacted_text,
            truncated=result.truncated,
            scanned_chars=result.scanned_chars,
            _raw_findings=result.findings,
        )

    async def scan(self, text: str, policy: Mapping[str, Any] | None = None) -> Verdict:
        """Scan, off the event loop when the text is large."""
        if len(text) <= INLINE_SCAN_CHARS:
            return self.scan_now(text, policy)
        return await asyncio.to_thread(self.scan_now, text, policy)

    def redact_categories(self, text: str, verdict: Verdict, categories: Iterable[str]) -> str:
        """Replace only the findings of the given categories (e.g. secrets in a CRM note)."""
        wanted = {Category(c) for c in categories}
        chosen = [f for f in verdict._raw_findings if f.category in wanted]
        return redact(text, chosen, RedactionOperator.REPLACE) if chosen else text


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _freeze(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value
