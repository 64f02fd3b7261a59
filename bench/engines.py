"""The engines the benchmark compares, each behind the same tiny interface.

An engine is loaded once, then ``predict(message_id, text)`` returns one prediction line in
the scorer's format with its own ``ms``. Peers are imported lazily, so the benchmark still runs
(and says so) when the optional ``bench`` extra is not installed.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

SCORED_TYPES = (
    "EMAIL",
    "PHONE",
    "CREDIT_CARD",
    "IBAN",
    "US_SSN",
    "FR_NIR",
    "IP_ADDRESS",
    "PASSPORT",
    "SECRET",
)
SCORED_CATEGORIES = ("pii", "secret", "injection")

# Presidio's entity names mapped to ours; anything else it finds is not scored.
PRESIDIO_TO_OURS = {
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "CREDIT_CARD": "CREDIT_CARD",
    "IBAN_CODE": "IBAN",
    "US_SSN": "US_SSN",
    "IP_ADDRESS": "IP_ADDRESS",
    "US_PASSPORT": "PASSPORT",
}
# Presidio keeps every result by default (some score 0.05); 0.4 keeps its bare pattern matches
# of medium confidence (phone numbers score 0.4) and drops the near-zero ones.
PRESIDIO_SCORE_THRESHOLD = 0.4

Predict = Callable[[Any, str], dict[str, Any]]


@dataclass(frozen=True)
class Engine:
    """A loaded engine: its name, what it claims to cover, and its predict function."""

    name: str
    categories: tuple[str, ...]
    entity_types: tuple[str, ...]
    predict: Predict


def load_ours() -> Engine:
    """Load our engine with the default policy, scanning through the CLI's own code path."""
    from compliance_engine.cli import prediction_for
    from compliance_engine.detectors import BUILTIN_DETECTORS
    from compliance_engine.scanner import Scanner

    scanner = Scanner()
    active = [d for d in BUILTIN_DETECTORS if d.id in set(scanner.detector_ids)]
    categories = tuple(c for c in SCORED_CATEGORIES if any(d.category.value == c for d in active))
    types = tuple(t for t in SCORED_TYPES if any(d.entity_type == t for d in active))

    def predict(message_id: Any, text: str) -> dict[str, Any]:
        return prediction_for(scanner, message_id, text)

    return Engine("compliance_engine", categories, types, predict)


def load_presidio() -> Engine:
    """Presidio pattern-only, asked only for the entity types we score (its fastest set-up)."""
    return _load_presidio(list(PRESIDIO_TO_OURS), "presidio (pattern-only)")


def load_presidio_all() -> Engine:
    """Presidio pattern-only as installed: every default recognizer runs, as a user would call it.

    The issue's reference figure for Presidio (0.3 MB/s) is this set-up; the results of the
    entity types we do not score are dropped before scoring, so only speed differs.
    """
    return _load_presidio(None, "presidio (pattern-only, all recognizers)")


def _load_presidio(entities: list[str] | None, name: str) -> Engine:
    """Load Presidio's analyzer in pattern-only mode: the no-op NLP engine loads no spaCy model."""
    _keep_tldextract_offline()
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NoOpNlpEngine

    nlp_engine = NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "none"}])
    analyzer = AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=["en"])

    def predict(message_id: Any, text: str) -> dict[str, Any]:
        started = time.perf_counter()
        results = analyzer.analyze(
            text=text,
            language="en",
            entities=entities,
            score_threshold=PRESIDIO_SCORE_THRESHOLD,
        )
        elapsed_ms = (time.perf_counter() - started) * 1000.0
        spans = [
            {"type": PRESIDIO_TO_OURS[r.entity_type], "start": r.start, "end": r.end}
            for r in results
            if r.entity_type in PRESIDIO_TO_OURS
        ]
        return _line(message_id, ["pii"] if spans else [], spans, elapsed_ms)

    types = tuple(t for t in SCORED_TYPES if t in PRESIDIO_TO_OURS.values())
    return Engine(name, ("pii",), types, predict)


class _DetectSecretsScanner:
    """detect-secrets' plugins and filters, run in-process on the lines of each message.

    It goes through the same line pipeline as ``detect-secrets scan`` on a file (line filters,
    every plugin, secret and context filters), not ``scan_line``, whose ad hoc mode reports every
    high-entropy candidate for diagnosis.
    """

    def __init__(self) -> None:
        from detect_secrets.core.scan import _process_line_based_plugins
        from detect_secrets.settings import default_settings

        self._process_lines = _process_line_based_plugins
        # The settings context configures the plugins globally. It must stay open (referenced)
        # for the whole run: when it is garbage collected the original, empty settings return.
        self._settings = default_settings()
        self._settings.__enter__()

    def predict(self, message_id: Any, text: str) -> dict[str, Any]:
        started = time.perf_counter()
        lines = text.split("\n")
        line_starts = [0]
        for line in lines[:-1]:
            line_starts.append(line_starts[-1] + len(line) + 1)
        spans: list[dict[str, Any]] = []
        for secret in self._process_lines(list(enumerate(lines, start=1)), "message.txt"):
            value = secret.secret_value or ""
            line = lines[secret.line_number - 1]
            position = line.find(value) if value else -1
            if position >= 0:
                start, end = _enclosing_token(line, position, position + len(value))
                offset = line_starts[secret.line_number - 1]
                spans.append({"type": "SECRET", "start": offset + start, "end": offset + end})
        elapsed_ms = (time.perf_counter() - started) * 1000.0
        return _line(message_id, ["secret"] if spans else [], spans, elapsed_ms)


def _enclosing_token(line: str, start: int, end: int) -> tuple[int, int]:
    """Widen a reported value to its whole token: some plugins report only a prefix (``ghp``)."""
    while start > 0 and _is_token_char(line[start - 1]):
        start -= 1
    while end < len(line) and _is_token_char(line[end]):
        end += 1
    return start, end


def _is_token_char(char: str) -> bool:
    return char.isalnum() or char in "_-+/=.~"


def load_detect_secrets() -> Engine:
    """Load detect-secrets 1.5 with its default plugins and filters."""
    scanner = _DetectSecretsScanner()
    return Engine("detect-secrets", ("secret",), ("SECRET",), scanner.predict)


LOADERS: dict[str, Callable[[], Engine]] = {
    "ours": load_ours,
    "presidio": load_presidio,
    "presidio_all": load_presidio_all,
    "detect_secrets": load_detect_secrets,
}


def _line(
    message_id: Any, categories: list[str], entities: list[dict[str, Any]], ms: float
) -> dict[str, Any]:
    return {"id": message_id, "categories": categories, "entities": entities, "ms": round(ms, 4)}


def _keep_tldextract_offline() -> None:
    """Make tldextract (used by Presidio's email check) use its bundled suffix list, no network."""
    os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""
    import tldextract
    import tldextract.tldextract as tldextract_module

    tldextract_module.TLD_EXTRACTOR = tldextract.TLDExtract(
        suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True
    )
