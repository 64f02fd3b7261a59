"""The Celery entry point: `celery -A backend.app.workers.celery_worker worker` (`task worker`).

A module of its own because it reads the settings when imported; the app imports
`celery_app`, which does not.
"""

from __future__ import annotations

from backend.app.config import get_settings
from backend.app.workers.celery_app import make_celery

app = make_celery(get_settings())
