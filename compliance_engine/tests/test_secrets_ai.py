"""AI platform keys: true positives and look-alikes (placeholders, truncated keys)."""

from __future__ import annotations

import time

import pytest

from compliance_engine.tests.secret_fakes import (
    BASE62,
    HEX,
    LOWER,
    UPPER,
    URLSAFE,
    FalseRow,
    TrueRow,
    fake,
    found,
    keyed_row,
    row,
)

_MARK = "T3BlbkFJ"
TRUE_POSITIVES: list[TrueRow] = [
    row("openai-api-key", "sk-" + fake(BASE62, 20, 501) + _MARK + fake(BASE62, 20, 502)),
    row(
        "openai-api-key",
        "sk-proj-" + fake(URLSAFE, 58, 503) + _MARK + fake(URLSAFE, 58, 504),
        "OPENAI_API_KEY={}",
    ),
    row("openai-project-key", "sk-proj-" + fake(URLSAFE, 156, 505)),
    row("anthropic-api-key", "sk-ant-api03-" + fake(URLSAFE, 93, 506) + "AA"),
    row("anthropic-admin-api-key", "sk-ant-admin01-" + fake(URLSAFE, 93, 507) + "AA"),
    row("huggingface-access-token", "hf_" + fake(LOWER + UPPER, 34, 508), "--token {}"),
    row("huggingface-organization-api-token", "api_org_" + fake(LOWER + UPPER, 34, 509)),
    keyed_row("cohere-api-token", "CO_API_KEY", fake(BASE62, 40, 510)),
    keyed_row("replicate-api-token-keyed", "replicate_token", fake(HEX, 40, 511)),
    row("replicate-api-token", "r8_" + fake(BASE62, 37, 512)),
    row("groq-api-key", "gsk_" + fake(BASE62, 52, 513)),
    row("perplexity-api-key", "pplx-" + fake(BASE62, 48, 514)),
    keyed_row("mistral-api-key", "MISTRAL_API_KEY", fake(BASE62, 32, 515)),
    row("xai-api-key", "xai-" + fake(BASE62, 80, 516)),
    row("deepseek-api-key", "sk-" + fake(HEX, 32, 517)),
    keyed_row("together-api-key", "TOGETHER_API_KEY", fake(HEX, 64, 518)),
    row("langsmith-api-key", f"lsv2_pt_{fake(HEX, 32, 519)}_{fake(HEX, 10, 520)}"),
    row("pinecone-api-key", f"pcsk_{fake(BASE62, 6, 521)}_{fake(BASE62, 65, 522)}"),
    keyed_row("openai-organization-key", "openai_key", "sk-" + fake(BASE62, 48, 523)),
    keyed_row("wandb-api-key", "WANDB_API_KEY", fake(HEX, 40, 524)),
    row("claude-code-oauth-token", "sk-ant-oat01-" + fake(URLSAFE, 95, 525)),
    row("claude-code-session-url", "https://claude.ai/code/session_" + fake(BASE62, 24, 526)),
    keyed_row("privateai-api-token", "PRIVATE_AI_KEY", fake(LOWER + "0123456789", 32, 527)),
]

FALSE_POSITIVES: list[FalseRow] = [
    ("openai-api-key", "export OPENAI_API_KEY=sk-XXXXXXXXXXXXXXXXXXXXXXXX"),
    ("openai-api-key", "OPENAI_API_KEY=sk-XXXX…"),
    ("openai-api-key", "set OPENAI_API_KEY to your_api_key_here"),
    ("openai-project-key", 'api_key = "sk-proj-..."'),
    ("anthropic-api-key", "sk-ant-api03-" + fake(URLSAFE, 93, 530) + "ZZ"),
    ("huggingface-access-token", "<p>Paste your token (it looks like <code>hf_xxxx</code>).</p>"),
    ("huggingface-organization-api-token", "api_org_" + "X" * 34),
    ("huggingface-organization-api-token", "const api_org_routes = require('./routes');"),
    ("cohere-api-token", "COHERE_API_KEY=" + "x" * 40),
    ("deepseek-api-key", "task-0123456789abcdef0123456789abcdef"),
]


@pytest.mark.parametrize(("rule", "text", "value"), TRUE_POSITIVES)
def test_reports_secret_when_ai_key_present(rule: str, text: str, value: str) -> None:
    assert (rule, value) in found(text)


@pytest.mark.parametrize(("rule", "text"), FALSE_POSITIVES)
def test_reports_nothing_when_ai_lookalike(rule: str, text: str) -> None:
    assert found(text) == [], rule


@pytest.mark.parametrize("text", ["sk-" * 21000, "sk-proj-" + "a" * 65536, "hf_" * 21000])
def test_finishes_fast_when_ai_input_is_adversarial(text: str) -> None:
    started = time.perf_counter()
    found(text)
    assert time.perf_counter() - started < 1.0
