"""bench-bot: Teams activities POSTed to /api/messages on loopback with valid Bot Framework tokens.

The API (uvicorn, ``--processes`` worker processes, each with its in-process job workers), a
local Bot Framework cloud (OpenID + JWKS, Entra token endpoint, Bot Connector, in a process of
its own) and the load generator (this process) share the machine's cores, so the figures are a
floor.

1. Commands: an open loop at a fixed rate over 50 personal conversations; latency is measured
   from the *scheduled* send time to the reply's arrival at the fake connector.
2. Channel messages: an open loop at a fixed rate (one in ten carries a card number); every
   message must be scanned (one compliance_scan row each) with nothing lost.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from sqlalchemy import func, select

from backend.app.db import Database
from backend.app.models import Scan
from bench.loadgen import free_port, http_request, open_loop
from bench.server import cpu_seconds
from bot.tests.fakes import APP_ID, TENANT_ID, FakeCloud

FIXTURES = Path(__file__).resolve().parents[1] / "bot" / "tests" / "fixtures"
CONVERSATIONS = 50


class Stack:
    """The fake cloud and the API, each in its own process; tokens minted here."""

    def __init__(self, database_url: str, workers: int, processes: int, tmp: Path) -> None:
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        key_file = tmp / "key.pem"
        key_file.write_bytes(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
        self.cloud_port, self.port = free_port(), free_port()
        self.cloud = FakeCloud(key=key)
        self.cloud.server.server_close()
        self.cloud.base = f"http://127.0.0.1:{self.cloud_port}"
        self.fake = subprocess.Popen(
            [sys.executable, "-m", "bot.tests.fakes", str(key_file), str(self.cloud_port)]
        )
        env = {
            **os.environ,
            "NOVA_ENV": "development",
            "NOVA_DATABASE_URL": database_url,
            "NOVA_LOG_LEVEL": "WARNING",
            "NOVA_BOT_APP_ID": APP_ID,
            "NOVA_BOT_APP_PASSWORD": "bench-secret",
            "NOVA_BOT_OPENID_METADATA_URL": self.cloud.metadata_url,
            "NOVA_WORKER_CONCURRENCY": str(workers),
            "BENCH_FAKE_CLOUD": self.cloud.base,
        }
        self.api = subprocess.Popen(
            [sys.executable, "-m", "bench.bot_server", str(self.port), str(processes)], env=env
        )
        self.reader = Database(database_url)
        self.http = httpx.Client(base_url=self.cloud.base, timeout=30)

    def wait_ready(self) -> None:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{self.port}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise RuntimeError("the API did not become ready in time")

    def calls(self) -> list[dict[str, Any]]:
        return list(self.http.get("/_calls").json())

    def reset(self) -> None:
        self.http.get("/_reset")

    async def count_scans(self) -> int:
        """Scans stored so far, read through a connection of our own."""
        async with self.reader.session_scope() as session:
            return int(await session.scalar(select(func.count()).select_from(Scan)) or 0)

    def stop(self) -> None:
        for process in (self.api, self.fake):
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        self.http.close()


def _activity(cloud: FakeCloud, name: str, **changes: Any) -> dict[str, Any]:
    raw = (FIXTURES / f"{name}.json").read_text().replace("{{SERVICE_URL}}", cloud.service_url)
    activity: dict[str, Any] = json.loads(raw)
    activity.update(changes)
    return activity


def _post(activity: dict[str, Any], token: str) -> bytes:
    return http_request(
        "POST", "/api/messages", headers={"Authorization": f"Bearer {token}"}, body=activity
    )


async def send_at_rate(
    port: int, requests: list[bytes], rate: float
) -> tuple[list[float], dict[int, int]]:
    """Send at a fixed rate; returns each request's scheduled wall-clock time and the statuses."""
    result = await open_loop(
        port, "activities", requests.__getitem__, rate=rate, total=len(requests), connections=32
    )
    scheduled = [result.started_at + n / rate for n in range(len(requests))]
    return scheduled, result.statuses


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


