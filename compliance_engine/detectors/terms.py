"""Policy detectors built from the policy: term lists and user regular expressions.

Terms (project codenames, client names) match case- and accent-insensitively on whole words:
the text is folded once per scan (NFKD, combining marks stripped, case-folded) and one
Aho-Corasick automaton per list finds every term in a single pass, however many terms there
are. User regexes run on RE2, whose matching time is linear in the text, so no pattern can
hang a scan.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import ahocorasick
import re2

from compliance_engine.detector import Detector, ScanText
from compliance_engine.model import Category, Explanation, Finding, Severity
from compliance_engine.policy_parse import compile_custom_regex
from compliance_engine.policy_types import CustomPattern, Policy, TermList
from compliance_engine.textfold import fold_text


@dataclass(frozen=True, slots=True)
class TermListDetector:
    """Find the terms of one list as whole words, ignoring case and accents."""

    terms: TermList
    _automaton: ahocorasick.Automaton = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        automaton = ahocorasick.Automaton()
        for term in self.terms.terms:
            folded = " ".join(fold_text(term).split())
            if folded:
                automaton.add_word(folded, len(folded))
        automaton.make_automaton()
        object.__setattr__(self, "_automaton", automaton)

    @property
    def id(self) -> str:
        return f"policy.{self.terms.name}"

    @property
    def category(self) -> Category:
        return Category.POLICY

    @property
    def entity_type(self) -> str:
        return self.terms.entity_type

    @property
    def keywords(self) -> tuple[str, ...]:
        return ()

    @property
    def default_enabled(self) -> bool:
        return True

    def applies(self, scan: ScanText) -> bool:
        return bool(scan.text)

    def detect(self, scan: ScanText) -> Iterator[Finding]:
        folded, origin = scan.folded
        explanation = Explanation(rule=f"terms:{self.terms.name}", checks=("word boundary",))
        detector_id = self.id
        for last, length in self._automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if not _is_whole_word(folded, start, end):
                continue
            if origin is not None:
                start, end = origin[start], origin[end - 1] + 1
            yield Finding(
                detector_id=detector_id,
                category=Category.POLICY,
                entity_type=self.terms.entity_type,
                start=start,
                end=end,
                score=self.terms.score,
                severity=self.terms.severity,
                explanation=explanation,
            )


@dataclass(frozen=True, slots=True)
class CustomRegexDetector:
    """Find the matches of one user regex, compiled with RE2."""

    pattern: CustomPattern
    _compiled: re2._Regexp = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        compiled = compile_custom_regex(self.pattern, f"patterns.{self.pattern.name}")
        object.__setattr__(self, "_compiled", compiled)

    @property
    def id(self) -> str:
        return f"policy.{self.pattern.name}"

    @property
    def category(self) -> Category:
        return Category.POLICY

    @property
    def entity_type(self) -> str:
        return self.pattern.entity_type

    @property
    def keywords(self) -> tuple[str, ...]:
        return ()

    @property
    def default_enabled(self) -> bool:
        return True

    def applies(self, scan: ScanText) -> bool:
        return bool(scan.text)

    def detect(self, scan: ScanText) -> Iterator[Finding]:
        explanation = Explanation(rule=f"pattern:{self.pattern.name}")
        severity: Severity = self.pattern.severity
        detector_id = self.id
        for match in self._compiled.finditer(scan.text):
            start, end = match.span()
            if start == end:
                continue
            yield Finding(
                detector_id=detector_id,
                category=Category.POLICY,
                entity_type=self.pattern.entity_type,
                start=start,
                end=end,
                score=self.pattern.score,
                severity=severity,
                explanation=explanation,
            )


def build_policy_detectors(policy: Policy) -> tuple[Detector, ...]:
    """Build one detector per term list and per regex of the policy."""
    detectors: list[Detector] = [TermListDetector(terms) for terms in policy.terms]
    detectors.extend(CustomRegexDetector(pattern) for pattern in policy.patterns)
    return tuple(detectors)


def _is_whole_word(folded: str, start: int, end: int) -> bool:
    # A boundary is only required where the term itself begins or ends with a word character,
    # so that a term such as "C++" can still be found.
    if start > 0 and folded[start].isalnum() and folded[start - 1].isalnum():
        return False
    return not (end < len(folded) and folded[end - 1].isalnum() and folded[end].isalnum())
