"""bench-ingest: Graph notifications posted to the webhook on loopback, then drained.

For each back end (in-process workers on SQLite; Celery with 1 and 2 worker processes on
PostgreSQL and Redis) it starts the real API under uvicorn, posts ``--count`` rich (encrypted,
token-checked) notifications, one per request, open loop at ``--rate`` per second, and
reports the webhook latency, that nothing was lost (one scan per message, every job done),
the drain rate, and the peak memory of every process.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from backend.app.db import Database
from backend.app.models import Job, Scan
from backend.tests.graph_fakes import (
    CLIENT_ID,
    CLIENT_STATE,
    TENANT_ID,
    FakeGraph,
    GraphCert,
    TokenIssuer,
    chat_message,
    make_certificate,
    rich_item,
)
from bench.loadgen import Result, free_port, http_request, open_loop
from bench.server import _wait_ready

ROOT = Path(__file__).resolve().parents[1]
POSTGRES = os.environ.get(
    "NOVA_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
IBAN = "the client's IBAN is DE89 3704 0044 0532 0130 00"


@dataclass
class Run:
    name: str
    posted: Result
    backlog: int  # notifications not yet scanned when the last POST was answered
    drain_seconds: float  # from the last POST to the last scan
    scans: int
    jobs_done: int
    peak_rss_mb: dict[str, float]

    @property
    def drain_rate(self) -> float:
        """Scans per second while the workers worked through the backlog."""
        return self.backlog / self.drain_seconds if self.drain_seconds > 0 else float("nan")


def peak_rss_mb(pid: int) -> float:
    """VmHWM: the most resident memory the process ever had."""
    with suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def build_requests(count: int, batch: int, cert: Any, token: str) -> list[bytes]:
    """``count`` notifications in POSTs of ``batch`` (Graph batches them); 1 in 10 has an IBAN."""
    requests = []
    for start in range(0, count, batch):
        items = []
        for n in range(start, min(count, start + batch)):
            body = IBAN if n % 10 == 0 else f"status update {n}: the deployment went fine"
            author = f"00000000-0000-0000-0000-{n % 500:012d}"
            items.append(
                rich_item(chat_message(message_id=f"b{n}", text=body, author_id=author), cert)
            )
        document = {"value": items, "validationTokens": [token]}
        requests.append(http_request("POST", "/api/v1/graph/notifications", body=document))
    return requests


def api_env(database_url: str, cert: GraphCert, jwks_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NOVA_")}
    env.update(
        NOVA_ENV="development",
        NOVA_DATABASE_URL=database_url,
        NOVA_LOG_LEVEL="WARNING",
        NOVA_GRAPH_TENANT_ID=TENANT_ID,
        NOVA_GRAPH_CLIENT_ID=CLIENT_ID,
        NOVA_GRAPH_CLIENT_SECRET="bench",
        NOVA_GRAPH_CLIENT_STATE=CLIENT_STATE,
        NOVA_GRAPH_SUBSCRIPTION_RESOURCES="",
        NOVA_GRAPH_VALIDATION_JWKS_URL=jwks_url,
        NOVA_GRAPH_ENCRYPTION_CERT_ID=cert.cert_id,
        NOVA_GRAPH_ENCRYPTION_KEY_PATH=str(cert.key_path),
        NOVA_GRAPH_ENCRYPTION_CERT_PATH=str(cert.cert_path),
        **extra,
    )
    return env


@asynccontextmanager
async def processes(env: dict[str, str], workers: int) -> AsyncIterator[tuple[int, list[Any]]]:
    """uvicorn (one process) and ``workers`` Celery worker processes; yield the port and all."""
    port = free_port()
    api = [sys.executable, "-m", "uvicorn", "backend.app.main:app", "--host", "127.0.0.1"]
    api += ["--port", str(port), "--no-access-log"]
    quiet = subprocess.DEVNULL
    started = [
        await asyncio.create_subprocess_exec(*api, env=env, cwd=ROOT, stdout=quiet, stderr=quiet)
    ]
    try:
        await _wait_ready(port)
        for n in range(workers):
            command = [sys.executable, "-m", "celery", "-A", "backend.app.workers.celery_worker"]
            command += ["worker", "--pool=solo", "-n", f"bench{n}@%h", "--loglevel=WARNING"]
            command += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
            worker = await asyncio.create_subprocess_exec(
                *command, env=env, cwd=ROOT, stdout=quiet, stderr=quiet
            )
            started.append(worker)
        yield port, started
    finally:
        for process in started:
            with suppress(ProcessLookupError):
                process.terminate()
        for process in started:
            await asyncio.wait_for(process.wait(), timeout=30)


async def wait_drained(database: Database, count: int, budget: float) -> tuple[int, int]:
    deadline = time.monotonic() + budget
    done = scans = 0
    while True:
        async with database.session_scope() as session:
            done = int(
                await session.scalar(
                    select(func.count())
                    .select_from(Job)
                    .where(Job.kind == "graph.notification", Job.status == "succeeded")
                )
                or 0
            )
            scans = int(await session.scalar(select(func.count()).select_from(Scan)) or 0)
        if done >= count or time.monotonic() >= deadline:
            break
        await asyncio.sleep(0.25)
    return done, scans


async def one_run(
    name: str, args: argparse.Namespace, database_url: str, env: dict[str, str], workers: int
) -> Run:
    requests = build_requests(args.count, args.batch, args.cert, args.issuer.token())
    async with processes(env, workers) as (port, started):
        posted = await open_loop(
            port,
            name,
            lambda n: requests[n % len(requests)],
            rate=args.rate / args.batch,
            seconds=args.count / args.rate,
            ok=(202,),
        )
        database = Database(database_url)
        try:
            at_post_end, _ = await wait_drained(database, args.count, budget=0)
            post_end = time.perf_counter()
            done, scans = await wait_drained(database, args.count, budget=args.drain_budget)
            drain = time.perf_counter() - post_end
        finally:
            await database.dispose()
        names = ["api"] + [f"worker{n}" for n in range(workers)]
        memory = {n: peak_rss_mb(p.pid) for n, p in zip(names, started, strict=True)}
    return Run(name, posted, args.count - at_post_end, drain, scans, done, memory)


async def postgres_database() -> tuple[str, Any]:
    import asyncpg

    server = make_url(POSTGRES)
    name = f"nova_bench_ingest_{uuid.uuid4().hex[:8]}"
    connect = {"host": server.host, "port": server.port or 5432, "user": server.username}
    connection = await asyncpg.connect(
        database=server.database, password=server.password, **connect
    )
    await connection.execute(f'CREATE DATABASE "{name}"')
    await connection.close()

    async def drop() -> None:
        admin = await asyncpg.connect(database=server.database, password=server.password, **connect)
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()

    return server.set(database=name).render_as_string(hide_password=False), drop


async def run_all(args: argparse.Namespace, workdir: Path) -> list[Run]:
    graph = FakeGraph().start()  # serves the JWKS the validation tokens are checked against
    graph.jwks = args.issuer.jwks()
    jwks = f"{graph.url}/keys"
    runs = []
    cert = args.cert = make_certificate(workdir, "bench-cert")
    try:
        if not args.no_local:
            sqlite_url = f"sqlite+aiosqlite:///{workdir / 'ingest.db'}"
            env = api_env(sqlite_url, cert, jwks, NOVA_QUEUE_BACKEND="local")
            runs.append(await one_run("in-process workers, SQLite", args, sqlite_url, env, 0))
            print(report(runs[-1:], args), file=sys.stderr, flush=True)
        for workers in args.celery_workers:
            url, drop = await postgres_database()
            try:
                env = api_env(
                    url,
                    cert,
                    jwks,
                    NOVA_QUEUE_BACKEND="celery",
                    NOVA_REDIS_URL=args.redis_url,
                    NOVA_CELERY_QUEUE=f"nova-bench-{uuid.uuid4().hex[:6]}",
                )
                name = f"Celery, {workers} worker{'s' if workers > 1 else ''}, PostgreSQL"
                runs.append(await one_run(name, args, url, env, workers))
                print(report(runs[-1:], args), file=sys.stderr, flush=True)
            finally:
                await drop()
    finally:
        graph.stop()
    return runs


def report(runs: list[Run], args: argparse.Namespace) -> str:
    lines = [
        f"bench-ingest: {args.count:,} rich notifications in POSTs of {args.batch}, open loop "
        f"at {args.rate:g} notifications/s on loopback (uvicorn, 1 process)",
        "",
        "| back end | webhook p50 / p99 ms | POSTs → 202 | lost | backlog at end of posting "
        "| drain msgs/s | peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for run in runs:
        lost = args.count - run.scans
        memory = ", ".join(f"{k} {v:.0f}" for k, v in run.peak_rss_mb.items())
        lines.append(
            f"| {run.name} | {run.posted.percentile(0.5):.0f} / {run.posted.percentile(0.99):.0f} "
            f"| {run.posted.statuses.get(202, 0):,} | {lost} | {run.backlog:,} | "
            f"{run.drain_rate:,.0f} | {memory} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=250.0, help="notifications per second")
    parser.add_argument("--batch", type=int, default=10, help="notifications per POST")
    parser.add_argument("--celery-workers", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/11")
    parser.add_argument("--drain-budget", type=float, default=600.0)
    parser.add_argument("--no-local", action="store_true", help="only the Celery back ends")
    parser.add_argument("--smoke", action="store_true", help="200 notifications, in-process only")
    args = parser.parse_args()
    if args.smoke:
        args.count, args.rate, args.celery_workers, args.drain_budget = 200, 50.0, [], 120.0
    args.issuer = TokenIssuer()
    with tempfile.TemporaryDirectory() as tmp:
        runs = asyncio.run(run_all(args, Path(tmp)))
    print(report(runs, args))
    failed = [r for r in runs if r.scans != args.count or r.posted.errors]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
