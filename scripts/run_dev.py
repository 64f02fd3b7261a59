"""Run the whole product for development: the API (with the bot endpoint and the in-process
workers), the web app, and Celery workers when NOVA_QUEUE_BACKEND=celery.

Each process's output is prefixed with its name; Ctrl-C (or any process exiting) stops them all.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = ROOT / ".venv" / "bin"


def _commands() -> list[tuple[str, list[str], Path]]:
    api_port = os.environ.get("NOVA_API_PORT", "8000")
    commands = [
        (
            "api",
            [
                str(VENV_BIN / "python"),
                "-m",
                "uvicorn",
                "backend.app.main:app",
                "--host",
                "127.0.0.1",
                "--port",
                api_port,
                "--reload",
                "--reload-dir",
                "backend",
                "--reload-dir",
                "bot",
                "--reload-dir",
                "compliance_engine",
                "--no-access-log",
            ],
            ROOT,
        )
    ]
    if (ROOT / "frontend" / "package.json").exists():
        web_port = os.environ.get("NOVA_WEB_PORT", "3000")
        next_bin = str(ROOT / "frontend" / "node_modules" / "next" / "dist" / "bin" / "next")
        commands.append(("web", ["node", next_bin, "dev", "--port", web_port], ROOT / "frontend"))
    if os.environ.get("NOVA_QUEUE_BACKEND") == "celery":
        commands.append(
            (
                "worker",
                [
                    str(VENV_BIN / "celery"),
                    "-A",
                    "backend.app.workers.celery_app",
                    "worker",
                    "--loglevel",
                    "INFO",
                    "--concurrency",
                    "2",
                ],
                ROOT,
            )
        )
    return commands


def _pump(name: str, stream: object) -> None:
    for line in iter(stream.readline, ""):  # type: ignore[attr-defined]
        sys.stdout.write(f"{name:>6} | {line}")
        sys.stdout.flush()


def main() -> int:
    env = {**os.environ, "NOVA_API_URL": os.environ.get("NOVA_API_URL", "http://localhost:8000")}
    if not env.get("NOVA_BOT_APP_ID"):
        # Without an Azure bot registration, the bot endpoint still answers on this machine, for
        # the Agents Playground (`task playground`); the app refuses this mode in production.
        env.setdefault("NOVA_BOT_ALLOW_ANONYMOUS", "true")
    processes: list[tuple[str, subprocess.Popen[str]]] = []
    for name, command, cwd in _commands():
        process = subprocess.Popen(  # noqa: S603 - our own fixed commands
            command,
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        threading.Thread(target=_pump, args=(name, process.stdout), daemon=True).start()
        processes.append((name, process))

    stopping = threading.Event()

    def stop(*_: object) -> None:
        stopping.set()

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    exit_code = 0
    while not stopping.is_set():
        for name, process in processes:
            if process.poll() is not None:
                print(f"{name} exited with code {process.returncode}; stopping the others")
                exit_code = process.returncode or 1
                stopping.set()
        time.sleep(0.5)
    for _, process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + 15
    for _, process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
    return exit_code


if __name__ == "__main__":
    raise SystemExit(main())
