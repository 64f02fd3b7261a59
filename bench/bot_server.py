"""The API for bench-bot, with MSAL's token requests sent to the fake cloud.

Settings come from NOVA_* variables; BENCH_FAKE_CLOUD is the fake cloud's base URL.
Usage: ``python -m bench.bot_server PORT [PROCESSES]``.
"""

from __future__ import annotations

import os
import sys

import uvicorn
from fastapi import FastAPI

from backend.app.main import create_app
from bot.tests.fakes import FakeEntraHttpClient


def build_app() -> FastAPI:
    """Called once in each uvicorn process."""
    app = create_app()
    app.state.bot_host.use_msal_http_client(FakeEntraHttpClient(os.environ["BENCH_FAKE_CLOUD"]))
    return app


def main() -> None:
    port, processes = int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1
    uvicorn.run(
        "bench.bot_server:build_app",
        factory=True,
        host="127.0.0.1",
        port=port,
        workers=processes,
        log_level="warning",
        access_log=False,
    )


if __name__ == "__main__":
    main()
