"""Prompt-injection and jailbreak detectors: cues over a folded view, plus a small classifier."""

from compliance_engine.detectors.injection.detectors import INJECTION_DETECTORS

__all__ = ["INJECTION_DETECTORS"]
