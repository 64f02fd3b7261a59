"""Monitoring, identity, database-as-a-service and CRM platforms."""

from __future__ import annotations

from compliance_engine.detectors.secrets.rule import (
    RIGHT_EDGE,
    UUID,
    SecretRule,
    keyed,
    not_placeholder,
    prefixed,
)
from compliance_engine.model import Severity

C = Severity.CRITICAL


OBSERVABILITY_RULES: tuple[SecretRule, ...] = (
    # Sentry.
    prefixed(
        "sentry-org-token",
        "sntrys_eyJpYXQiO[a-zA-Z0-9+/]{10,200}(?:LCJyZWdpb25fdXJs|InJlZ2lvbl91cmwi|cmVnaW9uX3VybCI6)"
        "[a-zA-Z0-9+/]{10,200}={0,2}_[a-zA-Z0-9+/]{43}",
        ("sntrys_",),
        severity=C,
    ),
    prefixed("sentry-user-token", "sntryu_[a-f0-9]{64}", ("sntryu_",), severity=C, body_from=7),
    keyed("sentry-access-token", "sentry", "[a-f0-9]{64}", ("sentry",)),
    keyed(
        "datadog-access-token",
        "datadog|dd_api_key|dd_app_key",
        "[a-z0-9]{40}",
        ("datadog", "dd_ap"),
    ),
    keyed("datadog-api-key", "datadog|dd_api_key", "[a-f0-9]{32}", ("datadog", "dd_api")),
    # New Relic.
    prefixed("new-relic-user-api-key", "NRAK-[a-zA-Z0-9]{27}", ("nrak-",), body_from=5),
    prefixed("new-relic-browser-api-token", "NRJS-[a-f0-9]{19}", ("nrjs-",), body_from=5),
    prefixed("new-relic-insert-key", "NRII-[a-zA-Z0-9-]{32}", ("nrii-",), body_from=5),
    keyed(
        "new-relic-user-api-id",
        "new[_-]?relic",
        "[a-z0-9]{64}",
        ("newrelic", "new-relic", "new_relic"),
    ),
    # Grafana.
    prefixed("grafana-api-key", "eyJrIjoi[A-Za-z0-9]{70,400}={0,3}", ("eyjrijoi",), body_from=8),
    prefixed("grafana-cloud-api-token", "glc_[A-Za-z0-9+/]{32,400}={0,3}", ("glc_",), body_from=4),
    prefixed(
        "grafana-service-account-token",
        "glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}",
        ("glsa_",),
        body_from=5,
    ),
    # Sumo Logic.
    keyed("sumologic-access-id", "sumo", "su[a-zA-Z0-9]{12}", ("sumo",)),
    keyed("sumologic-access-token", "sumo", "[a-z0-9]{64}", ("sumo",), min_entropy=3.5),
    # Database-as-a-service.
    prefixed("planetscale-password", "pscale_pw_[\\w=.\\-]{32,64}", ("pscale_pw_",), severity=C),
    prefixed("planetscale-api-token", "pscale_tkn_[\\w=.\\-]{32,64}", ("pscale_tkn_",)),
    prefixed("planetscale-oauth-token", "pscale_oauth_[\\w=.\\-]{32,64}", ("pscale_oauth_",)),
    prefixed(
        "supabase-service-key", "sbp_[a-f0-9]{40}|sb_secret_[\\w-]{31}", ("sbp_", "sb_secret_")
    ),
    # Identity and CRM.
    keyed("okta-access-token", "okta", "00[\\w=\\-]{40}", ("okta",), severity=C),
    keyed("zendesk-secret-key", "zendesk", "[a-z0-9]{40}", ("zendesk",)),
    keyed("hubspot-api-key", "hubspot", UUID, ("hubspot",)),
    prefixed("hubspot-private-app-token", f"pat-(?:na|eu)1-{UUID}", ("pat-na1-", "pat-eu1-")),
    SecretRule(
        name="salesforce-access-token",
        regex=r"(?<![\w!])(00D[a-zA-Z0-9]{12,15}![a-zA-Z0-9_.]{90,100})(?![\w.])",
        keywords=("00d",),
        severity=C,
        min_entropy=3.5,
    ),
    keyed("intercom-api-key", "intercom", "[a-z0-9=_\\-]{60}", ("intercom",)),
    keyed("freshbooks-access-token", "freshbooks", "[a-z0-9]{64}", ("freshbooks",)),
    keyed("looker-client-id", "looker", "[a-z0-9]{20}", ("looker",)),
    keyed("looker-client-secret", "looker", "[a-z0-9]{24}", ("looker",)),
    keyed("mapbox-api-token", "mapbox", "pk\\.[a-z0-9]{60}\\.[a-z0-9]{22}", ("mapbox",)),
    prefixed(
        "mapbox-secret-token", "sk\\.eyJ1[A-Za-z0-9_-]{50,}\\.[A-Za-z0-9_-]{22}", ("sk.eyj1",)
    ),
    keyed("algolia-api-key", "algolia", "[a-z0-9]{32}", ("algolia",)),
    keyed("contentful-delivery-api-token", "contentful", "[a-z0-9=_\\-]{43}", ("contentful",)),
    keyed("adafruit-api-key", "adafruit", "[a-z0-9_-]{32}", ("adafruit",)),
    keyed("adobe-client-id", "adobe", "[a-f0-9]{32}", ("adobe",)),
    prefixed("adobe-client-secret", "p8e-[a-zA-Z0-9]{32}", ("p8e-",), body_from=4),
    prefixed(
        "authress-service-client-access-key",
        "(?:sc|ext|scauth|authress)_[a-z0-9]{5,30}\\.[a-z0-9]{4,6}\\.acc[_-][a-z0-9-]{10,32}"
        "\\.[a-z0-9+/_=-]{30,120}",
        ("acc_", "acc-"),
        ignore_case=True,
    ),
    keyed("beamer-api-token", "beamer", "b_[a-z0-9=_\\-]{44}", ("beamer",)),
    keyed("etsy-access-token", "etsy", "[a-z0-9]{24}", ("etsy",)),
    keyed("flickr-access-token", "flickr", "[a-z0-9]{32}", ("flickr",)),
    prefixed("frameio-api-token", "fio-u-[a-zA-Z0-9\\-_=]{64}", ("fio-u-",), body_from=6),
    prefixed("intra42-client-secret", "s-s4t2(?:ud|af)-[a-f0-9]{64}", ("s-s4t2",), body_from=9),
    keyed(
        "linkedin-client-id",
        "linked[_-]?in",
        "[a-z0-9]{14}",
        ("linkedin", "linked-in", "linked_in"),
    ),
    keyed(
        "linkedin-client-secret",
        "linked[_-]?in",
        "[a-z0-9]{16}",
        ("linkedin", "linked-in", "linked_in"),
    ),
    prefixed(
        "maxmind-license-key",
        "[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk",
        ("_mmk",),
        min_entropy=3.5,
    ),
    keyed("cisco-meraki-api-key", "meraki", "[0-9a-f]{40}", ("meraki",)),
    keyed(
        "nytimes-access-token",
        "nytimes|new[_-]?york[_-]?times",
        "[a-z0-9=_\\-]{32}",
        ("nytimes", "york"),
    ),
    keyed("rapidapi-access-token", "rapidapi", "[a-z0-9_-]{50}", ("rapidapi",)),
    keyed("squarespace-access-token", "squarespace", UUID, ("squarespace",)),
    keyed("twitch-api-token", "twitch", "[a-z0-9]{30}", ("twitch",)),
    keyed("twitter-api-key", "twitter", "[a-z0-9]{25}", ("twitter",)),
    keyed("twitter-api-secret", "twitter", "[a-z0-9]{50}", ("twitter",)),
    keyed("twitter-access-token", "twitter", "[0-9]{15,25}-[a-zA-Z0-9]{20,40}", ("twitter",)),
    keyed("twitter-access-secret", "twitter", "[a-z0-9]{45}", ("twitter",)),
    keyed("twitter-bearer-token", "twitter", "A{22}[a-zA-Z0-9%]{80,100}", ("twitter",)),
    keyed("facebook-secret", "facebook", "[a-f0-9]{32}", ("facebook",)),
    SecretRule(
        name="facebook-access-token",
        regex=rf"(\d{{15,16}}(?:\||%7[cC]|%)[0-9a-zA-Z\-_]{{27,40}}){RIGHT_EDGE}",
        keywords=("|", "%"),
        min_entropy=3.5,
        left_edge=True,
    ),
    prefixed(
        "facebook-page-access-token", "EAA[MC][a-zA-Z0-9]{100,}", ("eaam", "eaac"), body_from=4
    ),
    keyed("kraken-access-token", "kraken", "[a-z0-9/=_+\\-]{80,90}", ("kraken",)),
    keyed("kucoin-access-token", "kucoin", "[a-f0-9]{24}", ("kucoin",)),
    keyed("kucoin-secret-key", "kucoin", UUID, ("kucoin",)),
    keyed("bittrex-access-key", "bittrex", "[a-z0-9]{32}", ("bittrex",)),
    keyed("finnhub-access-token", "finnhub", "[a-z0-9]{20}", ("finnhub",)),
    keyed("finicity-client-secret", "finicity", "[a-z0-9]{20}", ("finicity",)),
    keyed("finicity-api-token", "finicity", "[a-f0-9]{32}", ("finicity",)),
    prefixed(
        "age-secret-key",
        "AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}",
        ("age-secret-key-1",),
        severity=C,
    ),
    keyed(
        "defined-networking-api-token",
        "dnkey",
        "dnkey-[a-z0-9=_\\-]{26}-[a-z0-9=_\\-]{52}",
        ("dnkey",),
    ),
    prefixed("easypost-api-token", "EZAK[a-zA-Z0-9]{54}", ("ezak",), body_from=4),
    prefixed("easypost-test-api-token", "EZTK[a-zA-Z0-9]{54}", ("eztk",), body_from=4),
    prefixed("duffel-api-token", "duffel_(?:test|live)_[a-zA-Z0-9_\\-=]{43}", ("duffel_",)),
    keyed(
        "sidekiq-secret",
        "bundle_enterprise__contribsys__com|bundle_gems__contribsys__com",
        "[a-f0-9]{8}:[a-f0-9]{8}",
        ("contribsys",),
        min_entropy=0.0,
        check=not_placeholder,
    ),
    SecretRule(
        name="sidekiq-sensitive-url",
        regex=r"(?i)\b(https?://[a-f0-9]{8}:[a-f0-9]{8}@(?:gems|enterprise)\.contribsys\.com)",
        keywords=("contribsys",),
    ),
)
