"""Where the engine's time goes: per-detector cost over the corpus, plus the scanner's own.

    .venv/bin/python -m bench.detectors [--eval-dir ../shared/eval]

Each detector is timed only on the messages the prefilter and its ``applies`` test select,
exactly as in a scan; a view shared by several detectors is charged to the first that reads it.
One row is the selection (prefilter and ``applies``, which is where the injection analysis
runs); the last row is the rest of ``Scanner.scan`` (overlaps, decision, redaction, result)
plus timing noise. Prints one markdown table, slowest first.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from bench.engine import DEFAULT_EVAL_DIR
from compliance_engine.detector import ScanText
from compliance_engine.scanner import Scanner

# The row for ScanText, the keyword prefilter, the shared gates and every applies() test, which
# includes the injection analysis (computed once per scan, by the injection detectors' gate).
_SELECTION = "selection: prefilter + applies() (incl. the shared injection analysis)"


def read_texts(gold: Path) -> list[str]:
    """Read the message texts of the corpus."""
    with gold.open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines if line.strip()]


def profile(texts: list[str]) -> tuple[dict[str, float], dict[str, int], float]:
    """Return seconds and runs per detector, and the seconds of whole scans.

    Whole scans and per-detector runs are interleaved text by text, so that load from other
    processes affects both alike.
    """
    scanner = Scanner()
    for text in texts[:50]:
        scanner.scan(text)
    seconds: dict[str, float] = defaultdict(float)
    runs: dict[str, int] = defaultdict(int)
    total_s = 0.0
    for text in texts:
        started = time.perf_counter()
        scanner.scan(text)
        total_s += time.perf_counter() - started
        # A fresh ScanText (and string object), so every per-scan view starts cold: the
        # selection row pays for the injection analysis, a detector for the views it reads.
        scan = ScanText((text + " ")[:-1])
        started = time.perf_counter()
        selected = scanner.selected_detectors(scan)
        seconds[_SELECTION] += time.perf_counter() - started
        runs[_SELECTION] += 1
        for detector in selected:
            started = time.perf_counter()
            for _finding in detector.detect(scan):
                pass
            seconds[detector.id] += time.perf_counter() - started
            runs[detector.id] += 1
    return seconds, runs, total_s


def main() -> int:
    """Profile the default scanner on the corpus and print the table."""
    parser = argparse.ArgumentParser(prog="python -m bench.detectors")
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    args = parser.parse_args()
    texts = read_texts(args.eval_dir / "dev.jsonl")
    seconds, runs, total_s = profile(texts)
    chars = sum(map(len, texts))
    detectors_s = sum(seconds.values())
    print(f"{len(texts)} messages, {chars / 1e6 / total_s:.2f} MB/s, {total_s * 1000:.0f} ms total")
    print("\n| detector | runs | ms total | µs per run | share |\n|---|---|---|---|---|")
    rows = sorted(seconds.items(), key=lambda item: -item[1])
    rows.append(
        ("rest of the scanner (total minus the rows above)", max(0.0, total_s - detectors_s))
    )
    for detector_id, spent in rows:
        per_run = spent / runs[detector_id] * 1e6 if runs.get(detector_id) else 0.0
        print(
            f"| {detector_id} | {runs.get(detector_id, len(texts))} | {spent * 1000:.1f} "
            f"| {per_run:.1f} | {spent / total_s:.0%} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
