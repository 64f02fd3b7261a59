"""Run one engine over the corpus in its own process, so its peak memory is its own.

    python -m bench.worker --engine ours --gold DEV.jsonl --out PRED.jsonl [--limit N]

Writes the predictions, a ``.meta.json`` sidecar for the scorer, and prints one JSON line
with the load time, wall time and peak RSS (``ru_maxrss``) of this process.

Every engine first scans the whole corpus once, untimed, and is then timed on a second pass:
the figures are the steady state of a long-running scanner (caches, lazily compiled patterns
and RE2's automata built), the same for every engine.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

from bench.engines import LOADERS


def read_messages(gold: Path, limit: int | None) -> list[tuple[Any, str]]:
    """Read (id, text) pairs from the corpus; with ``limit``, about that many evenly spaced.

    The corpus is grouped by source, so an even stride gives a smoke run every category.
    """
    messages: list[tuple[Any, str]] = []
    with gold.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                record = json.loads(line)
                messages.append((record["id"], record["text"]))
    if limit is None or limit >= len(messages):
        return messages
    stride = len(messages) // limit
    return messages[::stride][:limit]


def run(engine_key: str, gold: Path, out: Path, limit: int | None) -> dict[str, Any]:
    """Load the engine, predict every message, write predictions and sidecar, return stats."""
    messages = read_messages(gold, limit)
    started = time.perf_counter()
    engine = LOADERS[engine_key]()
    load_s = time.perf_counter() - started
    # Warm-up outside the timing: lazily loaded tables must not land on the first messages.
    for message_id, text in messages:
        engine.predict(message_id, text)
    started = time.perf_counter()
    predictions = [engine.predict(message_id, text) for message_id, text in messages]
    wall_s = time.perf_counter() - started
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as sink:
        for prediction in predictions:
            sink.write(json.dumps(prediction) + "\n")
    meta: dict[str, Any] = {
        "engine": engine.name,
        "covers": {
            "categories": list(engine.categories),
            "entity_types": list(engine.entity_types),
        },
        "load_s": round(load_s, 3),
    }
    if limit is not None:
        meta["sample"] = len(messages)
    Path(f"{out}.meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "engine": engine.name,
        "key": engine_key,
        "messages": len(messages),
        "load_s": load_s,
        "wall_s": wall_s,
        "peak_rss_mb": peak_kib / 1024.0,
    }


def main() -> int:
    """Parse arguments, run one engine and print its stats as one JSON line."""
    parser = argparse.ArgumentParser(prog="python -m bench.worker")
    parser.add_argument("--engine", required=True, choices=sorted(LOADERS))
    parser.add_argument("--gold", required=True, type=Path)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    try:
        stats = run(args.engine, args.gold, args.out, args.limit)
    except ImportError as error:
        print(json.dumps({"key": args.engine, "error": f"not installed: {error.name}"}))
        return 3
    print(json.dumps(stats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
