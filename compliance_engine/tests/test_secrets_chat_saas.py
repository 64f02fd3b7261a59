"""Messaging, e-mail and collaboration SaaS tokens: true positives and look-alikes."""

from __future__ import annotations

import time

import pytest

from compliance_engine.tests.secret_fakes import (
    BASE62,
    BASE64,
    DIGITS,
    HEX,
    LOWER_ALNUM,
    UPPER_ALNUM,
    URLSAFE,
    FalseRow,
    TrueRow,
    fake,
    fake_uuid,
    found,
    keyed_row,
    row,
)

_D = DIGITS
TRUE_POSITIVES: list[TrueRow] = [
    row("slack-bot-token", f"xoxb-{fake(_D, 12, 201)}-{fake(_D, 13, 202)}-{fake(BASE62, 24, 203)}"),
    row(
        "slack-user-token",
        f"xoxp-{fake(_D, 12, 204)}-{fake(_D, 12, 205)}-{fake(_D, 12, 206)}-{fake(HEX, 32, 207)}",
    ),
    row(
        "slack-app-token",
        f"xapp-1-A{fake(UPPER_ALNUM, 10, 208)}-{fake(_D, 13, 209)}-" + fake(HEX, 64, 210),
    ),
    row("slack-config-access-token", "xoxe.xoxp-1-" + fake(BASE62, 164, 211)),
    row("slack-config-refresh-token", "xoxe-1-" + fake(BASE62, 146, 212)),
    row("slack-legacy-bot-token", f"xoxb-{fake(_D, 9, 213)}-{fake(BASE62, 22, 214)}"),
    row("slack-legacy-workspace-token", "xoxa-2-" + fake(BASE62, 40, 215)),
    row(
        "slack-legacy-token", f"xoxs-{fake(_D, 10, 216)}-{fake(_D, 10, 217)}-1-{fake(HEX, 10, 218)}"
    ),
    row(
        "slack-webhook-url",
        "https://hooks.slack.com/services/T"
        + fake(UPPER_ALNUM, 8, 219)
        + "/B"
        + fake(UPPER_ALNUM, 8, 220)
        + "/"
        + fake(BASE62, 24, 221),
    ),
    row(
        "discord-bot-token",
        "MTk4"
        + fake(URLSAFE, 20, 222)
        + "."
        + fake(URLSAFE, 6, 223)
        + "."
        + fake(URLSAFE, 27, 224),
        "client.run('{}')",
    ),
    row(
        "discord-webhook-url",
        f"https://discord.com/api/webhooks/{fake(_D, 18, 225)}/{fake(URLSAFE, 68, 226)}",
    ),
    keyed_row("discord-api-token", "discord_api_token", fake(HEX, 64, 227)),
    keyed_row("discord-client-id", "discord_client_id", fake(_D, 18, 228)),
    keyed_row("discord-client-secret", "discord_client_secret", fake(URLSAFE, 32, 229)),
    row("telegram-bot-api-token", fake(_D, 10, 230) + ":A" + fake(URLSAFE, 34, 231), "TG={}"),
    row(
        "teams-incoming-webhook-url",
        f"https://contoso.webhook.office.com/webhookb2/{fake_uuid(232)}@{fake_uuid(233)}"
        f"/IncomingWebhook/{fake(HEX, 32, 234)}/{fake_uuid(235)}",
    ),
    row(
        "teams-workflow-webhook-url",
        f"https://prod-01.westeurope.logic.azure.com:443/workflows/{fake(HEX, 32, 236)}"
        f"/triggers/manual/paths/invoke?api-version=2016-06-01&sp=x&sv=1.0&sig="
        + fake(URLSAFE, 43, 237),
    ),
    row("twilio-api-key", "SK" + fake(HEX, 32, 238)),
    keyed_row("twilio-auth-token", "TWILIO_AUTH_TOKEN", fake(HEX, 32, 239)),
    row("sendgrid-api-token", "SG." + fake(URLSAFE, 22, 240) + "." + fake(URLSAFE, 43, 241)),
    row("sendinblue-api-token", "xkeysib-" + fake(HEX, 64, 242) + "-" + fake(BASE62, 16, 243)),
    keyed_row("mailgun-private-api-token", "MAILGUN_API_KEY", "key-" + fake(HEX, 32, 244)),
    row("mailgun-pub-key", "pubkey-" + fake(HEX, 32, 245)),
    keyed_row(
        "mailgun-signing-key",
        "mailgun_signing_key",
        fake(HEX, 32, 246) + "-" + fake(HEX, 8, 247) + "-" + fake(HEX, 8, 248),
    ),
    row("mailchimp-api-key", fake(HEX, 32, 249) + "-us14"),
    keyed_row("postmark-server-token", "POSTMARK_SERVER_TOKEN", fake_uuid(250)),
    keyed_row("mandrill-api-key", "MANDRILL_KEY", fake(URLSAFE, 22, 251)),
    keyed_row("messagebird-api-token", "messagebird_key", fake(LOWER_ALNUM, 25, 252)),
    keyed_row("messagebird-client-id", "MessageBirdClientID", fake_uuid(253)),
    keyed_row("sendbird-access-id", "sendbird_app_id", fake_uuid(254)),
    keyed_row("sendbird-access-token", "SENDBIRD_TOKEN", fake(HEX, 40, 255)),
    keyed_row("mattermost-access-token", "mattermost_token", fake(LOWER_ALNUM, 26, 256)),
    keyed_row("gitter-access-token", "gitter_token", fake(LOWER_ALNUM + "_-", 40, 257)),
    row("atlassian-api-token", "ATATT3" + fake(URLSAFE + "=", 186, 258)),
    keyed_row("atlassian-api-token-keyed", "JIRA_API_TOKEN", fake(LOWER_ALNUM, 20, 259) + "a1b2"),
    keyed_row("asana-client-id", "asana_client_id", fake(_D, 16, 260)),
    keyed_row("asana-client-secret", "asana_secret", fake(LOWER_ALNUM, 32, 261)),
    row("asana-pat", f"1/{fake(_D, 16, 262)}:{fake(HEX, 32, 263)}"),
    row("linear-api-key", "lin_api_" + fake(BASE62, 40, 264)),
    keyed_row("linear-client-secret", "LINEAR_CLIENT_SECRET", fake(HEX, 32, 265)),
    row("notion-api-token", "ntn_" + fake(_D, 11, 266) + fake(BASE62, 35, 267)),
    row("notion-integration-secret", "secret_" + fake(BASE62, 43, 268)),
    row("airtable-personal-access-token", "pat" + fake(BASE62, 14, 269) + "." + fake(HEX, 64, 270)),
    keyed_row("airtable-api-key", "AIRTABLE_API_KEY", "key" + fake(LOWER_ALNUM, 14, 271)),
    row("figma-pat", "figd_" + fake(URLSAFE, 40, 272)),
    keyed_row("trello-access-token", "trello_token", fake(BASE62, 32, 273)),
    row("typeform-pat", "tfp_" + fake(URLSAFE + ".=", 59, 274)),
    row("dropbox-short-lived-api-token", "sl." + fake(URLSAFE + "=", 135, 275)),
    keyed_row("dropbox-api-token", "DROPBOX_KEY", fake(LOWER_ALNUM, 15, 276)),
    keyed_row(
        "dropbox-long-lived-api-token",
        "dropbox_token",
        fake(LOWER_ALNUM, 11, 277) + "AAAAAAAAAA" + fake(URLSAFE, 43, 278),
    ),
    row(
        "1password-secret-key",
        "A3-" + "-".join(fake(UPPER_ALNUM, n, 279 + n) for n in (6, 6, 5, 5, 5, 5)),
    ),
    row("1password-service-account-token", "ops_eyJ" + fake(BASE64, 300, 286)),
]

