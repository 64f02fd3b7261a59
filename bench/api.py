"""bench-api: load uvicorn on loopback and report requests/s and p50/p99 latency.

Closed loop: ``--concurrency`` clients each send their next request as soon as the previous
answer arrives, for ``--duration`` seconds per endpoint. The load generator shares the
machine with the server, so the figures are a floor, not a ceiling.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

ADMIN_EMAIL = "bench-admin@example.com"
ADMIN_PASSWORD = "bench-admin-password"


@dataclass
class Result:
    name: str
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(port: int, database_url: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "NOVA_ENV": "development",
        "NOVA_DATABASE_URL": database_url,
        "NOVA_BOOTSTRAP_ADMIN_EMAIL": ADMIN_EMAIL,
        "NOVA_BOOTSTRAP_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "NOVA_LOG_LEVEL": "INFO",
    }
    command = [sys.executable, "-m", "uvicorn", "backend.app.main:app", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--no-access-log"]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


async def wait_ready(base: str, deadline_seconds: float = 60) -> None:
    deadline = time.monotonic() + deadline_seconds
    async with httpx.AsyncClient(base_url=base) as http:
        while time.monotonic() < deadline:
            try:
                if (await http.get("/readyz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError("the API did not become ready in time")


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> int:
    """Send one keep-alive GET and read the whole answer; return its status."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n"):
        if line[:15].lower() == b"content-length:":
            length = int(line[15:])
    await reader.readexactly(length)
    return status


async def load(
    port: int, name: str, path: str, headers: dict[str, str], seconds: float, clients: int
) -> Result:
    """Closed-loop load over raw keep-alive connections (an HTTP client would be the bottleneck)."""
    extra = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{extra}\r\n".encode()
    latencies: list[float] = []
    errors = 0
    stop_at = time.perf_counter() + seconds

    async def client() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while time.perf_counter() < stop_at:
                started = time.perf_counter()
                status = await _get(reader, writer, request)
                latencies.append((time.perf_counter() - started) * 1000)
                errors += status != 200
        finally:
            writer.close()

    begun = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return Result(name, len(latencies), errors, time.perf_counter() - begun, latencies)


async def run(args: argparse.Namespace, database_url: str) -> list[Result]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(port, database_url)
    try:
        await wait_ready(base)
        async with httpx.AsyncClient(base_url=base) as http:
            form = {"username": ADMIN_EMAIL, "password": ADMIN_PASSWORD}
            token = (await http.post("/api/v1/auth/token", data=form)).json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        return [
            await load(port, "GET /healthz", "/healthz", {}, args.duration, args.concurrency),
            await load(
                port,
                "GET /api/v1/users/me",
                "/api/v1/users/me",
                auth,
                args.duration,
                args.concurrency,
            ),
        ]
    finally:
        server.terminate()
        server.wait(timeout=30)


def report(results: list[Result], database: str, args: argparse.Namespace) -> str:
    lines = [
        f"bench-api: uvicorn (1 process) on {database}, "
        f"{args.concurrency} clients, {args.duration:g} s each",
        "",
        "| endpoint | requests/s | p50 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in results:
        p50, p99 = r.percentile(0.50), r.percentile(0.99)
        lines.append(f"| {r.name} | {r.rate:,.0f} | {p50:.1f} | {p99:.1f} | {r.errors} |")
    return "\n".join(lines)


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
    print(report(results, kind, args))
    failed = any(r.errors or not r.requests for r in results)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
