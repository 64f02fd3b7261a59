"""End-to-end: the real API and the Microsoft 365 Agents Playground, driven by headless Chromium.

Needs Debian's chromium (/usr/bin/chromium) and `npm ci` in bot/e2e (`task e2e-setup` does
both); without them the test is skipped loudly, and fails in CI.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import update

from backend.app import migrations
from backend.app.config import REPO_ROOT
from backend.app.db import Database
from backend.app.models import User
from backend.app.permissions import Role
from backend.app.services import users as user_service
from backend.app.services.actors import SYSTEM
from bench.loadgen import free_port

E2E = REPO_ROOT / "bot" / "e2e"
PLAYGROUND = E2E / "node_modules" / ".bin" / "agentsplayground"
CHROMIUM = Path("/usr/bin/chromium")
# The Playground's default user, Alex Wilber (its built-in configuration).
PLAYGROUND_USER_AAD_ID = "00000000-0000-0000-0000-0000000000020"
SCREENSHOT = REPO_ROOT / "docs" / "images" / "teams-playground-alert.png"


def _require_tools() -> None:
    missing = [str(p) for p in (CHROMIUM, PLAYGROUND) if not p.exists()]
    if shutil.which("node") is None:
        missing.append("node")
    if missing:
        needs = ", ".join(missing)
        message = f"SKIPPED LOUDLY: Playground e2e needs {needs} (run `./task e2e-setup`)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


async def _seed_officer(url: str) -> None:
    database = Database(url)
    async with database.session_scope() as session:
        await user_service.create(
            session,
            actor=SYSTEM,
            email="alex.wilber@example.com",
            password="e2e-password-123",
            full_name="Alex Wilber",
            role=Role.COMPLIANCE_OFFICER,
            team=None,
        )
        await session.execute(
            update(User)
            .where(User.email == "alex.wilber@example.com")
            .values(entra_object_id=PLAYGROUND_USER_AAD_ID)
        )
    await database.dispose()


def _wait_http(url: str, deadline_seconds: float = 60) -> None:
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer in time")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[str]:
    """The API (anonymous bot mode, SQLite) and the Playground on free loopback ports."""
    _require_tools()
    url = f"sqlite+aiosqlite:///{tmp_path / 'e2e.db'}"
    migrations.upgrade(url)
    asyncio.run(_seed_officer(url))
    api_port, playground_port = free_port(), free_port()
    env = {
        **os.environ,
        "NOVA_ENV": "development",
        "NOVA_DATABASE_URL": url,
        "NOVA_AUTO_MIGRATE": "false",
        "NOVA_BOT_ALLOW_ANONYMOUS": "true",
        "NOVA_BOT_APP_ID": "",
        "NOVA_LOG_LEVEL": "WARNING",
        "NOVA_WORKER_POLL_INTERVAL_SECONDS": "0.1",
    }
    api = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "backend.app.main:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(api_port),
            "--no-access-log",
        ],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "api.log").open("wb"),
    )
    playground = subprocess.Popen(
        [
            str(PLAYGROUND),
            "-e",
            f"http://127.0.0.1:{api_port}/api/messages",
            "-c",
            "msteams",
            "-p",
            str(playground_port),
            "--disable-telemetry",
        ],
        cwd=tmp_path,  # the Playground writes devTools/ logs into its working directory
        env={**os.environ, "APPLICATION_INSIGHTS_NO_STATSBEAT": "true", "BROWSER": "none"},
        stdout=(tmp_path / "playground.log").open("wb"),
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_http(f"http://127.0.0.1:{api_port}/readyz")
        _wait_http(f"http://127.0.0.1:{playground_port}/")
        yield f"http://127.0.0.1:{playground_port}/"
    finally:
        _stop(playground)
        _stop(api)


@pytest.mark.slow
def test_playground_help_check_ask_alert_channel_and_acknowledge_when_chatting_in_chromium(
    stack: str, tmp_path: Path
) -> None:
    # The README's screenshot is refreshed on request only, so test runs leave the tree clean.
    screenshot = SCREENSHOT if os.environ.get("NOVA_UPDATE_SCREENSHOTS") else tmp_path / "e2e.png"
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        ["node", "playground.e2e.mjs"],
        cwd=E2E,
        env={**os.environ, "PLAYGROUND_URL": stack, "SCREENSHOT": str(screenshot)},
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "e2e: OK" in result.stdout
    assert screenshot.stat().st_size > 10_000
