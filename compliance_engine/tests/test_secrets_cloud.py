"""Cloud provider credentials: one true positive per rule, and the look-alikes they reject."""

from __future__ import annotations

import time

import pytest

from compliance_engine.tests.secret_fakes import (
    BASE32,
    BASE62,
    BASE64,
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

_SAS = fake(BASE62, 43, 11)
TRUE_POSITIVES: list[TrueRow] = [
    row("aws-access-token", "AKIA" + fake(BASE32, 16, 1), 'aws_access_key_id = "{}"'),
    row("aws-access-token", "ASIA" + fake(BASE32, 16, 2), "key id {} in the log"),
    keyed_row("aws-secret-access-key", "aws_secret_access_key", fake(BASE64, 40, 3)),
    keyed_row("aws-session-token", "AWS_SESSION_TOKEN", fake(BASE64, 160, 4)),
    row("aws-amazon-bedrock-api-key-long-lived", "ABSK" + fake(BASE64, 120, 5)),
    row(
        "aws-amazon-bedrock-api-key-short-lived",
        "bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t" + fake(BASE62, 40, 6),
    ),
    row("amazon-mws-auth-token", "amzn.mws." + fake_uuid(7)),
    row(
        "azure-storage-account-key",
        fake(BASE64, 86, 8) + "==",
        "DefaultEndpointsProtocol=https;AccountName=crm;AccountKey={};EndpointSuffix=x",
    ),
    row(
        "azure-sas-token",
        _SAS + "%3D",
        "https://crm.blob.core.windows.net/c?sv=2022-11-02&ss=b&sp=r&sig={}",
    ),
    row("azure-ad-client-secret", "k8v7Q~" + fake(URLSAFE, 34, 9), "client_secret={}"),
    keyed_row("azure-devops-pat", "AZURE_DEVOPS_PAT", fake(LOWER_ALNUM, 52, 10)),
    row("gcp-api-key", "AIza" + fake(URLSAFE, 35, 12), "key={}"),
    row(
        "datafactory-shir-token",
        f"IR@{fake_uuid(44)}@adf-crm-001@we@{fake(BASE64, 43, 45)}=",
    ),
    row("castai-api-key", f"castai_v1_{fake(BASE62, 64, 46)}_{fake(BASE62, 8, 47)}"),
    row("gcp-service-account-key-id", fake(HEX, 40, 13), '"private_key_id": "{}",'),
    row("gcp-oauth-client-secret", "GOCSPX-" + fake(URLSAFE, 28, 14)),
    row("google-oauth-access-token", "ya29." + fake(URLSAFE, 70, 15)),
    row("digitalocean-pat", "dop_v1_" + fake(HEX, 64, 16)),
    row("digitalocean-access-token", "doo_v1_" + fake(HEX, 64, 17)),
    row("digitalocean-refresh-token", "dor_v1_" + fake(HEX, 64, 18)),
    row("alibaba-access-key-id", "LTAI" + fake(BASE62, 20, 19)),
    keyed_row("alibaba-secret-key", "alibaba_secret", fake(LOWER_ALNUM, 30, 20)),
    row("tencent-secret-id", "AKID" + fake(BASE62, 32, 21)),
    keyed_row("ibm-cloud-iam-key", "IBM_CLOUD_API_KEY", fake(URLSAFE, 44, 22)),
    keyed_row("ibm-cos-hmac-secret", "cos_hmac_keys", fake(HEX, 48, 23)),
    row("yandex-api-key", "AQVN" + fake(URLSAFE, 36, 24)),
    row("yandex-aws-access-token", "YC" + fake(URLSAFE, 38, 25)),
    row("yandex-access-token", "t1." + fake(BASE62, 12, 26) + "." + fake(URLSAFE, 86, 27)),
    row("cloudflare-origin-ca-key", "v1.0-" + fake(HEX, 24, 28) + "-" + fake(HEX, 146, 29)),
    keyed_row("cloudflare-global-api-key", "cloudflare_global_key", fake(HEX, 37, 30)),
    keyed_row("cloudflare-api-key", "CLOUDFLARE_API_TOKEN", fake(LOWER_ALNUM + "_-", 40, 31)),
    keyed_row("linode-api-token", "LINODE_TOKEN", fake(HEX, 64, 32)),
    keyed_row("hetzner-api-token", "HCLOUD_TOKEN", fake(BASE62, 64, 33)),
    keyed_row("scaleway-secret-key", "SCW_SECRET_KEY", fake_uuid(34)),
    keyed_row("fastly-api-token", "fastly_api_token", fake(LOWER_ALNUM + "_-", 32, 35)),
    row("databricks-api-token", "dapi" + fake(HEX, 32, 36)),
    row("clickhouse-cloud-api-secret-key", "4b1d" + fake(BASE62, 38, 37)),
    keyed_row("confluent-access-token", "confluent_key", fake(LOWER_ALNUM, 16, 38)),
    keyed_row("confluent-secret-key", "confluent_secret", fake(LOWER_ALNUM, 64, 39)),
    row(
        "dynatrace-api-token",
        "dt0c01." + fake(UPPER_ALNUM, 24, 40) + "." + fake(UPPER_ALNUM, 64, 41),
    ),
    row("openshift-user-token", "sha256~" + fake(URLSAFE, 43, 42), "OPENSHIFT_TOKEN={}"),
    keyed_row(
        "kubernetes-service-account-token", "K8S_TOKEN", "eyJ" + fake(URLSAFE + ".", 120, 43)
    ),
]

FALSE_POSITIVES: list[FalseRow] = [
    ("aws-access-token", "The AWS guide uses AKIAIOSFODNN7EXAMPLE in every snippet."),
    ("aws-access-token", "AWS_ACCESS_KEY_ID=AKIA" + "X" * 16),
    ("aws-access-token", "GOINGTOASIAWITHTHETEAMNEXTMONTHFORSURE"),
    ("aws-secret-access-key", "secret_access_key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
    ("aws-secret-access-key", "AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY}"),
    ("aws-amazon-bedrock-api-key-short-lived", "keys look like bedrock-api-key-<base64>"),
    ("azure-storage-account-key", "AccountKey=<your-storage-key>;"),
    ("azure-ad-client-secret", "AZURE_CLIENT_SECRET: Ab1" + "7Q~" + "x" * 34),
    ("azure-ad-client-secret", "a.menu~.item{margin:0} b.card~.list{padding:0 0 0 0}"),
    ("gcp-api-key", "maps key AIza" + "X" * 35),
    ("digitalocean-pat", "dop_v1_" + "0" * 64),
    ("cloudflare-api-key", "cloudflare_zone_name = example-zone-name-for-docs"),
    ("openshift-user-token", "kubectl config set-credentials dev --token=sha256~" + "x" * 43),
    ("yandex-aws-access-token", "YC is short for Y Combinator, founded in 2005."),
    ("gcp-service-account-key-id", '"private_key_id": "<key id>"'),
]


@pytest.mark.parametrize(("rule", "text", "value"), TRUE_POSITIVES)
def test_reports_secret_when_cloud_credential_present(rule: str, text: str, value: str) -> None:
    assert (rule, value) in found(text)


@pytest.mark.parametrize(("rule", "text"), FALSE_POSITIVES)
def test_reports_nothing_when_cloud_lookalike(rule: str, text: str) -> None:
    assert found(text) == [], rule


@pytest.mark.parametrize(
    "text",
    ["AKIA" * 16384, "AccountKey=" + "A" * 65536, "sig=" * 16384, "a" + "Q~" * 32768],
)
def test_finishes_fast_when_cloud_input_is_adversarial(text: str) -> None:
    started = time.perf_counter()
    found(text)
    assert time.perf_counter() - started < 1.0
