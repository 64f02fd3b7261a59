"""A small load generator for loopback benchmarks: raw keep-alive HTTP/1.1 over asyncio.

A full HTTP client costs more CPU per request than the server under test, so this speaks just
enough HTTP/1.1 (Content-Length bodies, keep-alive). Two modes:

- closed loop: N clients, each sends its next request when the previous answer arrives;
- open loop: requests are scheduled at a fixed rate, and latency is measured from the
  *scheduled* send time, so a slow server cannot hide its queueing (no coordinated omission).
"""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

RequestFactory = Callable[[int], bytes]


@dataclass
class Result:
    name: str
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    target_rate: float | None = None
    statuses: dict[int, int] = field(default_factory=dict)
    started_at: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.latencies_ms)

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http_request(
    method: str, path: str, *, headers: dict[str, str] | None = None, body: Any = None
) -> bytes:
    """Encode one HTTP/1.1 request (JSON body when given)."""
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
    payload = b""
    if body is not None:
        payload = json.dumps(body).encode()
        lines += ["Content-Type: application/json", f"Content-Length: {len(payload)}"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload


async def _exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> int:
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n"):
        if line[:15].lower() == b"content-length:":
            length = int(line[15:])
    await reader.readexactly(length)
    return status


def _record(result: Result, status: int, started: float, ok: tuple[int, ...]) -> None:
    result.latencies_ms.append((time.perf_counter() - started) * 1000)
    result.statuses[status] = result.statuses.get(status, 0) + 1
    result.errors += status not in ok


async def closed_loop(
    port: int,
    name: str,
    make: RequestFactory,
    *,
    clients: int,
    seconds: float,
    ok: tuple[int, ...] = (200,),
) -> Result:
    result = Result(name)
    stop_at = time.perf_counter() + seconds
    counter = 0

    async def client() -> None:
        nonlocal counter
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while time.perf_counter() < stop_at:
                counter += 1
                started = time.perf_counter()
                _record(result, await _exchange(reader, writer, make(counter)), started, ok)
        finally:
            writer.close()

    begun = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    result.seconds = time.perf_counter() - begun
    return result


class ConnectionPool:
    """Keep-alive connections to one port, reopened when the server has closed an idle one."""

    def __init__(self, port: int) -> None:
        self.port = port
        self._idle: asyncio.Queue[tuple[asyncio.StreamReader, asyncio.StreamWriter]]
        self._idle = asyncio.Queue()

    async def open(self, connections: int) -> None:
        for _ in range(connections):
            self._idle.put_nowait(await asyncio.open_connection("127.0.0.1", self.port))

    async def exchange(self, request: bytes) -> int:
        reader, writer = await self._idle.get()
        try:
            try:
                return await _exchange(reader, writer, request)
            except (asyncio.IncompleteReadError, ConnectionError) as exc:
                # A keep-alive connection the server closed while idle: send again on a fresh
                # one. Only safe when no answer had begun, which is the only case retried.
                if isinstance(exc, asyncio.IncompleteReadError) and exc.partial:
                    raise
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
                return await _exchange(reader, writer, request)
        finally:
            self._idle.put_nowait((reader, writer))

    def close(self) -> None:
        while not self._idle.empty():
            self._idle.get_nowait()[1].close()


async def open_loop(
    port: int,
    name: str,
    make: RequestFactory,
    *,
    rate: float,
    seconds: float | None = None,
    total: int | None = None,
    connections: int = 64,
    ok: tuple[int, ...] = (200,),
) -> Result:
    """Send ``rate`` requests per second (for ``seconds``, or ``total`` requests).

    Latency counts from each request's scheduled time; ``Result.started_at`` is the wall-clock
    time of the first one, so request n was due at ``started_at + n / rate``.
    """
    result = Result(name, target_rate=rate)
    pool = ConnectionPool(port)
    await pool.open(connections)
    count = total if total is not None else int(rate * (seconds or 0.0))
    begun = time.perf_counter()
    result.started_at = time.time()

    async def one(n: int) -> None:
        scheduled = begun + n / rate
        await asyncio.sleep(max(0.0, scheduled - time.perf_counter()))
        status = await pool.exchange(make(n))
        _record(result, status, scheduled, ok)

    try:
        await asyncio.gather(*(one(n) for n in range(count)))
    finally:
        pool.close()
    result.seconds = time.perf_counter() - begun
    return result


async def highest_sustained_rate(
    port: int,
    name: str,
    make: RequestFactory,
    *,
    start: float,
    p99_limit_ms: float,
    seconds: float,
    factor: float = 1.25,
    ceiling: float = 5000.0,
) -> tuple[float, list[Result]]:
    """Raise the open-loop rate until p99 exceeds the limit or errors appear."""
    rate, best, tried = start, 0.0, []
    while rate <= ceiling:
        result = await open_loop(port, name, make, rate=rate, seconds=seconds)
        tried.append(result)
        if result.errors or result.percentile(0.99) > p99_limit_ms:
            break
        best = rate
        rate = round(rate * factor)
    return best, tried


def table(results: list[Result], *, title: str) -> str:
    lines = [
        title,
        "",
        "| run | target/s | achieved/s | p50 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        target = f"{r.target_rate:,.0f}" if r.target_rate else "closed loop"
        lines.append(
            f"| {r.name} | {target} | {r.rate:,.0f} | {r.percentile(0.5):.1f} | "
            f"{r.percentile(0.99):.1f} | {r.errors} |"
        )
    return "\n".join(lines)
