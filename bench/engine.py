"""Benchmark our engine against Presidio (pattern-only) and detect-secrets on the same messages.

    .venv/bin/python -m bench.engine [--eval-dir ../shared/eval] [--smoke]

Each engine runs in its own subprocess (so peak RSS is per engine), writes its predictions to
``var/bench/``, and ``score.py`` from the eval directory scores them all in one call. The
corpus is only read, never copied. Prints one markdown table.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EVAL_DIR = REPO_ROOT.parent / "shared" / "eval"
OUT_DIR = REPO_ROOT / "var" / "bench"
ENGINE_KEYS = ("ours", "presidio", "presidio_all", "detect_secrets")
SMOKE_MESSAGES = 100
# Speed is reported against both Presidio set-ups: asked only for our types, and as installed.
BASELINE_KEYS = ("presidio", "presidio_all")


def run_engine(key: str, gold: Path, limit: int | None) -> dict[str, Any]:
    """Run one engine in a subprocess and return its stats line (or an error entry)."""
    command = [sys.executable, "-m", "bench.worker", "--engine", key, "--gold", str(gold)]
    command += ["--out", str(OUT_DIR / f"{key}.jsonl")]
    if limit is not None:
        command += ["--limit", str(limit)]
    completed = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    last_line = completed.stdout.strip().splitlines()[-1:] or [""]
    try:
        stats: dict[str, Any] = json.loads(last_line[0])
    except json.JSONDecodeError:
        tail = completed.stderr.strip().splitlines()[-1:] or ["no output"]
        return {"key": key, "error": f"failed (exit {completed.returncode}): {tail[0]}"}
    return stats


def score(eval_dir: Path, gold: Path, keys: list[str]) -> dict[str, Any]:
    """Score every prediction file with the shared scorer and return its JSON report."""
    report = OUT_DIR / "scores.json"
    command = [sys.executable, str(eval_dir / "score.py"), "--gold", str(gold)]
    for key in keys:
        command += ["--pred", str(OUT_DIR / f"{key}.jsonl")]
    command += ["--json", str(report)]
    subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    scored: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    return scored


def markdown_table(stats: list[dict[str, Any]], scored: dict[str, Any]) -> str:
    """Render one row per engine: quality from the scorer, speed and memory from the worker."""
    results = {Path(result["pred"]).stem: result for result in scored["results"]}
    baselines = [
        results.get(key, {}).get("throughput", {}).get("mb_per_s") for key in BASELINE_KEYS
    ]
    header = (
        "| engine | pii F1 | secret F1 | injection F1 | PII8 span F1 | clean FPR "
        "| MB/s | p50 ms | p99 ms | peak RSS MB | speed vs Presidio (our types) "
        "| speed vs Presidio (all recognizers) |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|"
    )
    rows = [header]
    for entry in stats:
        if "error" in entry:
            rows.append(f"| {entry['key']} | {entry['error']} |" + " |" * 10)
            continue
        result = results[entry["key"]]
        categories, throughput = result["categories"], result["throughput"]
        cells = [
            entry["engine"],
            *(_covered(categories[name]) for name in ("pii", "secret", "injection")),
            _covered(result["entities"]["PII8"]),
            _number(result["clean"]["fpr"], 3),
            _number(throughput["mb_per_s"], 3),
            _number(throughput["p50_ms"], 3),
            _number(throughput["p99_ms"], 2),
            _number(entry["peak_rss_mb"], 0),
            *(_ratio(throughput["mb_per_s"], baseline) for baseline in baselines),
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _ratio(mb_per_s: float, baseline: float | None) -> str:
    return f"{_number(mb_per_s / baseline, 1)}x" if baseline else "n/a"


def _covered(metrics: dict[str, Any]) -> str:
    return _number(metrics["f1"], 3) if metrics["covered"] else "–"


def _number(value: float | None, digits: int) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return f"{value:.{digits}f}"


def main() -> int:
    """Run every engine on the same messages, score them, and print the comparison table."""
    parser = argparse.ArgumentParser(prog="python -m bench.engine")
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--smoke", action="store_true", help="~100 evenly spaced messages only")
    parser.add_argument("--engines", default=",".join(ENGINE_KEYS), help="comma-separated keys")
    args = parser.parse_args()
    gold = args.eval_dir / "dev.jsonl"
    if not gold.is_file():
        print(f"error: {gold} not found (pass --eval-dir)", file=sys.stderr)
        return 2
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    limit = SMOKE_MESSAGES if args.smoke else None
    stats = [run_engine(key, gold, limit) for key in args.engines.split(",") if key]
    scored_keys = [entry["key"] for entry in stats if "error" not in entry]
    scored = score(args.eval_dir, gold, scored_keys) if scored_keys else {"results": []}
    table = markdown_table(stats, scored)
    (OUT_DIR / "table.md").write_text(table + "\n", encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
