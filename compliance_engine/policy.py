"""The declarative policy: what runs, how sure it must be, and what happens to a finding.

A policy is frozen data. Load one with :func:`load_policy` (YAML or JSON), build one from a
mapping with :func:`policy_from_dict`, or start from :func:`default_policy`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from compliance_engine.policy_parse import policy_from_dict
from compliance_engine.policy_types import (
    DEFAULT_MAX_INPUT_CHARS,
    CategoryRule,
    CustomPattern,
    DetectorSettings,
    Policy,
    PolicyError,
    RedactionOperator,
    TermList,
)

# Found next to this module rather than through importlib.resources, which fails when an
# editable install maps the package as a namespace package.
DEFAULT_POLICY_PATH = Path(__file__).resolve().parent / "policies" / "default.yaml"

__all__ = [
    "DEFAULT_MAX_INPUT_CHARS",
    "DEFAULT_POLICY_PATH",
    "CategoryRule",
    "CustomPattern",
    "DetectorSettings",
    "Policy",
    "PolicyError",
    "RedactionOperator",
    "TermList",
    "default_policy",
    "default_policy_document",
    "load_policy",
    "policy_from_dict",
    "policy_from_text",
]


def load_policy(path: str | Path) -> Policy:
    """Load a policy from a YAML or JSON file."""
    policy_path = Path(path)
    try:
        raw = policy_path.read_text(encoding="utf-8")
    except OSError as error:
        raise PolicyError(f"cannot read policy file {policy_path}: {error.strerror}") from error
    return policy_from_text(raw, source=str(policy_path), is_json=policy_path.suffix == ".json")


def policy_from_text(raw: str, *, source: str = "<policy>", is_json: bool = False) -> Policy:
    """Parse YAML or strict JSON text into a policy."""
    try:
        data: Any = json.loads(raw) if is_json else yaml.safe_load(raw)
    except (json.JSONDecodeError, yaml.YAMLError) as error:
        kind = "JSON" if is_json else "YAML"
        raise PolicyError(f"{source}: not valid {kind}: {error}") from error
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise PolicyError(f"{source}: the policy must be a mapping at the top level")
    return policy_from_dict(data)


def default_policy_document() -> dict[str, Any]:
    """Return the shipped default policy as a plain mapping, for storing and editing elsewhere."""
    data = yaml.safe_load(DEFAULT_POLICY_PATH.read_text(encoding="utf-8"))
    return dict(data)


@cache
def default_policy() -> Policy:
    """Return the shipped default policy (core PII redacted, secrets and injection blocked)."""
    policy_file = DEFAULT_POLICY_PATH
    return policy_from_text(policy_file.read_text(encoding="utf-8"), source="default.yaml")
