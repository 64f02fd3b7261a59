"""bench-crm: the CRM's list, search and detail endpoints on PostgreSQL, open loop.

Seeds 100k contacts, 20k companies, 50k deals and 500k activities (COPY), starts uvicorn on
loopback, signs in as a sales user (who sees their team's quarter of the data, as in real
use), then sends a mix of list, search, detail and timeline requests at a fixed 200 requests/s
(latency from the scheduled send time), and finally raises the rate to find the highest one
whose p99 stays within 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
import httpx
from sqlalchemy.engine import make_url

from backend.app import migrations
from bench.crm_seed import PASSWORD, Seeded, seed
from bench.loadgen import (
    RequestFactory,
    Result,
    free_port,
    highest_sustained_rate,
    http_request,
    open_loop,
    table,
)
from bench.server import _wait_ready, cpu_seconds, running_api

SERVER_URL = os.environ.get("NOVA_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
SEARCH_TERMS = ("dijkstra", "hopper", "lovelace", "grace", "noether", "keller", "tesla")
COMPANY_TERMS = ("atlas", "quantum", "harbor", "robotics", "summit", "falcon")


def request_mix(seeded: Seeded, token: str, team_id: uuid.UUID) -> RequestFactory:
    """A request factory: lists, searches, details and timelines the signed-in user may see."""
    rng = random.Random(7)
    auth = {"Authorization": f"Bearer {token}"}
    mine = {k for k, v in seeded.record_team.items() if v == team_id}
    contacts = [c for c in seeded.contact_ids if c in mine]
    companies = [c for c in seeded.company_ids if c in mine]
    deals = [d for d in seeded.deal_ids if d in mine] or seeded.deal_ids[:1]
    paths = (
        lambda: "/api/v1/contacts?limit=50",
        lambda: f"/api/v1/contacts?q={rng.choice(SEARCH_TERMS)}&limit=20",
        lambda: f"/api/v1/contacts/{rng.choice(contacts)}",
        lambda: f"/api/v1/deals?stage={rng.choice(seeded.stage_ids)}&limit=50",
        lambda: f"/api/v1/companies/{rng.choice(companies)}/timeline?limit=20",
        lambda: f"/api/v1/companies?q={rng.choice(COMPANY_TERMS)}&limit=20",
        lambda: f"/api/v1/deals/{rng.choice(deals)}",
        lambda: f"/api/v1/companies/{rng.choice(companies)}",
    )

    def make(n: int) -> bytes:
        return http_request("GET", paths[n % len(paths)](), headers=auth)

    return make


@asynccontextmanager
async def serving(database_url: str, workers: int) -> AsyncIterator[tuple[int, int]]:
    """uvicorn with N worker processes; a first single-process start runs the bootstrap once."""
    async with running_api(database_url, NOVA_RUN_WORKERS="false"):
        pass
    port = free_port()
    env = {
        **os.environ,
        "NOVA_ENV": "development",
        "NOVA_DATABASE_URL": database_url,
        "NOVA_RUN_WORKERS": "false",
        "NOVA_AUTO_MIGRATE": "false",
        "NOVA_LOGIN_MAX_FAILURES_PER_CLIENT": "100000",
    }
    command = [sys.executable, "-m", "uvicorn", "backend.app.main:app", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--workers", str(workers), "--no-access-log"]
    server = subprocess.Popen(  # noqa: ASYNC220 - started once, before the measurement
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        await _wait_ready(port)
        yield port, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


async def _admin(statement: str) -> None:
    connection = await asyncpg.connect(SERVER_URL)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


async def _token(port: int, email: str) -> str:
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
        response = await http.post(
            "/api/v1/auth/token", data={"username": email, "password": PASSWORD}
        )
        response.raise_for_status()
        return str(response.json()["access_token"])


async def run(args: argparse.Namespace) -> tuple[list[Result], float, float]:
    name = f"nova_bench_crm_{uuid.uuid4().hex[:8]}"
    await _admin(f'CREATE DATABASE "{name}"')
    dsn = make_url(SERVER_URL).set(database=name)
    database_url = dsn.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)
    try:
        await asyncio.to_thread(migrations.upgrade, database_url)
        started = time.perf_counter()
        seeded = await seed(
            dsn.render_as_string(hide_password=False),
            contacts=args.contacts,
            companies=args.companies,
            deals=args.deals,
            activities=args.activities,
        )
        seed_seconds = time.perf_counter() - started
        async with serving(database_url, args.workers) as (port, pid):
            token = await _token(port, seeded.sales_emails[0])
            make = request_mix(seeded, token, seeded.team_ids[0])
            await open_loop(port, "warm-up", make, rate=100, seconds=args.warmup)
            before = cpu_seconds(pid)
            fixed = await open_loop(
                port,
                "CRM mix",
                make,
                rate=args.rate,
                seconds=args.duration,
            )
            args.cpu_ms = (cpu_seconds(pid) - before) * 1000 / max(1, fixed.requests)
            results, best = [fixed], 0.0
            if not args.smoke:
                best, tried = await highest_sustained_rate(
                    port,
                    "CRM mix",
                    make,
                    start=args.start_rate,
                    p99_limit_ms=100,
                    seconds=args.step_seconds,
                )
                results += tried
        return results, best, seed_seconds
    finally:
        await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--companies", type=int, default=20_000)
    parser.add_argument("--deals", type=int, default=50_000)
    parser.add_argument("--activities", type=int, default=500_000)
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--step-seconds", type=float, default=10.0)
    parser.add_argument("--start-rate", type=float, default=50.0, help="first step of the ramp")
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--smoke", action="store_true", help="tiny seed, a few seconds")
    args = parser.parse_args()
    if args.smoke:
        args.contacts, args.companies, args.deals, args.activities = 2000, 400, 1000, 10_000
        args.rate, args.duration, args.warmup = 50.0, 2.0, 0.5
    results, best, seed_seconds = asyncio.run(run(args))
    fixed = results[0]
    print(
        table(
            results,
            title=(
                f"bench-crm: PostgreSQL seeded with {args.contacts:,} contacts, "
                f"{args.companies:,} companies, {args.deals:,} deals, {args.activities:,} "
                f"activities in {seed_seconds:.0f} s; uvicorn ({args.workers} processes), open loop"
            ),
        )
    )
    print()
    print(f"fixed {args.rate:g}/s: p99 {fixed.percentile(0.99):.1f} ms (target <= 50 ms)")
    print(f"server CPU per request: {args.cpu_ms:.2f} ms (all uvicorn processes)")
    if not args.smoke:
        print(f"highest rate with p99 <= 100 ms: {best:,.0f} requests/s")
    return 1 if fixed.errors or not fixed.requests else 0


if __name__ == "__main__":
    raise SystemExit(main())
