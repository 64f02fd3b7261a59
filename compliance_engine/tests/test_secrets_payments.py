"""Payment, banking and exchange credentials: true positives and look-alikes."""

from __future__ import annotations

import time

import pytest

from compliance_engine.tests.secret_fakes import (
    BASE62,
    HEX,
    LOWER_ALNUM,
    URLSAFE,
    FalseRow,
    TrueRow,
    fake,
    fake_uuid,
    found,
    keyed_row,
    row,
)

TRUE_POSITIVES: list[TrueRow] = [
    row("stripe-access-token", "sk_live_" + fake(BASE62, 24, 401), "Stripe.api_key = '{}'"),
    row("stripe-access-token", "rk_test_" + fake(BASE62, 99, 402)),
    row("stripe-webhook-secret", "whsec_" + fake(BASE62, 32, 403)),
    row("square-access-token", "EAAA" + fake(URLSAFE, 60, 404)),
    row("square-access-token", "sq0atp-" + fake(URLSAFE, 22, 405)),
    row("square-secret", "sq0csp-" + fake(URLSAFE, 43, 406)),
    row(
        "braintree-access-token",
        f"access_token$production${fake(LOWER_ALNUM, 16, 407)}${fake(HEX, 32, 408)}",
    ),
    keyed_row("paypal-client-secret", "PAYPAL_CLIENT_SECRET", "E" + fake(URLSAFE, 79, 409)),
    row("adyen-api-key", "AQEyhmfx." + fake(URLSAFE + "=", 60, 410)),
    keyed_row("adyen-client-key", "ADYEN_CLIENT_KEY", "live_" + fake(BASE62, 34, 431)),
    row(
        "braintree-tokenization-key",
        f"sandbox_{fake(LOWER_ALNUM, 8, 432)}_{fake(LOWER_ALNUM, 16, 433)}",
    ),
    row("plaid-access-token", "access-sandbox-" + fake_uuid(411)),
    keyed_row("plaid-client-id", "PLAID_CLIENT_ID", fake(LOWER_ALNUM, 24, 412)),
    keyed_row("plaid-secret-key", "PLAID_SECRET", fake(LOWER_ALNUM, 30, 413)),
    keyed_row("coinbase-access-token", "COINBASE_TOKEN", fake(URLSAFE, 64, 414)),
    keyed_row("binance-api-key", "BINANCE_API_KEY", fake(BASE62, 64, 415)),
    row("flutterwave-public-key", "FLWPUBK_TEST-" + fake("abcdefgh0123456789", 32, 416) + "-X"),
    row("flutterwave-secret-key", "FLWSECK_TEST-" + fake("abcdefgh0123456789", 32, 417) + "-X"),
    row("flutterwave-encryption-key", "FLWSECK_TEST-" + fake("abcdefgh0123456789", 12, 418)),
    keyed_row("gocardless-api-token", "GOCARDLESS_TOKEN", "live_" + fake(URLSAFE, 40, 419)),
    row("shippo-api-token", "shippo_live_" + fake(HEX, 40, 420)),
    keyed_row("lob-api-key", "LOB_API_KEY", "live_" + fake(HEX, 35, 421)),
    keyed_row("lob-pub-api-key", "lob_pub_key", "test_pub_" + fake(HEX, 31, 422)),
    row("razorpay-key-id", "rzp_live_" + fake(BASE62, 14, 423)),
    keyed_row("chargebee-access-token", "CHARGEBEE_KEY", "live_" + fake(BASE62, 32, 430)),
    row("shopify-access-token", "shpat_" + fake(HEX, 32, 424)),
    row("shopify-custom-access-token", "shpca_" + fake(HEX, 32, 425)),
    row("shopify-private-app-access-token", "shppa_" + fake(HEX, 32, 426)),
    row("shopify-shared-secret", "shpss_" + fake(HEX, 32, 427)),
    row("freemius-secret-key", "sk_" + fake(BASE62 + "#&@*$", 29, 428), '"secret_key" => "{}",'),
]

FALSE_POSITIVES: list[FalseRow] = [
    ("stripe-access-token", "Stripe.api_key = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc'"),
    ("stripe-access-token", "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx"),
    ("stripe-access-token", "publishable key pk_live_" + fake(BASE62, 24, 429) + " is public"),
    ("square-access-token", "EAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
    ("shopify-access-token", "shpat_" + "0" * 32),
    ("flutterwave-secret-key", "FLWSECK_TEST-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-X"),
    ("plaid-secret-key", "PLAID_ENV = sandbox"),
]


@pytest.mark.parametrize(("rule", "text", "value"), TRUE_POSITIVES)
def test_reports_secret_when_payment_key_present(rule: str, text: str, value: str) -> None:
    assert (rule, value) in found(text)


@pytest.mark.parametrize(("rule", "text"), FALSE_POSITIVES)
def test_reports_nothing_when_payment_lookalike(rule: str, text: str) -> None:
    assert found(text) == [], rule


@pytest.mark.parametrize("text", ["sk_live_" * 8192, "EAAA" + "-" * 65536, "AQE" * 20000])
def test_finishes_fast_when_payment_input_is_adversarial(text: str) -> None:
    started = time.perf_counter()
    found(text)
    assert time.perf_counter() - started < 1.0
