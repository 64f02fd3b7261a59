"""Resolve overlapping findings once, within each category.

Within a category the highest score wins, then the longest span, then the earliest start.
Findings of different categories may overlap: a secret must never be lost to an email or an
IP address that happens to sit inside it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from compliance_engine.model import Category, Finding


def resolve_overlaps(findings: Sequence[Finding]) -> list[Finding]:
    """Keep, per category, a set of non-overlapping findings; return them sorted by position."""
    if len(findings) < 2:
        return list(findings)
    by_category: dict[Category, list[Finding]] = {}
    for finding in findings:
        by_category.setdefault(finding.category, []).append(finding)
    kept: list[Finding] = []
    for group in by_category.values():
        kept.extend(_resolve_group(group) if len(group) > 1 else group)
    kept.sort(key=lambda finding: (finding.start, finding.end, finding.detector_id))
    return kept


def _resolve_group(group: list[Finding]) -> list[Finding]:
    # Accepted spans are disjoint, so sorting them by start also sorts them by end.
    starts: list[int] = []
    ends: list[int] = []
    accepted: list[Finding] = []
    for finding in sorted(group, key=lambda item: (-item.score, -item.length, item.start)):
        position = bisect_right(starts, finding.start)
        if position > 0 and ends[position - 1] > finding.start:
            continue
        if position < len(starts) and starts[position] < finding.end:
            continue
        starts.insert(position, finding.start)
        ends.insert(position, finding.end)
        accepted.append(finding)
    return accepted
