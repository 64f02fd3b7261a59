"""The shipped injection classifier: logistic regression over binary features.

The weights live in ``weights.json`` next to this module (written by
``scripts/train_injection.py``) and are loaded once. A message's score is the
bias plus the sum of its feature occurrences' weights scaled by
``1 / sqrt(number of occurrences)``, the scaling used at training time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import repeat

WEIGHTS_FILE = "weights.json"


@dataclass(frozen=True, slots=True)
class InjectionModel:
    """Feature weights, a bias and the decision threshold chosen by cross-validation."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, features: Iterable[str], count: int) -> float:
        """Return the probability that a message with these ``count`` features is an injection."""
        if count <= 0:
            return _sigmoid(self.bias)
        # Unknown features weigh 0.0, and adding 0.0 never changes a float sum; one C-level
        # dict.get per feature (most words are known) beats a membership test plus a lookup.
        total = sum(map(self.weights.get, features, repeat(0.0)))
        return _sigmoid(self.bias + total / math.sqrt(count))


def _sigmoid(score: float) -> float:
    if score < -40.0:
        return 0.0
    return 1.0 / (1.0 + math.exp(-score))


def model_from_json(document: str) -> InjectionModel:
    """Build a model from the JSON text of a weights file."""
    data = json.loads(document)
    weights = {str(name): float(value) for name, value in data["weights"].items()}
    return InjectionModel(weights, float(data["bias"]), float(data["threshold"]))


@cache
def load_model() -> InjectionModel:
    """Load the packaged weights once per process."""
    package = resources.files(__package__ or "compliance_engine.detectors.injection")
    return model_from_json(package.joinpath(WEIGHTS_FILE).read_text(encoding="utf-8"))
