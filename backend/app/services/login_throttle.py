"""Failed sign-in throttling per account and per client address (sliding window, in memory).

Each app process keeps its own counters: with N processes an attacker gets at most N times
the budget, which still bounds guessing; the ADR on security records this trade-off.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from threading import Lock

from backend.app.errors import RateLimited


class LoginThrottle:
    def __init__(
        self,
        *,
        max_per_account: int,
        max_per_client: int,
        window_seconds: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_per_account = max_per_account
        self.max_per_client = max_per_client
        self.window = window_seconds
        self.clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = Lock()

    def check(self, account: str, client: str) -> None:
        """Raise RateLimited when either key has used its budget of failures."""
        with self._lock:
            now = self.clock()
            for key, limit in (
                (f"a:{account}", self.max_per_account),
                (f"c:{client}", self.max_per_client),
            ):
                failures = self._recent(key, now)
                if len(failures) >= limit:
                    retry_after = max(1, math.ceil(failures[0] + self.window - now))
                    raise RateLimited(
                        "too many failed sign-in attempts; try again later", retry_after=retry_after
                    )

    def record_failure(self, account: str, client: str) -> None:
        with self._lock:
            now = self.clock()
            for key in (f"a:{account}", f"c:{client}"):
                self._recent(key, now).append(now)

    def reset_account(self, account: str) -> None:
        with self._lock:
            self._failures.pop(f"a:{account}", None)

    def _recent(self, key: str, now: float) -> deque[float]:
        failures = self._failures.setdefault(key, deque())
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        if not failures and len(self._failures) > 100_000:
            self._failures.pop(key)  # keep memory bounded under a spray of distinct keys
            failures = self._failures.setdefault(key, deque())
        return failures
