"""RecentConversations: when a stored conversation reference may be trusted without a read."""

from __future__ import annotations

import dataclasses

import pytest

from backend.app.services.bot_conversations import ConversationIn
from bot.recent import RecentConversations

CHANNEL = ConversationIn(
    conversation_id="19:general@thread.tacv2",
    kind="channel",
    service_url="https://smba.example/emea/",
    reference={"conversation": {"id": "19:general@thread.tacv2"}, "user": None},
    tenant_id="t1",
    channel_id="19:general@thread.tacv2",
)


@pytest.mark.parametrize(
    ("later", "current"),
    [
        (CHANNEL, True),
        (dataclasses.replace(CHANNEL, service_url="https://smba.example/amer/"), False),
        (dataclasses.replace(CHANNEL, locale="fr-FR"), False),
        (dataclasses.replace(CHANNEL, reference={"conversation": {"id": "other"}}), False),
        (dataclasses.replace(CHANNEL, conversation_id="19:other@thread.tacv2"), False),
    ],
)
def test_only_the_same_reference_is_current(later: ConversationIn, current: bool) -> None:
    recent = RecentConversations()
    recent.mark(CHANNEL)
    assert recent.is_current(later) is current


def test_nothing_is_current_before_it_was_stored() -> None:
    assert not RecentConversations().is_current(CHANNEL)


def test_entries_expire(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1000.0]
    monkeypatch.setattr("bot.recent.time.monotonic", lambda: now[0])
    recent = RecentConversations(ttl_seconds=60)
    recent.mark(CHANNEL)
    now[0] += 59
    assert recent.is_current(CHANNEL)
    now[0] += 2
    assert not recent.is_current(CHANNEL)


def test_the_least_recently_stored_go_first_when_full() -> None:
    recent = RecentConversations(capacity=2)
    others = [dataclasses.replace(CHANNEL, conversation_id=f"c{n}") for n in range(3)]
    for conversation in others:
        recent.mark(conversation)
    assert [recent.is_current(c) for c in others] == [False, True, True]
