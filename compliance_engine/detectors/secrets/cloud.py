"""Cloud provider credentials: AWS, Azure, GCP, DigitalOcean, Alibaba, IBM and others."""

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
_B64 = "[A-Za-z0-9+/]"

CLOUD_RULES: tuple[SecretRule, ...] = (
    # AWS: access key ids are a 4-letter kind prefix and 16 base32 characters.
    prefixed(
        "aws-access-token",
        "(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}",
        ("akia", "asia", "abia", "acca", "a3t"),
        severity=C,
        body_from=4,
        min_entropy=2.8,
    ),
    keyed(
        "aws-secret-access-key",
        "aws_?secret_?access_?key|aws_?secret_?key|secret_?access_?key|aws_?secret",
        f"{_B64}{{40}}",
        ("secret_access", "secretaccess", "secret-access", "aws_secret", "awssecret"),
        severity=C,
        min_entropy=4.0,
    ),
    keyed(
        "aws-session-token",
        "aws_?session_?token|x-amz-security-token",
        f"{_B64}{{100,}}={{0,2}}",
        ("session_token", "sessiontoken", "security-token"),
        severity=C,
        min_entropy=4.0,
    ),
    prefixed(
        "aws-amazon-bedrock-api-key-long-lived",
        f"ABSK{_B64}{{109,269}}={{0,2}}",
        ("absk",),
        severity=C,
        body_from=4,
        min_entropy=4.0,
    ),
    prefixed(
        "aws-amazon-bedrock-api-key-short-lived",
        "bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/=%]*",
        ("bedrock-api-key-",),
        severity=C,
    ),
    prefixed(
        "amazon-mws-auth-token",
        f"amzn\\.mws\\.{UUID}",
        ("amzn.mws.",),
    ),
    # Azure.
    SecretRule(
        name="azure-storage-account-key",
        regex=rf"(?i:AccountKey|account_key|storage_?key)[ \t]*[=:][ \t]*['\"]?({_B64}{{86}}==)",
        keywords=("accountkey", "account_key", "storagekey", "storage_key"),
        severity=C,
        min_entropy=4.5,
    ),
    SecretRule(
        name="azure-sas-token",
        regex=r"[?&;]sig=([A-Za-z0-9%+/]{40,120}(?:=|%3D){0,2})(?=[&\s'\"]|$)",
        keywords=("sig=",),
        severity=C,
        min_entropy=4.0,
    ),
    SecretRule(
        name="azure-ad-client-secret",
        regex=r"(?<![\w~.\-])([a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.\-]{31,34})(?![\w~.\-])",
        keywords=("q~",),
        severity=C,
        min_entropy=3.5,
        body_from=6,
    ),
    keyed(
        "azure-devops-pat",
        "azure_?devops|ado_?pat|devops_?pat|azdo",
        "[a-z0-9]{52}",
        ("devops", "ado_pat", "adopat", "azdo"),
        severity=C,
    ),
    SecretRule(
        name="datafactory-shir-token",
        regex=r"(IR@[0-9a-zA-Z-]{36}@[\w.\-]{1,80}@[0-9a-zA-Z\-=]{0,40}@[A-Za-z0-9+/=]{44})",
        keywords=("ir@",),
        severity=C,
    ),
    prefixed("castai-api-key", "castai_v1_[A-Za-z0-9]{64}_[A-Za-z0-9]{8}", ("castai_v1_",)),
    # Google Cloud.
    prefixed("gcp-api-key", "AIza[\\w-]{35}", ("aiza",), severity=C, body_from=4),
    SecretRule(
        name="gcp-service-account-key-id",
        regex=r"""["']private_key_id["'][ \t]*:[ \t]*["']([a-f0-9]{40})["']""",
        keywords=("private_key_id",),
        severity=C,
        min_entropy=3.0,
    ),
    prefixed("gcp-oauth-client-secret", "GOCSPX-[a-zA-Z0-9_-]{28}", ("gocspx-",), body_from=7),
    prefixed("google-oauth-access-token", "ya29\\.[0-9A-Za-z_-]{30,}", ("ya29.",), body_from=5),
    # DigitalOcean: prefix says personal / OAuth / refresh token, then 64 hex.
    prefixed("digitalocean-pat", "dop_v1_[a-f0-9]{64}", ("dop_v1_",), severity=C, body_from=7),
    prefixed(
        "digitalocean-access-token", "doo_v1_[a-f0-9]{64}", ("doo_v1_",), severity=C, body_from=7
    ),
    prefixed("digitalocean-refresh-token", "dor_v1_[a-f0-9]{64}", ("dor_v1_",), body_from=7),
    # Alibaba, Tencent, IBM, Yandex, smaller clouds.
    prefixed("alibaba-access-key-id", "LTAI[a-zA-Z0-9]{20}", ("ltai",), body_from=4),
    keyed("alibaba-secret-key", "alibaba|aliyun", "[a-z0-9]{30}", ("alibaba", "aliyun")),
    prefixed("tencent-secret-id", "AKID[a-zA-Z0-9]{32}", ("akid",), body_from=4),
    keyed(
        "ibm-cloud-iam-key",
        "ibm_?cloud_?iam_?key|ibm_?cloud_?api_?key|ibm_?api_?key|iam_?api_?key",
        "[a-zA-Z0-9_\\-]{44}",
        ("ibm", "iam_api", "iamapi"),
        severity=C,
        min_entropy=3.5,
    ),
    keyed(
        "ibm-cos-hmac-secret",
        "cos_?hmac_?keys?|ibm_?cos|secret_?access_?key",
        "[a-f0-9]{48}",
        ("cos_hmac", "coshmac", "ibm_cos", "secret_access"),
    ),
    prefixed("yandex-api-key", "AQVN[A-Za-z0-9_\\-]{35,38}", ("aqvn",), body_from=4),
    prefixed("yandex-aws-access-token", "YC[a-zA-Z0-9_\\-]{38}", ("yc",), body_from=2),
    SecretRule(
        name="yandex-access-token",
        regex=rf"{LEFT_EDGE}(t1\.[A-Z0-9a-z_-]+=*\.[A-Z0-9a-z_-]{{86}}=*){RIGHT_EDGE}",
        keywords=("t1.",),
        body_from=3,
        min_entropy=3.5,
    ),
    prefixed(
        "cloudflare-origin-ca-key",
        "v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}",
        ("v1.0-",),
        severity=C,
        body_from=5,
    ),
    keyed("cloudflare-global-api-key", "cloudflare", "[a-f0-9]{37}", ("cloudflare",), severity=C),
    keyed("cloudflare-api-key", "cloudflare", "[a-z0-9_-]{40}", ("cloudflare",), severity=C),
    keyed("linode-api-token", "linode", "[a-f0-9]{64}", ("linode",)),
    keyed("hetzner-api-token", "hcloud|hetzner", "[a-zA-Z0-9]{64}", ("hcloud", "hetzner")),
    keyed("scaleway-secret-key", "scaleway|scw_?secret", UUID, ("scaleway", "scw")),
    keyed("fastly-api-token", "fastly", "[a-z0-9=_\\-]{32}", ("fastly",)),
    prefixed("databricks-api-token", "dapi[a-f0-9]{32}(?:-\\d)?", ("dapi",), body_from=4),
    prefixed("clickhouse-cloud-api-secret-key", "4b1d[A-Za-z0-9]{38}", ("4b1d",), body_from=4),
    keyed("confluent-access-token", "confluent", "[a-z0-9]{16}", ("confluent",)),
    keyed("confluent-secret-key", "confluent", "[a-z0-9]{64}", ("confluent",)),
    prefixed(
        "dynatrace-api-token",
        "dt0c01\\.[a-z0-9]{24}\\.[a-z0-9]{64}",
        ("dt0c01.",),
        ignore_case=True,
    ),
    prefixed("openshift-user-token", "sha256~[\\w-]{43}", ("sha256~",), body_from=7),
    keyed(
        "kubernetes-service-account-token",
        "k8s_?token|kube_?token",
        "eyJ[\\w.\\-]{100,}",
        ("k8s", "kube"),
    ),
)
