"""bench-web: the contacts list and its search, measured in the browser, on 100k contacts.

Seeds PostgreSQL (COPY, as bench-crm does), starts the API and the built web app, signs in
with Debian's chromium as a sales user and measures, inside the page: a full load of the
contacts list (navigation start to rows on screen), a search (keystroke to matching rows,
including the 200 ms typing pause) and the next page (click to new rows).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import sys
import time
import uuid
from pathlib import Path

from sqlalchemy.engine import make_url

from backend.app import migrations
from bench.crm import SEARCH_TERMS, SERVER_URL, _admin
from bench.crm_seed import PASSWORD, seed
from bench.server import running_api

ROOT = Path(__file__).resolve().parent.parent
FRONTEND = ROOT / "frontend"
LIMIT_MS = 1000


async def _measure(port: int, email: str, runs: int) -> dict[str, dict[str, int]]:
    node = shutil.which("node") or "node"
    environment = {
        **os.environ,
        "NOVA_BENCH_API_PORT": str(port),
        "NOVA_BENCH_EMAIL": email,
        "NOVA_BENCH_PASSWORD": PASSWORD,
        "NOVA_BENCH_RUNS": str(runs),
        "NOVA_BENCH_TERMS": ",".join(SEARCH_TERMS[:4]),
    }
    process = await asyncio.create_subprocess_exec(
        node, "e2e/bench.mjs", cwd=FRONTEND, env=environment, stdout=asyncio.subprocess.PIPE
    )
    stdout, _ = await asyncio.wait_for(process.communicate(), timeout=600)
    if process.returncode != 0:
        raise RuntimeError(f"the browser benchmark failed (exit {process.returncode})")
    result: dict[str, dict[str, int]] = json.loads(stdout.decode().strip().splitlines()[-1])
    return result


async def run(args: argparse.Namespace) -> tuple[dict[str, dict[str, int]], float]:
    name = f"nova_bench_web_{uuid.uuid4().hex[:8]}"
    await _admin(f'CREATE DATABASE "{name}"')
    dsn = make_url(SERVER_URL).set(database=name)
    database_url = dsn.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)
    try:
        await asyncio.to_thread(migrations.upgrade, database_url)
        started = time.perf_counter()
        seeded = await seed(
            dsn.render_as_string(hide_password=False),
            contacts=args.contacts,
            companies=max(10, args.contacts // 5),
            deals=max(10, args.contacts // 10),
            activities=0,
        )
        seed_seconds = time.perf_counter() - started
        async with running_api(database_url, NOVA_RUN_WORKERS="false") as port:
            return await _measure(port, seeded.sales_emails[0], args.runs), seed_seconds
    finally:
        await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--smoke", action="store_true", help="2k contacts, 2 runs")
    args = parser.parse_args()
    if args.smoke:
        args.contacts, args.runs = 2_000, 2
    if not (FRONTEND / ".next" / "BUILD_ID").exists():
        print("no web build: run ./task frontend-build first", file=sys.stderr)
        return 2
    results, seed_seconds = asyncio.run(run(args))
    print(f"bench-web: {args.contacts:,} contacts (seeded in {seed_seconds:.1f} s), chromium")
    print("| measure | runs | median | p95 | max |")
    print("|---|---|---|---|---|")
    for label, key in (
        ("contacts list, full page load", "list_page_load"),
        ("search, keystroke to rows", "search"),
        ("next page, click to rows", "next_page"),
    ):
        r = results[key]
        print(f"| {label} | {r['n']} | {r['median_ms']} ms | {r['p95_ms']} ms | {r['max_ms']} ms |")
    worst = max(r["p95_ms"] for r in results.values())
    print(f"p95 under {LIMIT_MS} ms: {'yes' if worst < LIMIT_MS else 'NO'}")
    return 0 if worst < LIMIT_MS or args.smoke else 1


if __name__ == "__main__":
    raise SystemExit(main())
