"""Print the API's OpenAPI document without starting a server or touching a database."""

from __future__ import annotations

import json
import sys

from backend.app.config import Settings
from backend.app.main import create_app

app = create_app(Settings(database_url="sqlite+aiosqlite:///:memory:", run_workers=False))
json.dump(app.openapi(), sys.stdout, indent=2, sort_keys=True, ensure_ascii=False)
sys.stdout.write("\n")