FALSE_POSITIVES: list[FalseRow] = [
    ("slack-bot-token", "SLACK_BOT_TOKEN=xoxb-" + "x" * 12 + "-" + "x" * 24),
    ("slack-bot-token", "tokens start with xoxb-"),
    ("slack-bot-token", "xoxb-abc-def"),
    ("slack-config-access-token", "xoxe.xoxb-1-PutYourConfigurationTokenInThisPlace"),
    ("slack-config-refresh-token", "xoxe-1-abc"),
    ("slack-user-token", "xoxp-123456789012-123456789012-123456789012-****"),
    ("discord-bot-token", "Version 1.2.3 of lib.somemodule.function_name_that_is_long ok"),
    ("telegram-bot-api-token", "arn:aws:sqs:eu-west-1:444455556666:queue-name-that-is-long"),
    ("twilio-api-key", "I asked about the task: SKU 12 is out of stock."),
    ("mailchimp-api-key", "plain sentence with -us in it"),
    ("notion-api-token", "ntn_98765432109"),
    ("1password-service-account-token", "ops_eyJ" + "x" * 300),
    ("airtable-personal-access-token", "the pattern pathological patience"),
    ("asana-pat", "Meeting on 1/12 at 3:00, bring 2/3 of the budget"),
]


@pytest.mark.parametrize(("rule", "text", "value"), TRUE_POSITIVES)
def test_reports_secret_when_saas_token_present(rule: str, text: str, value: str) -> None:
    assert (rule, value) in found(text)


@pytest.mark.parametrize(("rule", "text"), FALSE_POSITIVES)
def test_reports_nothing_when_saas_lookalike(rule: str, text: str) -> None:
    assert found(text) == [], rule


@pytest.mark.parametrize(
    "text",
    ["xoxb-" + "1" * 65536, "M" + "a" * 30 + ".abcdef." * 8000, "1" * 16 + ":A" * 32768],
)
def test_finishes_fast_when_saas_input_is_adversarial(text: str) -> None:
    started = time.perf_counter()
    found(text)
    assert time.perf_counter() - started < 1.0
