"""Generic credentials: secret-named assignments, curl/HTTP auth, Kubernetes Secrets."""

from __future__ import annotations

import base64
import time

import pytest

from compliance_engine.tests.secret_fakes import (
    BASE62,
    BASE64,
    HEX,
    LOWER_ALNUM,
    FalseRow,
    TrueRow,
    fake,
    fake_uuid,
    found,
    row,
)

_TOKEN = fake(BASE62, 32, 801)
_PW = "Vq3" + fake(BASE62, 9, 802)
_BASIC = base64.b64encode(f"deploy:{_PW}".encode()).decode()
_K8S = (
    "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n"
    f"  username: YWRtaW4=\n  password: {base64.b64encode(_PW.encode()).decode()}\n"
)
TRUE_POSITIVES: list[TrueRow] = [
    row("generic-api-key", _TOKEN, 'api_key = "{}"'),
    row("generic-api-key", _TOKEN, "export SERVICE_TOKEN={}"),
    row("generic-api-key", _TOKEN, '"client_secret" : "{}",'),
    row("generic-api-key", _TOKEN, "access_token: {}"),
    row("generic-api-key", _TOKEN, 'os.getenv("API_TOKEN", "{}")'),
    row("generic-api-key", _TOKEN, "<authToken>{}</authToken>"),
    row("generic-api-key", _TOKEN, "app --api-token={} --verbose"),
    row("generic-api-key", fake_uuid(803), 'config.api_token = "{}"'),
    row("generic-api-key", fake(HEX, 64, 804), "signing_key := '{}'"),
    row("generic-password", _PW, "DB_PASSWORD={}"),
    row("generic-password", _PW, "password: {}"),
    row("generic-password", _PW, "mot de passe : {}"),
    row("generic-password", "k2;Lm<9@x=Q", '$DB_PASSWD = "{}"'),
    row("generic-api-key", _TOKEN, 'var serviceToken string = "{}"'),
    row("generic-api-key", _TOKEN, '$serviceToken .= "{}";'),
    row("generic-api-key", _TOKEN, 'System.setProperty("SERVICE_TOKEN", "{}")'),
    row("curl-auth-user", f"deploy:{_PW}", "curl -u {} https://api.internal/v1"),
    row("curl-auth-user", f"dana:'{_PW}'", "curl --user {} -X PATCH"),
    row("authorization-header", _TOKEN, 'curl -H "Authorization: Bearer {}" https://x'),
    row("authorization-header", _BASIC, "Authorization: Basic {}"),
    row("authorization-header", _TOKEN, "X-API-Key: {}"),
    row("kubernetes-secret-yaml", f"password: {base64.b64encode(_PW.encode()).decode()}", _K8S),
]

FALSE_POSITIVES: list[FalseRow] = [
    (
        "generic-api-key",
        'ALPHABET_KEY = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"',
    ),
    ("generic-api-key", '"secret_name": "prod-db-credentials-2024",'),
    ("generic-api-key", "  tokenStoreLocation: vault-eu-west-3-88271"),
    ("generic-api-key", "oauth_token_endpoint = 'https://login.example.org/oauth2/token'"),
    ("generic-api-key", "sortKey = 'Order_Total_7_14'"),
    ("generic-api-key", "API_TOKEN=$(cat /run/secrets/api_token)"),
    ("generic-api-key", 'tokenId = "5f0c8a2e-1b7d-4c33-9e45-0a6b2c8d1e9f"'),
    (
        "generic-api-key",
        "<ClientSecretName>0b7e3c1a-44d2-4f6e-8a19-2c5d7e9f1b3a</ClientSecretName>",
    ),
    ("generic-api-key", '"primary_key": "InvoiceLines-2.4"'),
    ("generic-api-key", "STRIPE_SECRET_KEY=\nSENTRY_AUTH_TOKEN="),
    ("generic-api-key", "X-Upstream-AuthServer: auth01.eu.corp.example.net"),
    ("generic-password", "MinPasswordLength=8"),
    ("generic-api-key", "api_key = os.environ['API_KEY']"),
    ("generic-password", "password = request.form.get('password')"),
    ("generic-password", "password: Optional[str] = None"),
    ("generic-api-key", "secret_key = settings.SECRET_KEY"),
    ("generic-api-key", 'api_key: "YOUR_API_KEY_HERE"'),
    ("generic-password", "password: ********"),
    ("generic-api-key", 'token: "{{ vault_token }}"'),
    ("generic-password", "DB_PASSWORD=${DB_PASSWORD}"),
    ("generic-password", "password=changeme"),
    ("generic-api-key", "token_expiry: 3600"),
    ("generic-api-key", "public_key = " + fake(BASE62, 43, 808)),
    ("generic-api-key", "csrf_token=" + fake(BASE64, 60, 809)),
    ("generic-api-key", 'dependency = "org.example:jwt-tokens:4.2.1"'),
    ("generic-password", "Numéro de passeport : X7734120 (réservation)"),
    ("generic-api-key", "The key: we need the report by Friday, 12345678 is the order."),
    ("generic-api-key", "Merged as " + fake(HEX, 40, 810) + " on main, key reviewers notified."),
    ("generic-api-key", "Installer checksum (SHA-256) " + fake(HEX, 64, 805)),
    ("curl-auth-user", 'curl -s --user "$USER_NAME:$USER_PASS" "$ENDPOINT"'),
    ("curl-auth-user", "curl --user admin:[YOUR-PASSWORD] http://localhost:8080/api"),
    ("curl-auth-user", "curl -u user:secret https://localhost"),
    ("curl-auth-user", "curl -u '$API_USER:$API_PASSWORD' $BASE_URL"),
    ("curl-auth-user", 'curl -u "${login}:${pass}"'),
    ("curl-auth-user", "curl -u <login:password> https://api.example.org/v1"),
    ("authorization-header", 'curl -H "Authorization: Bearer XXXXXXXXXXXXXXXX" https://x'),
    ("authorization-header", '-H "Authorization: Bearer $(get-token --audience api)"'),
    ("authorization-header", '--header "Authorization: Basic <credentials>"'),
    ("kubernetes-secret-yaml", "kind: ConfigMap\ndata:\n  password: " + fake(LOWER_ALNUM, 8, 806)),
]


@pytest.mark.parametrize(("rule", "text", "value"), TRUE_POSITIVES)
def test_reports_secret_when_generic_credential_present(rule: str, text: str, value: str) -> None:
    assert (rule, value) in found(text)


@pytest.mark.parametrize(("rule", "text"), FALSE_POSITIVES)
def test_reports_nothing_when_value_is_not_a_secret(rule: str, text: str) -> None:
    assert found(text) == [], rule


@pytest.mark.parametrize(
    "text",
    [
        "a=" * 32768,
        "key: " * 13000,
        "token = " + fake(BASE64, 65536, 807),
        "curl -u " * 8000,
        "Authorization: Bearer " * 3000,
        "kind: Secret\ndata:\n" + "  k: v\n" * 9000,
        "x" * 65536 + "=1",
        # Thousands of assignments whose long values overlap: each value is judged once.
        "pwd=" * 16384,
        "token=" * 11000,
        "".join(f"pwd{index}=" for index in range(1000)),
    ],
)
def test_finishes_fast_when_generic_input_is_adversarial(text: str) -> None:
    started = time.perf_counter()
    found(text)
    assert time.perf_counter() - started < 1.0
