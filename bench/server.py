"""Start the real API under uvicorn for a benchmark, and sign in to it."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

from bench.loadgen import free_port

ADMIN_EMAIL = "bench-admin@example.com"
ADMIN_PASSWORD = "bench-admin-password"


@asynccontextmanager
async def running_api(database_url: str, *, workers: int = 1, **env: str) -> AsyncIterator[int]:
    """Run uvicorn (``workers`` processes) on a free loopback port; yield the port."""
    port = free_port()
    environment = {
        **os.environ,
        "NOVA_ENV": "development",
        "NOVA_DATABASE_URL": database_url,
        "NOVA_BOOTSTRAP_ADMIN_EMAIL": ADMIN_EMAIL,
        "NOVA_BOOTSTRAP_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "NOVA_LOGIN_MAX_FAILURES_PER_CLIENT": "100000",
        **env,
    }
    command = [sys.executable, "-m", "uvicorn", "backend.app.main:app", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--no-access-log", "--workers", str(workers)]
    server = await asyncio.create_subprocess_exec(
        *command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        await _wait_ready(port)
        yield port
    finally:
        server.terminate()
        await asyncio.wait_for(server.wait(), timeout=30)


async def _wait_ready(port: int, deadline_seconds: float = 90) -> None:
    deadline = time.monotonic() + deadline_seconds
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
        while time.monotonic() < deadline:
            try:
                if (await http.get("/readyz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError("the API did not become ready in time")


async def admin_token(port: int) -> str:
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
        form = {"username": ADMIN_EMAIL, "password": ADMIN_PASSWORD}
        response = await http.post("/api/v1/auth/token", data=form)
        response.raise_for_status()
        return str(response.json()["access_token"])


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process and its children (the uvicorn workers)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    for each in (pid, *map(int, children)):
        fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / tick
    return total
