"""Tiny detectors for testing the scanner independently of the built-in detectors."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from compliance_engine.detector import Pattern, PatternDetector, ScanText
from compliance_engine.model import Category, Explanation, Finding, Severity


def regex_detector(
    detector_id: str,
    regex: str,
    *,
    category: Category = Category.PII,
    entity_type: str = "EMAIL",
    score: float = 0.9,
    keywords: tuple[str, ...] = (),
    severity: Severity = Severity.MEDIUM,
    default_enabled: bool = True,
) -> PatternDetector:
    """Build a pattern detector with one regex and no context handling."""
    return PatternDetector(
        id=detector_id,
        category=category,
        entity_type=entity_type,
        patterns=(Pattern(name=f"{detector_id}.regex", regex=regex, score=score),),
        keywords=keywords,
        severity=severity,
        min_score=0.0,
        default_enabled=default_enabled,
    )


@dataclass(frozen=True)
class FixedSpanDetector:
    """Report given spans and record every text it was run on."""

    id: str
    spans: tuple[tuple[int, int, float], ...]
    category: Category = Category.PII
    entity_type: str = "EMAIL"
    keywords: tuple[str, ...] = ()
    default_enabled: bool = True
    severity: Severity = Severity.MEDIUM
    calls: list[str] = field(default_factory=list, compare=False)

    def applies(self, scan: ScanText) -> bool:
        return True

    def detect(self, scan: ScanText) -> Iterator[Finding]:
        self.calls.append(scan.text)
        for start, end, score in self.spans:
            yield Finding(
                detector_id=self.id,
                category=self.category,
                entity_type=self.entity_type,
                start=start,
                end=end,
                score=score,
                severity=self.severity,
                explanation=Explanation(rule="fixed"),
            )
