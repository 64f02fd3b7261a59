"""The API for bench-bot, in its own process, with MSAL's token requests sent to the fake cloud.

Settings come from NOVA_* variables; BENCH_FAKE_CLOUD is the fake cloud's base URL.
"""

from __future__ import annotations

import os
import sys

import uvicorn

from backend.app.main import create_app
from bot.tests.fakes import FakeEntraHttpClient


def main() -> None:
    app = create_app()
    app.state.bot_host.use_msal_http_client(FakeEntraHttpClient(os.environ["BENCH_FAKE_CLOUD"]))
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
