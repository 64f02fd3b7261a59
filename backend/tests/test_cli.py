from __future__ import annotations

import asyncio
import os
import subprocess
import sys

from sqlalchemy import text

from backend.app import migrations
from backend.app.db import create_engine


def _nova(
    database_url: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "NOVA_DATABASE_URL": database_url, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "backend.app.cli", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


def test_cli_creates_admin_and_verifies_audit_then_detects_tampering(
    empty_database_url: str,
) -> None:
    migrations.upgrade(empty_database_url)
    created = _nova(
        empty_database_url,
        "create-admin",
        "--email",
        "root@example.com",
        "--password-env",
        "ADMIN_PW",
        env={"ADMIN_PW": "a-strong-admin-password"},
    )
    assert created.returncode == 0, created.stderr
    assert "root@example.com" in created.stdout
    verified = _nova(empty_database_url, "verify-audit")
    assert verified.returncode == 0
    assert '"ok": true' in verified.stdout
    duplicate = _nova(
        empty_database_url,
        "create-admin",
        "--email",
        "root@example.com",
        "--password-env",
        "ADMIN_PW",
        env={"ADMIN_PW": "a-strong-admin-password"},
    )
    assert duplicate.returncode == 1
    assert "already exists" in duplicate.stderr
    assert "Traceback" not in duplicate.stderr
    asyncio.run(_tamper(empty_database_url))
    broken = _nova(empty_database_url, "verify-audit")
    assert broken.returncode == 1
    assert '"first_broken_id": 1' in broken.stdout


async def _tamper(url: str) -> None:
    engine = create_engine(url)
    async with engine.begin() as connection:
        await connection.execute(
            text("UPDATE audit_log SET actor_label = 'someone-else' WHERE id = 1")
        )
    await engine.dispose()
