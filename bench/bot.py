"""bench-bot: Teams activities POSTed to /api/messages on loopback with valid Bot Framework tokens.

The API (uvicorn, one event loop in a thread of this process), a local Bot Framework cloud
(OpenID + JWKS, Entra token endpoint, Bot Connector) and the load generator share the two
cores, so the figures are a floor.

1. Commands: an open loop at a fixed rate over 50 personal conversations; latency is measured
   from the *scheduled* send time to the reply's arrival at the fake connector.
2. Channel messages: an open loop at a fixed rate (one in ten carries a card number); every
   message must be scanned (one compliance_scan row each) with nothing lost.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import uvicorn
from sqlalchemy import func, select

from backend.app.config import Environment, Settings
from backend.app.db import Database
from backend.app.main import create_app
from backend.app.models import Scan
from bench.loadgen import _exchange, free_port, http_request
from bot.tests.fakes import APP_ID, TENANT_ID, FakeCloud, FakeEntraHttpClient

FIXTURES = Path(__file__).resolve().parents[1] / "bot" / "tests" / "fixtures"
CONVERSATIONS = 50


class ApiThread:
    """uvicorn serving the app on its own event loop, in a thread."""

    def __init__(self, settings: Settings, cloud: FakeCloud) -> None:
        self.app = create_app(settings)
        self.port = free_port()
        config = uvicorn.Config(
            self.app,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            access_log=False,
            lifespan="on",
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.cloud = cloud
        self.reader = Database(settings.database_url)

    def __enter__(self) -> ApiThread:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the API did not start")
            time.sleep(0.05)
        self.app.state.bot_host.use_msal_http_client(FakeEntraHttpClient(self.cloud))
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)

    async def count_scans(self) -> int:
        """Scans stored so far, read through a connection of our own."""
        async with self.reader.session_scope() as session:
            return int(await session.scalar(select(func.count()).select_from(Scan)) or 0)


def _activity(cloud: FakeCloud, name: str, **changes: Any) -> dict[str, Any]:
    raw = (FIXTURES / f"{name}.json").read_text().replace("{{SERVICE_URL}}", cloud.service_url)
    activity: dict[str, Any] = json.loads(raw)
    activity.update(changes)
    return activity


def _post(activity: dict[str, Any], token: str) -> bytes:
    return http_request(
        "POST", "/api/messages", headers={"Authorization": f"Bearer {token}"}, body=activity
    )


async def open_loop(
    port: int, requests: list[bytes], rate: float, connections: int = 32
) -> tuple[list[float], dict[int, int]]:
    """Send at a fixed rate; returns the scheduled send times and the status counts."""
    pool: asyncio.Queue[Any] = asyncio.Queue()
    for _ in range(connections):
        pool.put_nowait(await asyncio.open_connection("127.0.0.1", port))
    begun = time.monotonic()
    scheduled = [begun + n / rate for n in range(len(requests))]
    statuses: dict[int, int] = {}

    async def one(n: int) -> None:
        await asyncio.sleep(max(0.0, scheduled[n] - time.monotonic()))
        connection = await pool.get()
        try:
            status = await _exchange(*connection, requests[n])
        finally:
            pool.put_nowait(connection)
        statuses[status] = statuses.get(status, 0) + 1

    await asyncio.gather(*(one(n) for n in range(len(requests))))
    while not pool.empty():
        pool.get_nowait()[1].close()
    return scheduled, statuses


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


async def commands(api: ApiThread, cloud: FakeCloud, rate: float, seconds: float) -> dict[str, Any]:
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
    cloud.reset()
    scheduled, statuses = await open_loop(api.port, requests, rate)
    arrivals = {c.path.rsplit("/", 1)[-1]: c.at for c in cloud.wait_for(total, "POST", timeout=60)}
    latencies = [
        (arrivals[i] - s) * 1000 for i, s in zip(ids, scheduled, strict=True) if i in arrivals
    ]
    return {
        "name": f"commands ({CONVERSATIONS} conversations)",
        "rate": rate,
        "sent": total,
        "replied": len(latencies),
        "statuses": statuses,
        "p50_ms": _pct(latencies, 0.5),
        "p99_ms": _pct(latencies, 0.99),
        "max_ms": max(latencies, default=float("nan")),
    }


async def channel(api: ApiThread, cloud: FakeCloud, rate: float, seconds: float) -> dict[str, Any]:
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
    begun = time.monotonic()
    _scheduled, statuses = await open_loop(api.port, requests, rate)
    accepted = time.monotonic() - begun
    deadline = time.monotonic() + 300
    scanned = await api.count_scans() - before
    while scanned < total and time.monotonic() < deadline:
        await asyncio.sleep(0.25)
        scanned = await api.count_scans() - before
    elapsed = time.monotonic() - begun
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
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--command-rate", type=float, default=100.0)
    parser.add_argument("--channel-rate", type=float, default=200.0)
    parser.add_argument("--database-url", help="default: a fresh SQLite file")
    parser.add_argument(
        "--smoke", action="store_true", help="a short run that only proves it works"
    )
    args = parser.parse_args()
    if args.smoke:
        args.duration, args.command_rate, args.channel_rate = 1.0, 20.0, 20.0
    cloud = FakeCloud().start()
    with tempfile.TemporaryDirectory() as tmp:
        database_url = args.database_url or f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        settings = Settings(
            _env_file=None,
            env=Environment.DEVELOPMENT,
            database_url=database_url,
            auto_migrate=True,
            log_level="WARNING",
            bot_app_id=APP_ID,
            bot_app_password="bench-secret",
            bot_openid_metadata_url=cloud.metadata_url,
            worker_concurrency=4,
            worker_poll_interval_seconds=0.05,
        )
        try:
            with ApiThread(settings, cloud) as api:
                results = asyncio.run(_run(api, cloud, args))
        finally:
            cloud.stop()
    kind = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    print(f"bench-bot on {kind}, {args.duration:g} s per phase")
    for result in results:
        print("  " + ", ".join(f"{k}={_fmt(v)}" for k, v in result.items()))
    failed = results[0]["replied"] < results[0]["sent"] or results[1]["lost"] > 0
    return 1 if failed else 0


def _fmt(value: Any) -> str:
    return f"{value:.1f}" if isinstance(value, float) else str(value)


async def _run(api: ApiThread, cloud: FakeCloud, args: argparse.Namespace) -> list[dict[str, Any]]:
    # Warm-up: first token, metadata, first scan (the engine compiles its patterns).
    await open_loop(
        api.port,
        [_post(_activity(cloud, "personal_message", id=f"w{n}"), cloud.token()) for n in range(5)],
        50,
    )
    try:
        return [
            await commands(api, cloud, args.command_rate, args.duration),
            await channel(api, cloud, args.channel_rate, args.duration),
        ]
    finally:
        await api.reader.dispose()


if __name__ == "__main__":
    raise SystemExit(main())
