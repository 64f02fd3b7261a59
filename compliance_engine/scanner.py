"""The scanner: run the detectors a policy enables over a text and decide what to do.

A :class:`Scanner` is built once from a policy and is then read-only, so one instance can
serve many threads. Per scan: cap the input, run one keyword prefilter, run only the detectors
it (or their cheap ``applies`` test) selects, apply the policy's thresholds, severity overrides
and allowlist, resolve overlaps once per category, decide, and redact.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from compliance_engine.detector import Detector, GatedDetector, ScanText
from compliance_engine.detectors import BUILTIN_DETECTORS
from compliance_engine.detectors.terms import build_policy_detectors
from compliance_engine.model import Category, Decision, Finding, ScanResult, Severity
from compliance_engine.overlap import resolve_overlaps
from compliance_engine.policy import Policy, default_policy
from compliance_engine.prefilter import KeywordPrefilter
from compliance_engine.redaction import redact

_CATEGORY_ORDER = tuple(Category)


@dataclass(frozen=True, slots=True)
class _ActiveDetector:
    """A detector the policy enabled, with the policy's overrides for it.

    ``applies`` and ``detect`` are the detector's bound methods, looked up once rather than
    on every scan; ``filtered`` says whether its findings go through the policy's threshold,
    severity override or allowlist.
    """

    detector: Detector
    min_score: float | None
    severity: Severity | None
    applies: Callable[[ScanText], bool]
    detect: Callable[[ScanText], Iterable[Finding]]
    filtered: bool
    gate: Callable[[ScanText], bool] | None


# A run of consecutive always-on detectors, with the gate they share (None: no shared gate).
_Run = tuple[Callable[[ScanText], bool] | None, tuple[_ActiveDetector, ...]]


def _activate(detector: Detector, policy: Policy) -> _ActiveDetector:
    settings = policy.settings_for(detector.id)
    return _ActiveDetector(
        detector=detector,
        min_score=settings.min_score,
        severity=settings.severity,
        applies=detector.applies,
        detect=detector.detect,
        filtered=(
            settings.min_score is not None
            or settings.severity is not None
            or bool(policy.allowlist)
        ),
        gate=detector.shared_gate if isinstance(detector, GatedDetector) else None,
    )


def _runs(items: Sequence[_ActiveDetector]) -> tuple[_Run, ...]:
    """Group consecutive detectors sharing a gate, keeping their order (it breaks ties)."""
    runs: list[_Run] = []
    for item in items:
        if runs and runs[-1][0] is item.gate:
            runs[-1] = (item.gate, (*runs[-1][1], item))
        else:
            runs.append((item.gate, (item,)))
    return tuple(runs)


class Scanner:
    """Scan texts against one policy; immutable after construction and safe to share."""

    __slots__ = (
        "_actions",
        "_allowlist",
        "_always",
        "_always_runs",
        "_gated",
        "_max_input_chars",
        "_operators",
        "_policy",
        "_prefilter",
        "_redaction_key",
    )

    def __init__(
        self,
        policy: Policy | None = None,
        *,
        detectors: Iterable[Detector] | None = None,
        redaction_key: bytes | None = None,
    ) -> None:
        """Build a scanner; ``detectors`` defaults to the built-in set plus the policy's terms.

        Without a ``redaction_key`` a random one is drawn, so ``hash`` labels are stable
        within this scanner only.
        """
        self._policy = policy = policy if policy is not None else default_policy()
        candidates = tuple(BUILTIN_DETECTORS if detectors is None else detectors)
        candidates += build_policy_detectors(policy)
        active = [
            _activate(detector, policy)
            for detector in candidates
            if policy.is_enabled(detector.id, default_enabled=detector.default_enabled)
        ]
        self._always = tuple(item for item in active if not item.detector.keywords)
        self._always_runs = _runs(self._always)
        self._gated = tuple(item for item in active if item.detector.keywords)
        self._prefilter = KeywordPrefilter([item.detector.keywords for item in self._gated])
        self._max_input_chars = policy.max_input_chars
        self._allowlist = policy.allowlist
        self._actions = MappingProxyType({c: policy.rule_for(c) for c in Category})
        self._operators = MappingProxyType({c: rule.redaction for c, rule in self._actions.items()})
        self._redaction_key = redaction_key if redaction_key is not None else os.urandom(32)

    @property
    def policy(self) -> Policy:
        """Return the policy this scanner was built from."""
        return self._policy

    @property
    def detector_ids(self) -> tuple[str, ...]:
        """Return the ids of the detectors this scanner may run."""
        return tuple(item.detector.id for item in (*self._always, *self._gated))

    def scan(self, text: str) -> ScanResult:
        """Scan one text and return the findings, the decision and the redacted text."""
        truncated = len(text) > self._max_input_chars
        if truncated:
            text = text[: self._max_input_chars]
        scan = ScanText(text)
        findings = resolve_overlaps(self._findings(scan))
        if not findings:
            return ScanResult((), Decision.ALLOW, text, truncated, len(text), ())
        present = {finding.category for finding in findings}
        return ScanResult(
            findings=tuple(findings),
            decision=self._decide(findings),
            redacted_text=redact(text, findings, self._operators, key=self._redaction_key),
            truncated=truncated,
            scanned_chars=len(text),
            categories=tuple(category for category in _CATEGORY_ORDER if category in present),
        )

    def scan_batch(self, texts: Sequence[str]) -> list[ScanResult]:
        """Scan several texts, in order."""
        return [self.scan(text) for text in texts]

    def selected_detectors(self, scan: ScanText) -> list[Detector]:
        """Return the detectors a scan of this text would run (for profiling and debugging)."""
        return [item.detector for item in self._selected(scan)]

    def _selected(self, scan: ScanText) -> list[_ActiveDetector]:
        selected: list[_ActiveDetector] = []
        # A shared gate (the injection analysis) is tested once for its whole run.
        for gate, items in self._always_runs:
            if gate is None or gate(scan):
                selected.extend([item for item in items if item.applies(scan)])
        if self._gated:
            gated = self._gated
            for index in self._prefilter.matching_in_order(scan.lower):
                if gated[index].applies(scan):
                    selected.append(gated[index])
        return selected

    def _findings(self, scan: ScanText) -> list[Finding]:
        findings: list[Finding] = []
        for item in self._selected(scan):
            findings.extend(self._filtered(item, scan) if item.filtered else item.detect(scan))
        return findings

    def _filtered(self, item: _ActiveDetector, scan: ScanText) -> Iterator[Finding]:
        text = scan.text
        for finding in item.detect(scan):
            if item.min_score is not None and finding.score < item.min_score:
                continue
            if self._allowlist and value_hash(text[finding.start : finding.end]) in self._allowlist:
                continue
            if item.severity is not None and item.severity is not finding.severity:
                finding = dataclasses.replace(finding, severity=item.severity)
            yield finding

    def _decide(self, findings: Sequence[Finding]) -> Decision:
        decision = Decision.ALLOW
        for finding in findings:
            action = self._actions[finding.category].action_for(finding.severity)
            if action.rank > decision.rank:
                decision = action
        return decision


def value_hash(value: str) -> str:
    """Return the allowlist key of a value: the sha256 hex digest of its UTF-8 bytes."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()
