"""Monitoring, identity, DBaaS and CRM credentials: true positives and look-alikes."""

from __future__ import annotations

import base64
import json
import time

import pytest

from compliance_engine.tests.secret_fakes import (
    BASE62,
    BASE64,
    DIGITS,
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

# Sentry org tokens embed base64 JSON that opens with "iat" and names a "region_url".
_SENTRY_JSON = (
    base64.b64encode(
        json.dumps(
            {"iat": 1700000000.25, "url": "https://acme.sentry.io", "region_url": "https://eu"},
            separators=(",", ":"),
        ).encode()
    )
    .decode()
    .rstrip("=")
)
_LA = LOWER_ALNUM
TRUE_POSITIVES: list[TrueRow] = [
    row("sentry-org-token", f"sntrys_{_SENTRY_JSON}_{fake(BASE62, 43, 301)}"),
    row("sentry-user-token", "sntryu_" + fake(HEX, 64, 302)),
    keyed_row("sentry-access-token", "SENTRY_AUTH_TOKEN", fake(HEX, 64, 303)),
    keyed_row("datadog-access-token", "DATADOG_APP_KEY", fake(_LA, 40, 304)),
    keyed_row("datadog-api-key", "DD_API_KEY", fake(HEX, 32, 305)),
    row("new-relic-user-api-key", "NRAK-" + fake(BASE62, 27, 306)),
    row("new-relic-browser-api-token", "NRJS-" + fake(HEX, 19, 307)),
    row("new-relic-insert-key", "NRII-" + fake(BASE62 + "-", 32, 308)),
    keyed_row("new-relic-user-api-id", "NEW_RELIC_USER_ID", fake(_LA, 64, 309)),
    row("grafana-api-key", "eyJrIjoi" + fake(BASE62, 80, 310)),
    row("grafana-cloud-api-token", "glc_" + fake(BASE64, 60, 311)),
    row("grafana-service-account-token", f"glsa_{fake(BASE62, 32, 312)}_{fake(HEX, 8, 313)}"),
    keyed_row("sumologic-access-id", "SUMO_ACCESS_ID", "su" + fake(BASE62, 12, 314)),
    keyed_row("sumologic-access-token", "SUMO_ACCESS_KEY", fake(BASE62, 64, 315)),
    row("planetscale-password", "pscale_pw_" + fake(URLSAFE, 43, 316)),
    row("planetscale-api-token", "pscale_tkn_" + fake(URLSAFE, 43, 317)),
    row("planetscale-oauth-token", "pscale_oauth_" + fake(URLSAFE, 43, 318)),
    row("supabase-service-key", "sbp_" + fake(HEX, 40, 319)),
    keyed_row("okta-access-token", "OKTA_API_TOKEN", "00" + fake(URLSAFE, 40, 320)),
    keyed_row("zendesk-secret-key", "ZENDESK_TOKEN", fake(_LA, 40, 321)),
    keyed_row("hubspot-api-key", "hubspot_api_key", fake_uuid(322)),
    row("hubspot-private-app-token", "pat-na1-" + fake_uuid(323)),
    row(
        "salesforce-access-token",
        "00D" + fake(BASE62, 15, 324) + "!" + fake(BASE62 + "._", 96, 325),
        "Authorization token {}",
    ),
    keyed_row("intercom-api-key", "INTERCOM_TOKEN", fake(URLSAFE, 60, 326)),
    keyed_row("freshbooks-access-token", "freshbooks_token", fake(_LA, 64, 327)),
    keyed_row("looker-client-id", "LOOKER_CLIENT_ID", fake(_LA, 20, 328)),
    keyed_row("looker-client-secret", "LOOKER_CLIENT_SECRET", fake(_LA, 24, 329)),
    keyed_row(
        "mapbox-api-token",
        "MAPBOX_TOKEN",
        "pk." + fake(_LA, 60, 330) + "." + fake(_LA, 22, 331),
    ),
    row("mapbox-secret-token", "sk.eyJ1" + fake(URLSAFE, 60, 332) + "." + fake(URLSAFE, 22, 333)),
    keyed_row("algolia-api-key", "ALGOLIA_ADMIN_KEY", fake(_LA, 32, 334)),
    keyed_row("contentful-delivery-api-token", "CONTENTFUL_TOKEN", fake(URLSAFE, 43, 335)),
    keyed_row("adafruit-api-key", "ADAFRUIT_IO_KEY", fake(_LA + "_", 32, 336)),
    keyed_row("adobe-client-id", "ADOBE_CLIENT_ID", fake(HEX, 32, 337)),
    row("adobe-client-secret", "p8e-" + fake(BASE62, 32, 338)),
    row(
        "authress-service-client-access-key",
        f"sc_{fake(_LA, 10, 339)}.{fake(_LA, 5, 340)}.acc_{fake(_LA, 12, 341)}."
        + fake(_LA, 60, 342),
    ),
    keyed_row("beamer-api-token", "BEAMER_KEY", "b_" + fake(URLSAFE, 44, 343)),
    keyed_row("etsy-access-token", "ETSY_TOKEN", fake(_LA, 24, 344)),
    keyed_row("flickr-access-token", "FLICKR_KEY", fake(_LA, 32, 345)),
    row("frameio-api-token", "fio-u-" + fake(URLSAFE, 64, 346)),
    row("intra42-client-secret", "s-s4t2ud-" + fake(HEX, 64, 347)),
    keyed_row("linkedin-client-id", "LINKEDIN_CLIENT_ID", fake(_LA, 14, 348)),
    keyed_row("linkedin-client-secret", "linkedin_secret", fake(_LA, 16, 349)),
    keyed_row(
        "maxmind-license-key",
        "MAXMIND_LICENSE_KEY",
        f"{fake(BASE62, 6, 350)}_{fake(BASE62, 29, 351)}_mmk",
    ),
    keyed_row("cisco-meraki-api-key", "MERAKI_API_KEY", fake(HEX, 40, 352)),
    keyed_row("nytimes-access-token", "NYTIMES_KEY", fake(URLSAFE, 32, 353)),
    keyed_row("rapidapi-access-token", "X_RAPIDAPI_KEY", fake(URLSAFE, 50, 354)),
    keyed_row("squarespace-access-token", "squarespace_token", fake_uuid(355)),
    keyed_row("twitch-api-token", "TWITCH_TOKEN", fake(_LA, 30, 356)),
    keyed_row("twitter-api-key", "TWITTER_API_KEY", fake(_LA, 25, 357)),
    keyed_row("twitter-api-secret", "TWITTER_API_SECRET", fake(_LA, 50, 358)),
    keyed_row(
        "twitter-access-token",
        "twitter_access_token",
        fake(DIGITS, 18, 359) + "-" + fake(BASE62, 31, 360),
    ),
    keyed_row("twitter-access-secret", "twitter_access_secret", fake(_LA, 45, 361)),
    keyed_row("twitter-bearer-token", "TWITTER_BEARER", "A" * 22 + fake(BASE62, 90, 362)),
    keyed_row("facebook-secret", "FACEBOOK_APP_SECRET", fake(HEX, 32, 363)),
    row("facebook-access-token", fake(DIGITS, 16, 364) + "|" + fake(URLSAFE, 27, 365)),
    row("facebook-page-access-token", "EAAM" + fake(BASE62, 120, 366)),
    keyed_row("kraken-access-token", "KRAKEN_SECRET", fake(BASE64, 86, 367)),
    keyed_row("kucoin-access-token", "KUCOIN_KEY", fake(HEX, 24, 368)),
    keyed_row("kucoin-secret-key", "KUCOIN_SECRET", fake_uuid(369)),
    keyed_row("bittrex-access-key", "BITTREX_KEY", fake(_LA, 32, 370)),
    keyed_row("finnhub-access-token", "FINNHUB_TOKEN", fake(_LA, 20, 371)),
    keyed_row("finicity-client-secret", "FINICITY_SECRET", fake(_LA, 20, 372)),
    keyed_row("finicity-api-token", "finicity_app_key", fake(HEX, 32, 373)),
    row("age-secret-key", "AGE-SECRET-KEY-1" + fake("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58, 374)),
    keyed_row(
        "defined-networking-api-token",
        "DNKEY",
        f"dnkey-{fake(URLSAFE, 26, 375)}-{fake(URLSAFE, 52, 376)}",
    ),
    row("easypost-api-token", "EZAK" + fake(BASE62, 54, 377)),
    row("easypost-test-api-token", "EZTK" + fake(BASE62, 54, 378)),
    row("duffel-api-token", "duffel_live_" + fake(URLSAFE, 43, 379)),
    keyed_row(
        "sidekiq-secret",
        "BUNDLE_ENTERPRISE__CONTRIBSYS__COM",
        f"{fake(HEX, 8, 380)}:{fake(HEX, 8, 381)}",
    ),
    row(
        "sidekiq-sensitive-url",
        f"https://{fake(HEX, 8, 382)}:{fake(HEX, 8, 383)}@gems.contribsys.com",
    ),
]

FALSE_POSITIVES: list[FalseRow] = [
    ("sumologic-access-token", 'SUMO_ACCESS_KEY: "<paste your Sumo Logic key>"'),
    ("sumologic-access-token", "sumOfSquares = sumOfSquares + value;"),
    ("sumologic-access-token", "SUMO_TOKEN=" + "x" * 64),
    ("sumologic-access-id", "SUMO_ACCESS_ID: ${SUMO_ACCESS_ID}"),
    ("sumologic-access-id", "sumo_access_id=suXXXXXXXXXXXX"),
    ("grafana-cloud-api-token", "void GLC_DrawShadowVolumeForEntity(int entityIndex);"),
    ("cisco-meraki-api-key", "meraki_key: 0000000000111111111122222222223333333333"),
    ("okta-access-token", "okta_org_url = https://dev-000000.okta.com"),
    ("facebook-access-token", "| col | 1234567890123456 | other |"),
    ("hubspot-api-key", "hubspot_portal_id = 12345678"),
    ("etsy-access-token", "func build(etsyVersion: Swift.String, arch: Swift.String)"),
]


@pytest.mark.parametrize(("rule", "text", "value"), TRUE_POSITIVES)
def test_reports_secret_when_platform_token_present(rule: str, text: str, value: str) -> None:
    assert (rule, value) in found(text)


@pytest.mark.parametrize(("rule", "text"), FALSE_POSITIVES)
def test_reports_nothing_when_platform_lookalike(rule: str, text: str) -> None:
    assert found(text) == [], rule


@pytest.mark.parametrize(
    "text", ["sumo = " * 10000, "twitter" * 9000, "1" * 16 + "|" * 65536, "00D" * 20000]
)
def test_finishes_fast_when_platform_input_is_adversarial(text: str) -> None:
    started = time.perf_counter()
    found(text)
    assert time.perf_counter() - started < 1.0
