"""Shared per-scan work: views computed once, and a gate tested once for all its detectors."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest

from compliance_engine import Scanner, default_policy
from compliance_engine.detector import GatedDetector, ScanText
from compliance_engine.detectors.injection import INJECTION_DETECTORS
from compliance_engine.model import Category, Explanation, Finding, Severity


@dataclass(frozen=True)
class _GatedFake:
    """Report the whole text when its shared gate and its own test pass."""

    id: str
    shared_gate: Callable[[ScanText], bool]
    passes_own_test: bool = True
    category: Category = Category.INJECTION
    entity_type: str = "PROMPT_INJECTION"
    keywords: tuple[str, ...] = ()
    default_enabled: bool = True
    runs: list[str] = field(default_factory=list, compare=False)

    def applies(self, scan: ScanText) -> bool:
        # A detector's own test still holds the gate's verdict: the gate only saves work.
        return self.shared_gate(scan) and self.passes_own_test

    def detect(self, scan: ScanText) -> Iterator[Finding]:
        self.runs.append(scan.text)
        yield Finding(
            self.id,
            self.category,
            self.entity_type,
            0,
            len(scan.text),
            0.9,
            Severity.HIGH,
            Explanation(rule=self.id),
        )


def _gated_fakes(count: int, *, passes_gate: bool) -> tuple[list[str], list[_GatedFake]]:
    calls: list[str] = []

    def gate(scan: ScanText) -> bool:
        calls.append(scan.text)
        return passes_gate

    fakes = [
        _GatedFake(f"injection.fake_{index}", gate, passes_own_test=index != 1)
        for index in range(count)
    ]
    return calls, fakes


@pytest.mark.parametrize("passes_gate", [True, False])
def test_shared_gate_runs_once_per_scan_when_detectors_share_it(passes_gate: bool) -> None:
    calls, fakes = _gated_fakes(3, passes_gate=passes_gate)
    result = Scanner(default_policy(), detectors=fakes).scan("some text to scan")
    # Once by the scanner, then once per detector's own test when the gate passed.
    assert calls == ["some text to scan"] * (4 if passes_gate else 1)
    expected_runs = [1, 0, 1] if passes_gate else [0, 0, 0]
    assert [len(fake.runs) for fake in fakes] == expected_runs
    assert len(result.findings) == (1 if passes_gate else 0)  # same span: overlaps resolved


def test_injection_detectors_share_one_gate_when_built_in() -> None:
    gates = {detector.shared_gate for detector in INJECTION_DETECTORS}
    assert all(isinstance(detector, GatedDetector) for detector in INJECTION_DETECTORS)
    assert len(gates) == 1


def test_shared_view_is_computed_once_when_read_twice() -> None:
    computed: list[str] = []

    def view(scan: ScanText) -> int:
        computed.append(scan.text)
        return len(scan.text)

    scan = ScanText("abc")
    assert (scan.shared(view), scan.shared(view)) == (3, 3)
    assert computed == ["abc"]
    assert ScanText("abcd").shared(view) == 4
    assert computed == ["abc", "abcd"]
