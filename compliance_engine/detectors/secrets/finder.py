"""Rules too contextual for one regex (assignments, curl, YAML): code that yields hits."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from compliance_engine.detector import ScanText
from compliance_engine.detectors.secrets.rule import ENTITY_TYPE, secret_finding
from compliance_engine.model import Category, Finding, Severity


@dataclass(frozen=True, slots=True)
class Hit:
    """A span a finder believes is a secret, with its confidence."""

    start: int
    end: int
    score: float = 0.75


Finder = Callable[[ScanText], Iterator[Hit]]


@dataclass(frozen=True, slots=True)
class FinderRule:
    """A secret detector whose matching is a function rather than one regex."""

    name: str
    keywords: tuple[str, ...]
    find: Finder
    severity: Severity = Severity.HIGH

    category = Category.SECRET
    entity_type = ENTITY_TYPE
    default_enabled = True

    @property
    def id(self) -> str:
        return f"secret.{self.name}"

    def applies(self, scan: ScanText) -> bool:
        return len(scan.text) >= 8

    def detect(self, scan: ScanText) -> Iterator[Finding]:
        for hit in self.find(scan):
            yield secret_finding(self.name, hit.start, hit.end, hit.score, self.severity, "context")
