"""Code hosting, package registries, CI/CD and infrastructure-as-code tokens."""

from __future__ import annotations

from compliance_engine.detectors.secrets.rule import (
    UUID,
    SecretRule,
    keyed,
    not_placeholder,
    prefixed,
)
from compliance_engine.model import Severity

C = Severity.CRITICAL


def _not_template(value: str) -> bool:
    # Registry configs and Artifactory docs show masked keys (AKCxxxxxxxx) as the real
    # format; only variable references are stand-ins here.
    return not value.startswith(("$", "{", "<"))


_GL = "[0-9a-zA-Z_-]"

CODE_HOST_RULES: tuple[SecretRule, ...] = (
    # GitHub: documented prefixes, 36 base62 characters (fine-grained PATs: 82).
    prefixed("github-pat", "ghp_[0-9a-zA-Z]{36}", ("ghp_",), severity=C, body_from=4),
    prefixed("github-oauth", "gho_[0-9a-zA-Z]{36}", ("gho_",), severity=C, body_from=4),
    prefixed("github-app-token", "(?:ghu|ghs)_[0-9a-zA-Z]{36}", ("ghu_", "ghs_"), body_from=4),
    prefixed("github-refresh-token", "ghr_[0-9a-zA-Z]{36,76}", ("ghr_",), body_from=4),
    prefixed(
        "github-fine-grained-pat", "github_pat_[0-9a-zA-Z_]{82}", ("github_pat_",), severity=C
    ),
    # GitLab: one prefix per token kind.
    prefixed("gitlab-pat", f"glpat-{_GL}{{20,50}}", ("glpat-",), severity=C, body_from=6),
    prefixed(
        "gitlab-pat-routable",
        f"glpat-{_GL}{{27,300}}\\.[0-9a-z]{{2}}[0-9a-z]{{7}}",
        ("glpat-",),
        severity=C,
        body_from=6,
    ),
    prefixed("gitlab-ptt", "glptt-[0-9a-f]{40}", ("glptt-",), body_from=6),
    prefixed("gitlab-rrt", f"GR1348941{_GL}{{20,50}}", ("gr1348941",), body_from=9),
    prefixed("gitlab-runner-auth-token", f"glrt-(?:t\\d_)?{_GL}{{20,}}", ("glrt-",), body_from=5),
    prefixed("gitlab-cicd-job-token", f"glcbt-[0-9a-zA-Z]{{1,5}}_{_GL}{{20}}", ("glcbt-",)),
    prefixed("gitlab-deploy-token", f"gldt-{_GL}{{20,50}}", ("gldt-",), body_from=5),
    prefixed("gitlab-feature-flag-client-token", f"glffct-{_GL}{{20}}", ("glffct-",)),
    prefixed("gitlab-feed-token", f"glft-{_GL}{{20,50}}", ("glft-",), body_from=5),
    prefixed("gitlab-incoming-mail-token", f"glimt-{_GL}{{25}}", ("glimt-",), body_from=6),
    prefixed("gitlab-kubernetes-agent-token", f"glagent-{_GL}{{50}}", ("glagent-",)),
    prefixed("gitlab-oauth-app-secret", f"gloas-{_GL}{{64}}", ("gloas-",), body_from=6),
    prefixed("gitlab-scim-token", f"glsoat-{_GL}{{20,50}}", ("glsoat-",), body_from=7),
    prefixed("gitlab-session-cookie", "_gitlab_session=[0-9a-z]{32}", ("_gitlab_session",)),
    # Bitbucket app credentials are only recognisable by the key naming them.
    keyed("bitbucket-client-id", "bitbucket", "[a-z0-9]{32}", ("bitbucket",)),
    keyed("bitbucket-client-secret", "bitbucket", "[a-z0-9=_\\-]{64}", ("bitbucket",)),
    # Package registries.
    prefixed("npm-access-token", "npm_[a-zA-Z0-9]{36}", ("npm_",), severity=C, body_from=4),
    SecretRule(
        name="npm-auth-token",
        regex=r"(?<![\w/])//[\w.\-]+(?::\d+)?(?:/[\w.\-]*)*/:_auth(?:Token)?=[ \t]*([^\s'\"]+)",
        keywords=(":_auth",),
        check=_not_template,
    ),
    prefixed(
        "pypi-upload-token",
        "pypi-AgEIcHlwaS5vcmc[A-Za-z0-9\\-_]{50,}",
        ("pypi-ageichlwas5vcmc",),
        severity=C,
    ),
    prefixed("rubygems-api-token", "rubygems_[a-f0-9]{48}", ("rubygems_",), body_from=9),
    prefixed(
        "clojars-api-token",
        "CLOJARS_[a-zA-Z0-9]{60}",
        ("clojars_",),
        body_from=8,
        ignore_case=True,
    ),
    keyed("nuget-api-key", "nuget", "oy2[a-z0-9]{43}", ("nuget",)),
    SecretRule(
        name="nuget-config-password",
        regex=r"""(?i)<add\s+key=["'](?:ClearText)?Password["']\s+value=["']([^"'<>]{8,200})["']""",
        keywords=("<add key=",),
        check=not_placeholder,
    ),
    prefixed("dockerhub-pat", "dckr_pat_[a-zA-Z0-9_\\-]{27}", ("dckr_pat_",), body_from=9),
    prefixed("dockerhub-oat", "dckr_oat_[a-zA-Z0-9_\\-]{32}", ("dckr_oat_",), body_from=9),
    # JFrog / Artifactory.
    SecretRule(
        name="artifactory-legacy-token",
        # At the start or after a space, "=", ":" or a quote. The test sits after the literal
        # "A" so the regex engine skips to candidates at C speed (80x faster on long prose,
        # where the keyword "artif" of "artificial" selects this rule).
        regex=r"(A(?<![^\s=:\"']A)(?:KC[a-zA-Z0-9]{10,}|P[\dA-F][a-zA-Z0-9]{8,}))(?![\w])",
        keywords=("akc", "artif", "jfrog"),
        score=0.8,
        check=_not_template,
    ),
    prefixed("artifactory-api-key", "AKCp[A-Za-z0-9]{69}", ("akcp",), body_from=4),
    prefixed("artifactory-reference-token", "cmVmd[A-Za-z0-9]{59}", ("cmvmd",), body_from=5),
    keyed(
        "jfrog-api-key",
        "jfrog|artifactory|bintray|xray",
        "[a-z0-9]{73}",
        ("jfrog", "artifactory", "bintray", "xray"),
    ),
    keyed(
        "jfrog-identity-token",
        "jfrog|artifactory|bintray|xray",
        "[a-z0-9]{64}",
        ("jfrog", "artifactory", "bintray", "xray"),
    ),
    prefixed("chieftools-pat", "ctp_[a-zA-Z0-9]{30,248}", ("ctp_",), body_from=4),
    prefixed("chieftools-access-token", "cto_[a-zA-Z0-9]{30,248}", ("cto_",), body_from=4),
    prefixed("chieftools-refresh-token", "ctr_[a-zA-Z0-9]{30,248}", ("ctr_",), body_from=4),
    SecretRule(
        name="django-insecure-secret-key",
        regex=r"[\"'](django-insecure-[^\"'\s]{10,250})[\"']",
        keywords=("django-insecure-",),
    ),
    SecretRule(
        name="ansible-vault-secret",
        regex=r"(\$ANSIBLE_VAULT;[0-9]\.[0-9];AES256(?:;[\w-]{1,64})?[ \t]*\r?\n"
        r"[ \t]*[0-9a-f]{32,}(?:\r?\n[ \t]*[0-9a-f]{2,80}){0,400})",
        keywords=("ansible_vault;",),
    ),
    # Infrastructure as code and secret managers.
    prefixed(
        "hashicorp-tf-api-token",
        "[a-zA-Z0-9]{14}\\.atlasv1\\.[a-zA-Z0-9\\-_=]{60,70}",
        (".atlasv1.",),
        severity=C,
        min_entropy=3.0,
    ),
    SecretRule(
        name="hashicorp-tf-password",
        regex=r"""(?i)administrator_login_password[ \t]*=[ \t]*"([^"$\s]{8,64})\"""",
        keywords=("administrator_login_password",),
    ),
    prefixed(
        "vault-service-token",
        "hvs\\.[\\w-]{90,120}",
        ("hvs.",),
        severity=C,
        body_from=4,
        min_entropy=3.5,
    ),
    SecretRule(
        name="vault-legacy-service-token",
        regex=r"(?<![\w.\-])(s\.(?=[a-zA-Z]*[0-9])(?=[a-z0-9]*[A-Z])[a-zA-Z0-9]{24})(?![\w\-])",
        keywords=(" s.", '"s.', "=s.", "`s.", "\ts.", "\ns."),
        severity=C,
        min_entropy=3.5,
        body_from=2,
    ),
    prefixed("vault-batch-token", "hvb\\.[\\w-]{138,300}", ("hvb.",), severity=C, body_from=4),
    prefixed("doppler-api-token", "dp\\.(?:pt|st|sa|ct|scim|audit)\\.[a-zA-Z0-9]{40,44}", ("dp.",)),
    prefixed("pulumi-api-token", "pul-[a-f0-9]{40}", ("pul-",), body_from=4),
    prefixed(
        "flyio-access-token",
        "(?:fo1_[\\w-]{43}|fm1[ar]_[a-zA-Z0-9+/]{100,}={0,3}|fm2_[a-zA-Z0-9+/]{100,}={0,3})",
        ("fo1_", "fm1a_", "fm1r_", "fm2_"),
        severity=C,
        body_from=4,
        min_entropy=3.5,
    ),
    prefixed("heroku-api-key-v2", "HRKU-AA[0-9a-zA-Z_-]{58}", ("hrku-",), body_from=7),
    keyed("heroku-api-key", "heroku", UUID, ("heroku",)),
    keyed(
        "vercel-api-token", "vercel|zeit|now_token", "[a-zA-Z0-9]{24}", ("vercel", "zeit", "now_")
    ),
    keyed("netlify-access-token", "netlify", "[a-z0-9=_\\-]{40,46}", ("netlify",)),
    prefixed("scalingo-api-token", "tk-us-[\\w-]{48}", ("tk-us-",), body_from=6),
    prefixed("octopus-deploy-api-key", "API-[A-Z0-9]{26}", ("api-",), body_from=4),
    prefixed(
        "harness-api-key",
        "(?:pat|sat)\\.[a-zA-Z0-9_-]{22}\\.[a-zA-Z0-9]{24}\\.[a-zA-Z0-9]{20}",
        ("pat.", "sat."),
    ),
    prefixed("prefect-api-token", "pnu_[a-zA-Z0-9]{36}", ("pnu_",), body_from=4),
    prefixed("readme-api-token", "rdme_[a-z0-9]{70}", ("rdme_",), body_from=5),
    keyed("codecov-access-token", "codecov", "[a-z0-9]{32}", ("codecov",)),
    keyed("droneci-access-token", "droneci|drone_ci|drone-ci", "[a-z0-9]{32}", ("drone",)),
    keyed("travisci-access-token", "travis", "[a-z0-9]{22}", ("travis",)),
    keyed("circleci-api-token", "circle", "[a-f0-9]{40}", ("circle",)),
    keyed("snyk-api-token", "snyk", UUID, ("snyk",)),
    keyed("sonar-api-token", "sonar", "(?:squ_|sqp_|sqa_)?[a-z0-9=_\\-]{40}", ("sonar",)),
    prefixed(
        "sourcegraph-access-token",
        "sgp_(?:[a-fA-F0-9]{16}|local)_[a-fA-F0-9]{40}|sgp_[a-fA-F0-9]{40}",
        ("sgp_",),
        body_from=4,
    ),
    keyed("sourcegraph-legacy-token", "sourcegraph", "[a-fA-F0-9]{40}", ("sourcegraph",)),
    keyed("launchdarkly-access-token", "launchdarkly", "[a-z0-9=_\\-]{40}", ("launchdarkly",)),
    prefixed("infracost-api-token", "ico-[a-zA-Z0-9]{32}", ("ico-",), body_from=4),
    prefixed("postman-api-token", "PMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}", ("pmak-",), body_from=5),
    prefixed(
        "settlemint-token", "sm_(?:pat|aat|sat)_[a-zA-Z0-9]{16}", ("sm_pat_", "sm_aat_", "sm_sat_")
    ),
)
