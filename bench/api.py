"""bench-api: load uvicorn on loopback and report requests/s and p50/p99 latency.

Closed loop: ``--concurrency`` clients each send their next request as soon as the previous
answer arrives, for ``--duration`` seconds per endpoint. The load generator shares the two
cores with the server, so the figures are a floor, not a ceiling.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path

from bench.loadgen import Result, closed_loop, http_request, table
from bench.server import admin_token, running_api


async def run(args: argparse.Namespace, database_url: str) -> list[Result]:
    async with running_api(database_url) as port:
        auth = {"Authorization": f"Bearer {await admin_token(port)}"}
        health = http_request("GET", "/healthz")
        me = http_request("GET", "/api/v1/users/me", headers=auth)
        load = {"clients": args.concurrency, "seconds": args.duration}
        load = {"clients": args.concurrency, "seconds": args.duration}
        return [
            await closed_loop(port, "GET /healthz", lambda _: health, **load),
            await closed_loop(port, "GET /api/v1/users/me", lambda _: me, **load),
        ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--database-url", help="default: a fresh SQLite file")
    parser.add_argument(
        "--smoke", action="store_true", help="a short run that only proves it works"
    )
    args = parser.parse_args()
    if args.smoke:
        args.duration, args.concurrency = 1.0, 4
    with tempfile.TemporaryDirectory() as tmp:
        database_url = args.database_url or f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        results = asyncio.run(run(args, database_url))
    kind = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    title = (
        f"bench-api: uvicorn (1 process) on {kind}, "
        f"{args.concurrency} clients, {args.duration:g} s each"
    )
    print(table(results, title=title))
    return 1 if any(r.errors or not r.requests for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
