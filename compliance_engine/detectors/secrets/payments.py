"""Payment, banking and crypto-exchange credentials."""

from __future__ import annotations

from compliance_engine.detectors.secrets.rule import SecretRule, keyed, prefixed
from compliance_engine.model import Severity

C = Severity.CRITICAL

PAYMENT_RULES: tuple[SecretRule, ...] = (
    # Stripe: secret (sk) and restricted (rk) keys; publishable keys are public.
    prefixed(
        "stripe-access-token",
        "(?:sk|rk)_(?:test|live|prod)_[a-zA-Z0-9]{10,99}",
        ("sk_test_", "sk_live_", "sk_prod_", "rk_test_", "rk_live_", "rk_prod_"),
        severity=C,
        body_from=8,
    ),
    prefixed("stripe-webhook-secret", "whsec_[a-zA-Z0-9]{32,}", ("whsec_",), body_from=6),
    # Square.
    prefixed(
        "square-access-token",
        "(?:EAAA|sq0atp-)[\\w-]{22,60}",
        ("eaaa", "sq0atp-"),
        severity=C,
        body_from=4,
        min_entropy=3.5,
    ),
    prefixed("square-secret", "sq0csp-[\\w-]{43}", ("sq0csp-",), severity=C, body_from=7),
    # PayPal / Braintree.
    prefixed(
        "braintree-access-token",
        "access_token\\$(?:production|sandbox)\\$[0-9a-z]{16}(?:\\$[0-9a-f]{32})?",
        ("access_token$",),
        severity=C,
    ),
    prefixed(
        "braintree-tokenization-key",
        "(?:production|sandbox)_[a-z0-9]{8}_[a-z0-9]{16}",
        ("production_", "sandbox_"),
        min_entropy=3.0,
    ),
    keyed("paypal-client-secret", "paypal", "E[A-Za-z0-9_-]{79}", ("paypal",), severity=C),
    # Adyen: API keys begin with AQE and carry a long base64-ish body.
    prefixed(
        "adyen-api-key", "AQE[a-zA-Z0-9]{5,40}\\.[\\w=\\-]{50,220}", ("aqe",), min_entropy=3.5
    ),
    keyed("adyen-client-key", "adyen", "(?:test|live)_[a-zA-Z0-9]{30,40}", ("adyen",)),
    # Plaid.
    prefixed(
        "plaid-access-token",
        "access-(?:sandbox|development|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}"
        "-[0-9a-f]{4}-[0-9a-f]{12}",
        ("access-sandbox-", "access-development-", "access-production-"),
        severity=C,
    ),
    keyed("plaid-client-id", "plaid", "[a-z0-9]{24}", ("plaid",)),
    keyed("plaid-secret-key", "plaid", "[a-z0-9]{30}", ("plaid",)),
    # Coinbase and exchanges.
    keyed("coinbase-access-token", "coinbase", "[a-z0-9_-]{64}", ("coinbase",), severity=C),
    keyed("binance-api-key", "binance", "[a-zA-Z0-9]{64}", ("binance",), severity=C),
    # Flutterwave: public, secret and encryption keys.
    prefixed("flutterwave-public-key", "FLWPUBK_TEST-[a-hA-H0-9]{32}-X", ("flwpubk_test-",)),
    prefixed(
        "flutterwave-secret-key", "FLWSECK_TEST-[a-hA-H0-9]{32}-X", ("flwseck_test-",), severity=C
    ),
    prefixed("flutterwave-encryption-key", "FLWSECK_TEST-[a-hA-H0-9]{12}", ("flwseck_test-",)),
    keyed(
        "chargebee-access-token", "chargebee", "(?:test|live)_[0-9a-zA-Z]{32,34}", ("chargebee",)
    ),
    # Others.
    keyed(
        "gocardless-api-token",
        "gocardless",
        "live_[a-z0-9\\-_=]{40}",
        ("gocardless",),
        severity=C,
    ),
    prefixed(
        "shippo-api-token",
        "shippo_(?:live|test)_[a-fA-F0-9]{40}",
        ("shippo_live_", "shippo_test_"),
    ),
    keyed("lob-api-key", "lob", "(?:live|test)_[a-f0-9]{35}", ("lob",)),
    keyed("lob-pub-api-key", "lob", "(?:test|live)_pub_[a-f0-9]{31}", ("lob",)),
    prefixed("razorpay-key-id", "rzp_(?:live|test)_[a-zA-Z0-9]{14}", ("rzp_live_", "rzp_test_")),
    prefixed(
        "shopify-access-token",
        "shpat_[a-fA-F0-9]{32}",
        ("shpat_",),
        severity=C,
        body_from=6,
    ),
    prefixed("shopify-custom-access-token", "shpca_[a-fA-F0-9]{32}", ("shpca_",), body_from=6),
    prefixed("shopify-private-app-access-token", "shppa_[a-fA-F0-9]{32}", ("shppa_",), body_from=6),
    prefixed("shopify-shared-secret", "shpss_[a-fA-F0-9]{32}", ("shpss_",), body_from=6),
    SecretRule(
        name="freemius-secret-key",
        regex=r"""(?i)["']secret_key["'][ \t]*=>[ \t]*["'](sk_[^\s"']{29})["']""",
        keywords=("secret_key",),
    ),
)
