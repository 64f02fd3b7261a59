"""Microsoft Graph bodies built in code from the documented shapes (chatMessage, notifications).

Values are ours; only the field names and nesting follow Graph's documentation.
"""

from __future__ import annotations

from typing import Any

TENANT_ID = "72f988bf-0000-0000-0000-000000000000"
SUBSCRIPTION_ID = "7f105c7d-2dc5-4530-97cd-4e7ae6534c07"
CHAT_ID = "19:abc_def@unq.gbl.spaces"
MESSAGE_ID = "1712345611111"
AUTHOR_ID = "6a1f0000-0000-0000-0000-00000000d0d0"
AUTHOR_NAME = "Dana Smith"
TEAM_ID = "0b3f1c8e-aaaa-bbbb-cccc-123456789abc"
CHANNEL_ID = "19:compliance0000@thread.tacv2"


def _user(user_id: str, name: str) -> dict[str, Any]:
    return {
        "@odata.type": "#microsoft.graph.teamworkUserIdentity",
        "id": user_id,
        "displayName": name,
        "userIdentityType": "aadUser",
        "tenantId": TENANT_ID,
    }


def chat_message() -> dict[str, Any]:
    """A chat message as Graph returns it (or as a rich notification decrypts to)."""
    stamp = "2026-11-02T10:10:11.111Z"
    officer = _user("8c3f0000-0000-0000-0000-00000000f0f0", "Olu Officer")
    return {
        "id": MESSAGE_ID,
        "replyToId": None,
        "etag": MESSAGE_ID,
        "messageType": "message",
        "createdDateTime": stamp,
        "lastModifiedDateTime": stamp,
        "lastEditedDateTime": None,
        "deletedDateTime": None,
        "subject": None,
        "summary": None,
        "chatId": CHAT_ID,
        "importance": "normal",
        "locale": "en-us",
        "webUrl": None,
        "policyViolation": None,
        "eventDetail": None,
        "from": {"application": None, "device": None, "user": _user(AUTHOR_ID, AUTHOR_NAME)},
        "body": {
            "contentType": "html",
            "content": (
                '<p><at id="0">Olu Officer</at> the refund goes to IBAN '
                "DE89 3704 0044 0532 0130 00</p>"
            ),
        },
        "channelIdentity": None,
        "attachments": [],
        "mentions": [
            {
                "id": 0,
                "mentionText": "Olu Officer",
                "mentioned": {
                    "application": None,
                    "device": None,
                    "conversation": None,
                    "tag": None,
                    "user": officer,
                },
            }
        ],
        "reactions": [],
        "messageHistory": [],
    }


def basic_notification(client_state: str) -> dict[str, Any]:
    """A change notification without resource data: the message must be fetched."""
    resource = f"teams('{TEAM_ID}')/channels('{CHANNEL_ID}')/messages('1712345600000')"
    return {
        "value": [
            {
                "subscriptionId": SUBSCRIPTION_ID,
                "subscriptionExpirationDateTime": "2026-11-02T11:00:00Z",
                "changeType": "created",
                "clientState": client_state,
                "tenantId": TENANT_ID,
                "resource": resource,
                "resourceData": {
                    "id": "1712345600000",
                    "@odata.type": "#Microsoft.Graph.chatMessage",
                    "@odata.id": resource,
                },
            }
        ]
    }


def lifecycle_notification(event: str, client_state: str) -> dict[str, Any]:
    """A lifecycle notification (reauthorizationRequired, subscriptionRemoved, missed)."""
    return {
        "value": [
            {
                "subscriptionId": SUBSCRIPTION_ID,
                "subscriptionExpirationDateTime": "2026-11-02T11:00:00Z",
                "tenantId": TENANT_ID,
                "clientState": client_state,
                "lifecycleEvent": event,
            }
        ]
    }
