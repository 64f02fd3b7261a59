"""Messaging, e-mail and collaboration SaaS: Slack, Discord, Teams, Twilio, Atlassian..."""

from __future__ import annotations

from compliance_engine.detectors.secrets.rule import (
    LEFT_EDGE,
    RIGHT_EDGE,
    UUID,
    SecretRule,
    keyed,
    prefixed,
)
from compliance_engine.model import Severity

C = Severity.CRITICAL

CHAT_SAAS_RULES: tuple[SecretRule, ...] = (
    # Slack: the xox? letter tells the token kind.
    prefixed("slack-bot-token", "xoxb-[0-9]{10,13}-[0-9]{10,13}[a-zA-Z0-9-]*", ("xoxb-",)),
    prefixed(
        "slack-user-token",
        "xox[pe](?:-[0-9]{10,13}){3}-[a-zA-Z0-9-]{28,34}",
        ("xoxp-", "xoxe-"),
        severity=C,
    ),
    prefixed("slack-app-token", "xapp-\\d-[A-Z0-9]+-\\d+-[a-z0-9]+", ("xapp-",), ignore_case=True),
    prefixed(
        "slack-config-access-token",
        "xoxe\\.xox[bp]-\\d-[A-Z0-9]{163,166}",
        ("xoxe.xox",),
        ignore_case=True,
    ),
    prefixed("slack-config-refresh-token", "xoxe-\\d-[A-Z0-9]{146}", ("xoxe-",), ignore_case=True),
    prefixed(
        "slack-legacy-bot-token", "xoxb-[0-9]{8,14}-[a-zA-Z0-9]{18,26}", ("xoxb-",), body_from=5
    ),
    prefixed(
        "slack-legacy-workspace-token", "xox[ar]-(?:\\d-)?[0-9a-zA-Z]{8,48}", ("xoxa-", "xoxr-")
    ),
    prefixed("slack-legacy-token", "xox[os]-\\d+-\\d+-\\d+-[a-fA-F\\d]+", ("xoxo-", "xoxs-")),
    SecretRule(
        name="slack-webhook-url",
        regex=r"((?:https?://)?hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56})",
        keywords=("hooks.slack.com",),
    ),
    # Discord: bot tokens are base64(user id) . timestamp . HMAC; no keyword, structural.
    SecretRule(
        name="discord-bot-token",
        regex=rf"{LEFT_EDGE}([MNO][a-zA-Z0-9_-]{{23,25}}\.[a-zA-Z0-9_-]{{6}}\.[a-zA-Z0-9_-]{{27,}}){RIGHT_EDGE}",
        keywords=(),
        gate=r"\.[\w-]{6}\.",
        min_entropy=3.5,
    ),
    SecretRule(
        name="discord-webhook-url",
        regex=r"(https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d{17,20}/[\w-]{60,68})",
        keywords=("discord",),
    ),
    keyed("discord-api-token", "discord", "[a-f0-9]{64}", ("discord",)),
    keyed("discord-client-id", "discord", "[0-9]{18}", ("discord",), min_entropy=2.5),
    keyed("discord-client-secret", "discord", "[a-z0-9=_\\-]{32}", ("discord",)),
    # Telegram: bot id, colon, "A" and 34 characters.
    SecretRule(
        name="telegram-bot-api-token",
        regex=rf"(?:{LEFT_EDGE}|(?<=\bbot))([0-9]{{5,16}}:A[a-zA-Z0-9_\-]{{34}}){RIGHT_EDGE}",
        keywords=(":a",),
        min_entropy=3.5,
    ),
    # Microsoft Teams incoming webhooks (Office 365 connectors and Workflows).
    SecretRule(
        name="teams-incoming-webhook-url",
        regex=(
            r"(https://[\w-]+\.webhook\.office\.com/webhookb2/[\w-]{36}@[\w-]{36}"
            r"/IncomingWebhook/[a-f0-9]{32}/[\w-]{36}(?:/[\w-]+)?)"
        ),
        keywords=("webhook.office.com",),
    ),
    SecretRule(
        name="teams-workflow-webhook-url",
        regex=r"(https://[\w.-]+\.logic\.azure\.com(?::443)?/workflows/[a-f0-9]{32}/triggers/[^\s\"'<>]*sig=[\w%-]{43,})",
        keywords=("logic.azure.com",),
    ),
    # Twilio: API key SIDs and account SIDs, SK/AC + 32 hex.
    prefixed("twilio-api-key", "SK[0-9a-fA-F]{32}", ("sk",), body_from=2, min_entropy=3.0),
    keyed("twilio-auth-token", "twilio", "[a-f0-9]{32}", ("twilio",)),
    # E-mail delivery.
    prefixed("sendgrid-api-token", "SG\\.[a-zA-Z0-9=_\\-.]{66}", ("sg.",), severity=C, body_from=3),
    prefixed(
        "sendinblue-api-token", "xkeysib-[a-f0-9]{64}-[a-zA-Z0-9]{16}", ("xkeysib-",), body_from=8
    ),
    keyed("mailgun-private-api-token", "mailgun", "key-[a-f0-9]{32}", ("mailgun",)),
    prefixed("mailgun-pub-key", "pubkey-[a-f0-9]{32}", ("pubkey-",), body_from=7),
    keyed("mailgun-signing-key", "mailgun", "[a-h0-9]{32}-[a-h0-9]{8}-[a-h0-9]{8}", ("mailgun",)),
    SecretRule(
        name="mailchimp-api-key",
        regex=rf"{LEFT_EDGE}([0-9a-f]{{32}}-us[0-9]{{1,2}}){RIGHT_EDGE}",
        keywords=("-us",),
        min_entropy=3.0,
        body_from=0,
    ),
    keyed("postmark-server-token", "postmark", UUID, ("postmark",)),
    keyed("mandrill-api-key", "mandrill", "[a-zA-Z0-9_-]{22}", ("mandrill",)),
    keyed("messagebird-api-token", "message[_-]?bird", "[a-z0-9]{25}", ("bird",)),
    keyed("messagebird-client-id", "message[_-]?bird", UUID, ("bird",)),
    keyed("sendbird-access-id", "sendbird", UUID, ("sendbird",)),
    keyed("sendbird-access-token", "sendbird", "[a-f0-9]{40}", ("sendbird",)),
    keyed("mattermost-access-token", "mattermost", "[a-z0-9]{26}", ("mattermost",)),
    keyed("gitter-access-token", "gitter", "[a-z0-9_-]{40}", ("gitter",)),
    # Work management and collaboration.
    prefixed(
        "atlassian-api-token", "ATATT3[A-Za-z0-9_\\-=]{186}", ("atatt3",), severity=C, body_from=6
    ),
    keyed(
        "atlassian-api-token-keyed",
        "atlassian|confluence|jira",
        "[a-z0-9]{20}[a-f0-9]{4}",
        ("atlassian", "confluence", "jira"),
    ),
    keyed("asana-client-id", "asana", "[0-9]{16}", ("asana",), min_entropy=2.5),
    keyed("asana-client-secret", "asana", "[a-z0-9]{32}", ("asana",)),
    prefixed("asana-pat", "[0-9]/[0-9]{16}:[a-f0-9]{32}", ("1/", "2/"), body_from=19),
    prefixed("linear-api-key", "lin_api_[a-zA-Z0-9]{40}", ("lin_api_",), body_from=8),
    keyed("linear-client-secret", "linear", "[a-f0-9]{32}", ("linear",)),
    prefixed(
        "notion-api-token",
        "ntn_[0-9]{11}[A-Za-z0-9]{35}",
        ("ntn_",),
        body_from=4,
        min_entropy=3.5,
    ),
    prefixed("notion-integration-secret", "secret_[a-zA-Z0-9]{43}", ("secret_",), body_from=7),
    prefixed(
        "airtable-personal-access-token",
        "pat[a-zA-Z0-9]{14}\\.[a-f0-9]{64}",
        ("pat",),
        severity=C,
    ),
    keyed("airtable-api-key", "airtable", "[a-z0-9]{17}", ("airtable",)),
    prefixed("figma-pat", "figd_[\\w-]{40}", ("figd_",), body_from=5),
    keyed("trello-access-token", "trello", "[a-zA-Z0-9]{32}", ("trello",)),
    prefixed("typeform-pat", "tfp_[a-zA-Z0-9\\-_.=]{59}", ("tfp_",), body_from=4),
    prefixed("dropbox-short-lived-api-token", "sl\\.[a-zA-Z0-9\\-=_]{135}", ("sl.",), body_from=3),
    keyed("dropbox-api-token", "dropbox", "[a-z0-9]{15}", ("dropbox",)),
    keyed(
        "dropbox-long-lived-api-token",
        "dropbox",
        "[a-z0-9]{11}AAAAAAAAAA[a-z0-9\\-_=]{43}",
        ("dropbox",),
    ),
    prefixed(
        "1password-secret-key",
        "A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}",
        ("a3-",),
        severity=C,
        body_from=3,
    ),
    prefixed(
        "1password-service-account-token",
        "ops_eyJ[a-zA-Z0-9+/]{250,}={0,3}",
        ("ops_eyj",),
        severity=C,
        body_from=7,
        min_entropy=4.0,
    ),
)
