"""Decide once per message whether it is an injection; every injection detector reads this.

Decision: a strong cue that is not quoted or discussed flags the message on its
own; otherwise the classifier (which also sees which cue families fired) must
reach its cross-validated threshold. Encoded runs are decoded once and their
text goes through the same decision, without further decoding.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from compliance_engine.detectors.injection.classifier import load_model
from compliance_engine.detectors.injection.cues import CueHit, find_cues
from compliance_engine.detectors.injection.encoded import DecodedRun, find_decoded_runs
from compliance_engine.detectors.injection.features import (
    extra_features,
    feature_count,
    message_features,
    words_of,
)
from compliance_engine.detectors.injection.normalize import fold


class Verdict(NamedTuple):
    """The decision on one piece of text, before decoding."""

    hits: tuple[CueHit, ...]
    probability: float
    # The classifier alone reached its threshold; a strong cue alone also makes an injection.
    classifier_positive: bool
    strong_cue: bool
    exact_offsets: bool

    @property
    def is_injection(self) -> bool:
        return self.classifier_positive or self.strong_cue

    @property
    def cue_names(self) -> tuple[str, ...]:
        return tuple(hit.cue for hit in self.hits)


@dataclass(frozen=True, slots=True)
class EncodedVerdict:
    """An encoded run whose decoded text is an injection."""

    run: DecodedRun
    verdict: Verdict


class Analysis(NamedTuple):
    """The verdict on a message and on the encoded runs inside it."""

    verdict: Verdict
    encoded: tuple[EncodedVerdict, ...]

    @property
    def is_injection(self) -> bool:
        return self.verdict.is_injection or bool(self.encoded)


def judge(text: str, lower: str | None = None) -> Verdict:
    """Return the cue and classifier decision on ``text`` (``lower``: its lower-cased form)."""
    folded, exact_offsets = fold(text, lower)
    words = words_of(folded)
    hits = find_cues(folded, words)
    model = load_model()
    extras = extra_features(len(text), hits)
    probability = model.probability(message_features(words, extras), feature_count(words, extras))
    strong_cue = any(hit.strong for hit in hits) if hits else False
    return Verdict(hits, probability, probability >= model.threshold, strong_cue, exact_offsets)


def analyse(text: str, lower: str | None = None) -> Analysis:
    """Judge ``text`` and every encoded run in it (decoded once); ``lower`` as in ``judge``."""
    runs = find_decoded_runs(text)
    if not runs:
        return Analysis(judge(text, lower), ())
    encoded: list[EncodedVerdict] = []
    for run in runs:
        verdict = judge(run.decoded)
        if verdict.is_injection:
            encoded.append(EncodedVerdict(run, verdict))
    return Analysis(judge(text, lower), tuple(encoded))
