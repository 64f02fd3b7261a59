"""Compliance engine: find PII, secrets, prompt injection and policy terms in a text.

Build a ``Scanner`` once from a policy (``default_policy()`` or ``load_policy(path)``), then
call ``scan(text)``: the result holds the findings, the decision and the redacted text.
"""

from compliance_engine.model import (
    Category,
    Decision,
    Explanation,
    Finding,
    ScanResult,
    Severity,
)
from compliance_engine.policy import (
    Policy,
    PolicyError,
    RedactionOperator,
    default_policy,
    default_policy_document,
    load_policy,
    policy_from_dict,
)
from compliance_engine.redaction import redact
from compliance_engine.scanner import Scanner, value_hash

__version__ = "0.1.0"

__all__ = [
    "Category",
    "Decision",
    "Explanation",
    "Finding",
    "Policy",
    "PolicyError",
    "RedactionOperator",
    "ScanResult",
    "Scanner",
    "Severity",
    "__version__",
    "default_policy",
    "default_policy_document",
    "load_policy",
    "policy_from_dict",
    "redact",
    "value_hash",
]