async def commands(api: Stack, cloud: FakeCloud, rate: float, seconds: float) -> dict[str, Any]:
    token = cloud.token()
    total = int(rate * seconds)
    ids = [f"cmd-{n}-{uuid.uuid4().hex[:8]}" for n in range(total)]
    requests = []
    for n, activity_id in enumerate(ids):
        conversation = {
            "conversationType": "personal",
            "tenantId": TENANT_ID,
            "id": f"a:bench-{n % CONVERSATIONS}",
        }
        requests.append(
            _post(
                _activity(
                    cloud,
                    "personal_message",
                    id=activity_id,
                    text="help",
                    conversation=conversation,
                ),
                token,
            )
        )
    api.reset()
    cpu_before = cpu_seconds(api.api.pid)
    scheduled, statuses = await send_at_rate(api.port, requests, rate)
    deadline = time.monotonic() + 60
    calls = api.calls()
    while len(calls) < total and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
        calls = api.calls()
    arrivals = {c["path"].rsplit("/", 1)[-1]: c["at"] for c in calls if c["method"] == "POST"}
    latencies = [
        (arrivals[i] - s) * 1000 for i, s in zip(ids, scheduled, strict=True) if i in arrivals
    ]
    return {
        "name": f"commands ({CONVERSATIONS} conversations)",
        "rate": rate,
        "sent": total,
        "replied": len(latencies),
        "statuses": statuses,
        "api_cpu_ms_each": (cpu_seconds(api.api.pid) - cpu_before) * 1000 / total,
        "p50_ms": _pct(latencies, 0.5),
        "p99_ms": _pct(latencies, 0.99),
        "max_ms": max(latencies, default=float("nan")),
    }


async def channel(api: Stack, cloud: FakeCloud, rate: float, seconds: float) -> dict[str, Any]:
    token = cloud.token()
    total = int(rate * seconds)
    requests = []
    for n in range(total):
        text = (
            "Card 4111 1111 1111 1111 for the refund"
            if n % 10 == 0
            else f"Status update {n}: shipping on Monday"
        )
        sender = {
            "id": f"29:bench-{n % 20}",
            "name": f"Seller {n % 20}",
            "aadObjectId": f"aad-bench-{n % 20}",
        }
        requests.append(
            _post(
                _activity(
                    cloud,
                    "channel_message",
                    id=f"ch-{n}-{uuid.uuid4().hex[:6]}",
                    text=text,
                    **{"from": sender},
                ),
                token,
            )
        )
    before = await api.count_scans()
    cpu_before = cpu_seconds(api.api.pid)
    begun = time.monotonic()
    _scheduled, statuses = await send_at_rate(api.port, requests, rate)
    accepted = time.monotonic() - begun
    deadline = time.monotonic() + 300
    scanned = await api.count_scans() - before
    while scanned < total and time.monotonic() < deadline:
        await asyncio.sleep(0.25)
        scanned = await api.count_scans() - before
    elapsed = time.monotonic() - begun
    cpu_ms_each = (cpu_seconds(api.api.pid) - cpu_before) * 1000 / total
    return {
        "name": "channel messages (scanned)",
        "rate": rate,
        "sent": total,
        "statuses": statuses,
        "accepted_s": accepted,
        "scanned": scanned,
        "lost": total - scanned,
        "all_scanned_s": elapsed,
        "scan_rate": scanned / elapsed,
        "api_cpu_ms_each": cpu_ms_each,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--command-rate", type=float, default=100.0)
    parser.add_argument("--channel-rate", type=float, default=200.0)
    parser.add_argument("--database-url", help="default: a fresh SQLite file")
    parser.add_argument(
        "--workers", type=int, default=2, help="in-process job workers per API process"
    )
    parser.add_argument("--processes", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument(
        "--smoke", action="store_true", help="a short run that only proves it works"
    )
    args = parser.parse_args()
    if args.smoke:
        args.duration, args.command_rate, args.channel_rate = 1.0, 20.0, 20.0
    with tempfile.TemporaryDirectory() as tmp:
        database_url = args.database_url or f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        stack = Stack(database_url, args.workers, args.processes, Path(tmp))
        try:
            stack.wait_ready()
            results = asyncio.run(_run(stack, stack.cloud, args))
        finally:
            stack.stop()
    kind = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    print(
        f"bench-bot on {kind}, {args.duration:g} s per phase, {args.processes} API processes "
        f"with {args.workers} job workers each"
    )
    for result in results:
        print("  " + ", ".join(f"{k}={_fmt(v)}" for k, v in result.items()))
    failed = results[0]["replied"] < results[0]["sent"] or results[1]["lost"] > 0
    return 1 if failed else 0


def _fmt(value: Any) -> str:
    return f"{value:.1f}" if isinstance(value, float) else str(value)


async def _run(api: Stack, cloud: FakeCloud, args: argparse.Namespace) -> list[dict[str, Any]]:
    # Warm-up, not measured: first token, metadata, first scan (the engine compiles its
    # patterns), then a few seconds at the command rate so that every process has its
    # database and connector connections open, as a server that has been running would.
    await send_at_rate(
        api.port,
        [_post(_activity(cloud, "personal_message", id=f"w{n}"), cloud.token()) for n in range(5)],
        50,
    )
    await commands(api, cloud, args.command_rate, min(3.0, args.duration))
    try:
        return [
            await commands(api, cloud, args.command_rate, args.duration),
            await channel(api, cloud, args.channel_rate, args.duration),
        ]
    finally:
        await api.reader.dispose()


if __name__ == "__main__":
    raise SystemExit(main())
