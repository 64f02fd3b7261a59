"""Outbound manners: pace per conversation within Teams' limits and parse Retry-After."""

from __future__ import annotations

import asyncio
import random
import time
from collections import OrderedDict, deque


class OutboundFailed(Exception):
    """A Bot Connector call failed for good (never retried on 5xx: it may have been delivered)."""

    def __init__(self, status: int, conversation_id: str) -> None:
        super().__init__(f"connector answered {status} for conversation {conversation_id}")
        self.status = status
        self.conversation_id = conversation_id


def retry_after_seconds(header: str | None, attempt: int) -> float:
    """Seconds to wait before retrying a 429: the header when present, else backoff + jitter."""
    if header:
        try:
            return max(0.0, float(header))
        except ValueError:
            pass
    return float(min(2**attempt, 16)) * (0.5 + random.random() / 2)  # noqa: S311 - jitter


class ConversationPacer:
    """Sliding windows per conversation: Teams allows 7 sends/1 s and 60/30 s per thread."""

    WINDOWS = ((1.0, 7), (2.0, 8), (30.0, 60))

    def __init__(self, max_conversations: int = 10_000) -> None:
        self._sent: OrderedDict[str, deque[float]] = OrderedDict()
        self._locks: dict[str, asyncio.Lock] = {}
        self._max = max_conversations

    async def acquire(self, conversation_id: str) -> None:
        """Wait until one more send to this conversation stays within every window."""
        lock = self._locks.setdefault(conversation_id, asyncio.Lock())
        async with lock:
            while True:
                now = time.monotonic()
                history = self._history(conversation_id)
                wait = self._wait(history, now)
                if wait <= 0:
                    history.append(now)
                    return
                await asyncio.sleep(wait)

    def _history(self, conversation_id: str) -> deque[float]:
        history = self._sent.get(conversation_id)
        if history is None:
            history = deque(maxlen=max(n for _, n in self.WINDOWS))
            self._sent[conversation_id] = history
            if len(self._sent) > self._max:
                old, _ = self._sent.popitem(last=False)
                self._locks.pop(old, None)
        else:
            self._sent.move_to_end(conversation_id)
        return history

    def _wait(self, history: deque[float], now: float) -> float:
        wait = 0.0
        for span, limit in self.WINDOWS:
            recent = [t for t in history if now - t < span]
            if len(recent) >= limit:
                wait = max(wait, recent[-limit] + span - now)
        return wait
