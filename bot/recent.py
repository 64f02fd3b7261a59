"""Conversations whose stored reference is known to be current, so a message need not re-read it."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import time
from collections import OrderedDict

from backend.app.services.bot_conversations import ConversationIn


class RecentConversations:
    """A bounded, short-lived memory of the references this process has stored.

    Only a hint to skip a read: each process keeps its own, an entry is added after the commit
    that stored it, and it expires, so a reference changed elsewhere is refreshed within
    ``ttl_seconds`` by the next message.
    """

    def __init__(self, *, ttl_seconds: float = 300.0, capacity: int = 10_000) -> None:
        self.ttl_seconds = ttl_seconds
        self.capacity = capacity
        self._stored: OrderedDict[str, tuple[bytes, float]] = OrderedDict()

    @staticmethod
    def _fingerprint(conversation: ConversationIn) -> bytes:
        fields = json.dumps(dataclasses.asdict(conversation), sort_keys=True, default=str)
        return hashlib.blake2b(fields.encode(), digest_size=16).digest()

    def is_current(self, conversation: ConversationIn) -> bool:
        entry = self._stored.get(conversation.conversation_id)
        if entry is None:
            return False
        fingerprint, stored_at = entry
        if time.monotonic() - stored_at > self.ttl_seconds:
            del self._stored[conversation.conversation_id]
            return False
        return fingerprint == self._fingerprint(conversation)

    def mark(self, conversation: ConversationIn) -> None:
        key = conversation.conversation_id
        self._stored[key] = (self._fingerprint(conversation), time.monotonic())
        self._stored.move_to_end(key)
        while len(self._stored) > self.capacity:
            self._stored.popitem(last=False)
