"""Normalising Graph's chatMessage JSON into what the scanner needs."""

from __future__ import annotations

import json
from typing import Any

import pytest

from backend.app.services.graph_messages import GraphMessage, from_json, html_to_text
from backend.tests import graph_payloads


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>Hello <b>world</b></p>", "Hello world"),
        ('<p><at id="0">Olu Officer</at> call me</p>', "Olu Officer call me"),
        ("<p>a&nbsp;&amp;&lt;b&gt;</p>", "a\xa0&<b>"),
        ("<div>line one</div><div>line two</div>", "line one\nline two"),
        ("first<br>second", "first\nsecond"),
        ("", ""),
    ],
)
def test_markup_dropped_and_words_kept_when_converting_html(html: str, text: str) -> None:
    assert html_to_text(html) == text


def _document(**changes: Any) -> dict[str, Any]:
    document: dict[str, Any] = graph_payloads.chat_message()
    document.update(changes)
    return document


def test_documented_chat_message_normalised_when_parsed() -> None:
    message = from_json(_document(), tenant_id="tenant-1")

    assert message.message_id == "1712345611111"
    assert message.chat_id == "19:abc_def@unq.gbl.spaces"
    assert (message.team_id, message.channel_id) == (None, None)
    assert message.author_id == "6a1f0000-0000-0000-0000-00000000d0d0"
    assert message.author_name == "Dana Smith"
    assert message.tenant_id == "tenant-1"
    assert message.text == "Olu Officer the refund goes to IBAN DE89 3704 0044 0532 0130 00"
    assert message.is_scannable
    assert message.resource == "chats('19:abc_def@unq.gbl.spaces')/messages('1712345611111')"


def test_channel_reply_addressed_under_its_parent_when_parsed() -> None:
    identity = {"teamId": "t1", "channelId": "19:c@thread.tacv2"}
    message = from_json(_document(chatId=None, channelIdentity=identity, replyToId="p1"))

    assert (message.team_id, message.channel_id) == ("t1", "19:c@thread.tacv2")
    assert (
        message.resource
        == "teams('t1')/channels('19:c@thread.tacv2')/messages('p1')/replies('1712345611111')"
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"messageType": "systemEventMessage"},
        {"deletedDateTime": "2026-11-02T10:11:00Z"},
        {"body": {"contentType": "html", "content": "<p> </p>"}},
    ],
    ids=["system-event", "deleted", "empty"],
)
def test_message_not_scanned_when_there_is_nothing_to_scan(changes: dict[str, Any]) -> None:
    assert not from_json(_document(**changes)).is_scannable


def test_payload_round_trips_when_carried_by_a_job() -> None:
    message = from_json(_document(lastEditedDateTime="2026-11-02T10:12:00Z"))

    assert GraphMessage.from_payload(json.loads(json.dumps(message.to_payload()))) == message


def test_refused_when_the_document_is_not_a_chat_message() -> None:
    with pytest.raises(ValueError, match="no id"):
        from_json({"body": {"content": "x"}})
