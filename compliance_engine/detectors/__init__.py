"""The built-in detectors: one list, grouped by category."""

from compliance_engine.detectors.injection import INJECTION_DETECTORS
from compliance_engine.detectors.pii import PII_DETECTORS
from compliance_engine.detectors.secrets import SECRET_DETECTORS

BUILTIN_DETECTORS = (*PII_DETECTORS, *SECRET_DETECTORS, *INJECTION_DETECTORS)

__all__ = ["BUILTIN_DETECTORS", "INJECTION_DETECTORS", "PII_DETECTORS", "SECRET_DETECTORS"]
