"""Code hosts, registries, CI/CD and IaC tokens: true positives and look-alikes."""

from __future__ import annotations

import time

import pytest

from compliance_engine.tests.secret_fakes import (
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

_GL = URLSAFE
TRUE_POSITIVES: list[TrueRow] = [
    row("github-pat", "ghp_" + fake(BASE62, 36, 101), "git clone https://x:{}@github.com/a/b"),
    row("github-oauth", "gho_" + fake(BASE62, 36, 102)),
    row("github-app-token", "ghs_" + fake(BASE62, 36, 103)),
    row("github-app-token", "ghu_" + fake(BASE62, 36, 104)),
    row("github-refresh-token", "ghr_" + fake(BASE62, 76, 105)),
    row("github-fine-grained-pat", "github_pat_" + fake(BASE62 + "_", 82, 106)),
    row("gitlab-pat", "glpat-" + fake(_GL, 20, 107), "PRIVATE-TOKEN: {}"),
    row("gitlab-pat-routable", "glpat-" + fake(_GL, 27, 108) + "." + fake(LOWER_ALNUM, 9, 109)),
    row("gitlab-ptt", "glptt-" + fake(HEX, 40, 110)),
    row("gitlab-rrt", "GR1348941" + fake(_GL, 20, 111)),
    row("gitlab-runner-auth-token", "glrt-" + fake(_GL, 20, 112)),
    row("gitlab-cicd-job-token", "glcbt-64_" + fake(_GL, 20, 113)),
    row("gitlab-deploy-token", "gldt-" + fake(_GL, 20, 114)),
    row("gitlab-feature-flag-client-token", "glffct-" + fake(_GL, 20, 115)),
    row("gitlab-feed-token", "glft-" + fake(_GL, 20, 116)),
    row("gitlab-incoming-mail-token", "glimt-" + fake(_GL, 25, 117)),
    row("gitlab-kubernetes-agent-token", "glagent-" + fake(_GL, 50, 118)),
    row("gitlab-oauth-app-secret", "gloas-" + fake(_GL, 64, 119)),
    row("gitlab-scim-token", "glsoat-" + fake(_GL, 20, 120)),
    row("gitlab-session-cookie", "_gitlab_session=" + fake(LOWER_ALNUM, 32, 121), "Cookie: {}"),
    keyed_row("bitbucket-client-id", "bitbucket_client_id", fake(LOWER_ALNUM, 32, 122)),
    keyed_row("bitbucket-client-secret", "bitbucket_secret", fake(URLSAFE, 64, 123)),
    row("npm-access-token", "npm_" + fake(BASE62, 36, 124)),
    row("npm-auth-token", fake_uuid(125), "//registry.npmjs.org/:_authToken={}"),
    row("pypi-upload-token", "pypi-AgEIcHlwaS5vcmc" + fake(URLSAFE, 70, 126)),
    row("rubygems-api-token", "rubygems_" + fake(HEX, 48, 127)),
    row("clojars-api-token", "CLOJARS_" + fake(LOWER_ALNUM, 60, 128)),
    keyed_row("nuget-api-key", "NUGET_API_KEY", "oy2" + fake(LOWER_ALNUM, 43, 129)),
    row(
        "nuget-config-password",
        "Sx9" + fake(BASE62, 12, 130),
        '<add key="ClearTextPassword" value="{}" />',
    ),
    row("dockerhub-pat", "dckr_pat_" + fake(URLSAFE, 27, 131)),
    row("dockerhub-oat", "dckr_oat_" + fake(URLSAFE, 32, 132)),
    row("artifactory-api-key", "AKCp" + fake(BASE62, 69, 133)),
    row("artifactory-legacy-token", "AKC" + fake(BASE62, 12, 180), "X-JFrog-Art-Api: {}"),
    row("artifactory-legacy-token", "AP6" + fake(BASE62, 10, 181), "artifactory_password={}"),
    row("artifactory-reference-token", "cmVmd" + fake(BASE62, 59, 134)),
    keyed_row("jfrog-api-key", "JFROG_API_KEY", fake(LOWER_ALNUM, 73, 135)),
    keyed_row("jfrog-identity-token", "artifactory_token", fake(LOWER_ALNUM, 64, 136)),
    row(
        "hashicorp-tf-api-token",
        fake(BASE62, 14, 137) + ".atlasv1." + fake(URLSAFE, 67, 138),
        'token = "{}"',
    ),
    row(
        "hashicorp-tf-password",
        "Vq3" + fake(BASE62, 12, 139),
        'administrator_login_password = "{}"',
    ),
    row("vault-service-token", "hvs." + fake(URLSAFE, 100, 140)),
    row("vault-legacy-service-token", "s.7Q" + fake(BASE62, 22, 182), "token: {}"),
    row("vault-batch-token", "hvb." + fake(URLSAFE, 150, 141)),
    row("doppler-api-token", "dp.pt." + fake(BASE62, 43, 142)),
    row("pulumi-api-token", "pul-" + fake(HEX, 40, 143)),
    row("flyio-access-token", "fm2_" + fake(BASE64, 140, 144), 'FLY_API_TOKEN="FlyV1 {}"'),
    row("heroku-api-key-v2", "HRKU-AA" + fake(URLSAFE, 58, 145)),
    keyed_row("heroku-api-key", "HEROKU_API_KEY", fake_uuid(146)),
    keyed_row("vercel-api-token", "VERCEL_TOKEN", fake(BASE62, 24, 147)),
    keyed_row("netlify-access-token", "netlify_token", fake(LOWER_ALNUM + "_-", 43, 148)),
    row("scalingo-api-token", "tk-us-" + fake(URLSAFE, 48, 149)),
    row("octopus-deploy-api-key", "API-" + fake(UPPER_ALNUM, 26, 150)),
    row(
        "harness-api-key",
        "pat." + fake(URLSAFE, 22, 151) + "." + fake(BASE62, 24, 152) + "." + fake(BASE62, 20, 153),
    ),
    row("prefect-api-token", "pnu_" + fake(BASE62, 36, 154)),
    row("readme-api-token", "rdme_" + fake(LOWER_ALNUM, 70, 155)),
    keyed_row("codecov-access-token", "CODECOV_TOKEN", fake(LOWER_ALNUM, 32, 156)),
    keyed_row("droneci-access-token", "DRONECI_TOKEN", fake(LOWER_ALNUM, 32, 157)),
    keyed_row("travisci-access-token", "travis_token", fake(LOWER_ALNUM, 22, 158)),
    keyed_row("circleci-api-token", "CIRCLECI_TOKEN", fake(HEX, 40, 159)),
    keyed_row("snyk-api-token", "SNYK_TOKEN", fake_uuid(160)),
    keyed_row("sonar-api-token", "SONAR_TOKEN", "squ_" + fake(LOWER_ALNUM, 40, 161)),
    row("sourcegraph-access-token", "sgp_" + fake(HEX, 16, 162) + "_" + fake(HEX, 40, 163)),
    keyed_row("sourcegraph-legacy-token", "sourcegraph_token", fake(HEX, 40, 164)),
    keyed_row("launchdarkly-access-token", "LAUNCHDARKLY_KEY", fake(URLSAFE, 40, 165)),
    row("infracost-api-token", "ico-" + fake(BASE62, 32, 166)),
    row("postman-api-token", "PMAK-" + fake(HEX, 24, 167) + "-" + fake(HEX, 34, 168)),
    row("settlemint-token", "sm_pat_" + fake(BASE62, 16, 169)),
    row("chieftools-pat", "ctp_" + fake(BASE62, 36, 170)),
    row("chieftools-access-token", "cto_" + fake(BASE62, 36, 171)),
    row("chieftools-refresh-token", "ctr_" + fake(BASE62, 36, 172)),
    row(
        "django-insecure-secret-key",
        "django-insecure-" + fake(BASE62 + "!%^&*", 50, 173),
        "SECRET_KEY = '{}'",
    ),
    row(
        "ansible-vault-secret",
        "$ANSIBLE_VAULT;1.1;AES256\n" + "\n".join(fake(HEX, 80, 174 + n) for n in range(3)),
    ),
]

FALSE_POSITIVES: list[FalseRow] = [
    ("github-pat", "ghp_16C7e42F292c6912E7710c838347Ae178B4a is the documented example"),
    ("github-oauth", "token: gho_" + "x" * 36),
    ("github-app-token", "ghs_" + "X" * 36),
    ("gitlab-pat", "PRIVATE-TOKEN: glpat-" + "X" * 20),
    ("gitlab-runner-auth-token", "runner token glrt-" + "x" * 24),
    ("gitlab-rrt", "GR1348941tooShort1"),
    ("gitlab-ptt", "glptt-notHexAtAll_0123456789abcdef"),
    ("gitlab-incoming-mail-token", "glimt-only-twenty-chars-x"),
    ("npm-auth-token", "//npm.pkg.github.com/:_authToken=${GITHUB_TOKEN}"),
    ("artifactory-reference-token", "ref := cmVmd" + "Y" * 59),
    ("artifactory-api-key", "jfrog_password=AP7zzzzz"),
    ("hashicorp-tf-api-token", 'token = "' + "x" * 14 + ".atlasv1." + "x" * 67 + '"'),
    ("vault-legacy-service-token", "this.buildHttpClientFactory = make()"),
    ("vault-legacy-service-token", "s.NOLOWERCASELETTERSINHERE"),
    ("flyio-access-token", 'FLY_TOKEN="fo1_' + "x" * 43 + '"'),
    ("prefect-api-token", 'PREFECT_KEY = "pnu_' + "X" * 36 + '"'),
    (
        "octopus-deploy-api-key",
        "https://ci.example.org/badge?project=Shop_API-PaymentsGatewayService",
    ),
    ("sonar-api-token", "SONAR_HOST_URL = https://sonarcloud.io"),
    ("jfrog-api-key", "X-JFrog-Art-Api: $JFROG_API_KEY"),
    ("artifactory-legacy-token", "theAKCbuildwasinsidealongerword"),
    ("artifactory-legacy-token", "APACHE_LICENSE and APAC sales"),
]


@pytest.mark.parametrize(("rule", "text", "value"), TRUE_POSITIVES)
def test_reports_secret_when_code_host_token_present(rule: str, text: str, value: str) -> None:
    assert (rule, value) in found(text)


@pytest.mark.parametrize(("rule", "text"), FALSE_POSITIVES)
def test_reports_nothing_when_code_host_lookalike(rule: str, text: str) -> None:
    assert found(text) == [], rule


@pytest.mark.parametrize(
    "text",
    ["ghp_" * 16384, "glpat-" + "a" * 65536, "s." * 32768, fake(BASE64, 65536, 1)],
)
def test_finishes_fast_when_code_host_input_is_adversarial(text: str) -> None:
    started = time.perf_counter()
    found(text)
    assert time.perf_counter() - started < 1.0
