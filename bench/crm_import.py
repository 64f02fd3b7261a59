"""bench-crm-import: a 100k-row contacts CSV through POST /api/v1/contacts/import.

Starts uvicorn on loopback (SQLite by default, or --database-url), uploads the file as a
streamed text/csv body, once as a dry run and once for real, and reports the wall time of each
and the server's peak resident memory (VmHWM) against its resident memory before the upload.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx

from bench.loadgen import free_port
from bench.server import ADMIN_EMAIL, ADMIN_PASSWORD

FIRST = ("Ada", "Alan", "Grace", "Linus", "Marie", "Nikola", "Emmy", "Hedy", "Kurt", "Lise")
LAST = ("Lovelace", "Turing", "Hopper", "Torvalds", "Curie", "Tesla", "Noether", "Lamarr")


def write_csv(path: Path, rows: int) -> int:
    """A realistic contacts file; one row in 500 is invalid and one in 1000 a duplicate."""
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("first_name,last_name,email,phone,job_title,tags\n")
        for i in range(rows):
            first, last = FIRST[i % len(FIRST)], LAST[i % len(LAST)]
            n = i - 1 if i % 1000 == 999 else i
            email = "not-an-email" if i % 500 == 250 else f"{first}.{last}.{n}@example.com"
            out.write(f"{first},{last},{email},+1 212 {5_000_000 + n:07d},Buyer,import;q4\n")
    return path.stat().st_size


def _memory(pid: int) -> dict[str, int]:
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) // 1024
    return values


def _reset_peak(pid: int) -> None:
    """Reset the high-water mark, so the next peak is the upload's, not start-up's."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")


async def _chunks(path: Path) -> AsyncIterator[bytes]:
    with path.open("rb") as source:
        while chunk := source.read(65_536):
            yield chunk


async def _upload(http: httpx.AsyncClient, path: Path, token: str, dry_run: bool) -> tuple:
    started = time.perf_counter()
    response = await http.post(
        f"/api/v1/contacts/import?dry_run={str(dry_run).lower()}",
        content=_chunks(path),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "text/csv"},
        timeout=600,
    )
    response.raise_for_status()
    return time.perf_counter() - started, response.json()


async def _ready(http: httpx.AsyncClient) -> None:
    for _ in range(300):
        try:
            if (await http.get("/readyz")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.2)
    raise RuntimeError("the API did not become ready")


async def run(database_url: str, path: Path) -> list[str]:
    port = free_port()
    env = {
        **os.environ,
        "NOVA_ENV": "development",
        "NOVA_DATABASE_URL": database_url,
        "NOVA_BOOTSTRAP_ADMIN_EMAIL": ADMIN_EMAIL,
        "NOVA_BOOTSTRAP_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "NOVA_RUN_WORKERS": "false",
    }
    command = [sys.executable, "-m", "uvicorn", "backend.app.main:app", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--no-access-log"]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)  # noqa: ASYNC220
    lines = []
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            await _ready(http)
            form = {"username": ADMIN_EMAIL, "password": ADMIN_PASSWORD}
            token = (await http.post("/api/v1/auth/token", data=form)).json()["access_token"]
            for dry_run in (True, False):
                _reset_peak(server.pid)
                before = _memory(server.pid)["VmRSS"]
                seconds, report = await _upload(http, path, token, dry_run)
                peak = _memory(server.pid)["VmHWM"]
                label = "dry run" if dry_run else "commit"
                lines.append(
                    f"| {label} | {report['total']:,} | {report['valid']:,} | "
                    f"{report['invalid']:,} | {report['duplicates']:,} | {report['created']:,} | "
                    f"{seconds:.1f} | {before} | {peak} |"
                )
    finally:
        server.terminate()
        server.wait(timeout=30)
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url", help="default: a fresh SQLite file")
    parser.add_argument("--smoke", action="store_true", help="2,000 rows")
    args = parser.parse_args()
    rows = 2000 if args.smoke else args.rows
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "contacts.csv"
        size = write_csv(path, rows)
        database_url = args.database_url or f"sqlite+aiosqlite:///{Path(tmp) / 'import.db'}"
        lines = asyncio.run(run(database_url, path))
    kind = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    print(
        f"bench-crm-import: {rows:,}-row CSV ({size / 1e6:.1f} MB) on {kind}, uvicorn (1 process)"
    )
    print()
    columns = ("run", "rows", "valid", "invalid", "duplicates", "created", "seconds")
    print("| " + " | ".join((*columns, "RSS before MB", "peak RSS MB")) + " |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
