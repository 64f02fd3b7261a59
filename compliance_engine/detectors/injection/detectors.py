"""The injection detectors: one per cue family, one for encoded payloads, one for the classifier.

They share one analysis per scan (``ScanText.shared``) and one gate: the scanner tests
``is_injection_candidate`` once for all six, so on a clean message none runs further. A
family detector reports its first cue when the message is judged an injection; the
classifier reports the whole message when its probability alone decided (no strong cue).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from compliance_engine.detector import ScanText
from compliance_engine.detectors.injection.analysis import Analysis, Verdict, analyse
from compliance_engine.detectors.injection.cue_table import (
    DELIMITER,
    EXTRACTION,
    OVERRIDE,
    PERSONA,
)
from compliance_engine.model import Category, Explanation, Finding, Severity

ENTITY_TYPE = "PROMPT_INJECTION"
ENCODED = "encoded_payload"
CLASSIFIER = "classifier"
# Messages shorter than this cannot hold an instruction worth flagging ("hi", "ok").
MIN_LENGTH = 10
# The score a strong cue earns even when the classifier is unsure.
STRONG_CUE_SCORE = 0.9


def analysis_of(scan: ScanText) -> Analysis:
    """Return the injection analysis of the scanned text (computed once per scan)."""
    return scan.shared(_analyse_scan)


def _analyse_scan(scan: ScanText) -> Analysis:
    return analyse(scan.text, scan.lower)


def is_injection_candidate(scan: ScanText) -> bool:
    """Return whether any injection detector has something to report on this text."""
    return len(scan.text) >= MIN_LENGTH and analysis_of(scan).is_injection


@dataclass(frozen=True, slots=True)
class InjectionDetector:
    """Report one facet (a cue family, encoded payloads or the classifier) of the analysis."""

    facet: str
    severity: Severity = Severity.HIGH
    category: Category = Category.INJECTION
    entity_type: str = ENTITY_TYPE
    keywords: tuple[str, ...] = ()
    default_enabled: bool = True

    @property
    def id(self) -> str:
        return f"injection.{self.facet}"

    @property
    def shared_gate(self) -> Callable[[ScanText], bool]:
        """The test shared by all injection detectors, which the scanner runs once per scan."""
        return is_injection_candidate

    def applies(self, scan: ScanText) -> bool:
        """Run only when the shared analysis (made once per text) has something to report."""
        if len(scan.text) < MIN_LENGTH:
            return False
        analysis = analysis_of(scan)
        if self.facet == ENCODED:
            return bool(analysis.encoded)
        return analysis.verdict.is_injection

    def detect(self, scan: ScanText) -> Iterator[Finding]:
        """Report this facet's findings from the shared analysis of the text."""
        analysis = analysis_of(scan)
        if self.facet == ENCODED:
            yield from self._encoded_findings(analysis)
        elif analysis.verdict.is_injection:
            yield from self._verdict_findings(analysis.verdict, len(scan.text))

    def _verdict_findings(self, verdict: Verdict, length: int) -> Iterator[Finding]:
        if self.facet == CLASSIFIER:
            # Without a strong cue the decision is the classifier's: it reports the message.
            if verdict.classifier_positive and not verdict.strong_cue:
                yield self._finding(0, length, verdict.probability, CLASSIFIER, verdict)
            return
        for hit in verdict.hits:
            if hit.family == self.facet:
                start, end = (hit.start, hit.end) if verdict.exact_offsets else (0, length)
                score = max(verdict.probability, STRONG_CUE_SCORE if hit.strong else 0.0)
                yield self._finding(start, end, score, hit.cue, verdict)
                return

    def _encoded_findings(self, analysis: Analysis) -> Iterator[Finding]:
        for encoded in analysis.encoded:
            verdict = encoded.verdict
            score = max(verdict.probability, STRONG_CUE_SCORE if verdict.strong_cue else 0.0)
            rule = f"decoded_{encoded.run.encoding}"
            yield self._finding(encoded.run.start, encoded.run.end, score, rule, verdict)

    def _finding(self, start: int, end: int, score: float, rule: str, verdict: Verdict) -> Finding:
        explanation = Explanation(
            rule=rule,
            checks=(f"classifier_probability={verdict.probability:.2f}",),
            cues=verdict.cue_names,
        )
        return Finding(
            detector_id=self.id,
            category=self.category,
            entity_type=self.entity_type,
            start=start,
            end=end,
            score=round(score, 4),
            severity=self.severity,
            explanation=explanation,
        )


INJECTION_DETECTORS = (
    InjectionDetector(OVERRIDE),
    InjectionDetector(EXTRACTION),
    InjectionDetector(PERSONA),
    InjectionDetector(DELIMITER),
    InjectionDetector(ENCODED),
    InjectionDetector(CLASSIFIER),
)
