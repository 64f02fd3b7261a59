"""Write the hand-made injection training examples (attacks and benign look-alikes).

Every sentence part below was written for this project; the script only combines
them with a fixed seed so the file is reproducible:

    .venv/bin/python scripts/generate_injection_examples.py

Output: compliance_engine/detectors/injection/training/handwritten.jsonl, one
``{"text", "label", "kind", "lang"}`` object per line (label 1 = injection).
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from injection_examples import (
    attacks,
    attacks_roles,
    benign,
    everyday,
    more_attacks,
    more_benign,
)

OUTPUT = (
    Path(__file__).resolve().parents[1]
    / "compliance_engine/detectors/injection/training/handwritten.jsonl"
)
SEED = 20261128
PER_KIND = 120


def main() -> None:
    """Generate the examples and write them, deduplicated, in a stable order."""
    rng = random.Random(SEED)  # noqa: S311 - reproducible sampling, not security
    rows: list[dict[str, object]] = []
    every_maker = (
        (1, attacks.MAKERS),
        (1, attacks_roles.MAKERS),
        (1, more_attacks.MAKERS),
        (0, benign.MAKERS),
        (0, more_benign.MAKERS),
        (0, everyday.MAKERS),
    )
    for label, makers in every_maker:
        for kind, make in makers.items():
            seen: set[str] = set()
            for _ in range(PER_KIND * 4):
                if len(seen) >= PER_KIND:
                    break
                text, lang = make(rng)
                if text in seen:
                    continue
                seen.add(text)
                rows.append({"text": text, "label": label, "kind": kind, "lang": lang})
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    with OUTPUT.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} examples to {OUTPUT}")


if __name__ == "__main__":
    main()
