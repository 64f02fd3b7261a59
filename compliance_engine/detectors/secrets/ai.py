"""AI and ML platform keys: OpenAI, Anthropic, Hugging Face, Cohere, Groq..."""

from __future__ import annotations

from compliance_engine.detectors.secrets.rule import SecretRule, keyed, prefixed
from compliance_engine.model import Severity

C = Severity.CRITICAL
# "T3BlbkFJ" is base64 of "OpenAI": OpenAI embeds it in every key it issues.
_OPENAI_MARK = "T3BlbkFJ"

AI_RULES: tuple[SecretRule, ...] = (
    prefixed(
        "openai-api-key",
        f"sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{{20,74}}|[a-zA-Z0-9]{{20}}){_OPENAI_MARK}"
        "[A-Za-z0-9_-]{20,74}",
        ("sk-",),
        severity=C,
    ),
    prefixed(
        "openai-project-key",
        "sk-(?:proj|svcacct)-[A-Za-z0-9_-]{80,200}",
        ("sk-proj-", "sk-svcacct-"),
        severity=C,
        min_entropy=4.0,
        body_from=8,
    ),
    prefixed(
        "anthropic-api-key", "sk-ant-api03-[a-zA-Z0-9_\\-]{93}AA", ("sk-ant-api03-",), severity=C
    ),
    prefixed(
        "anthropic-admin-api-key",
        "sk-ant-admin01-[a-zA-Z0-9_\\-]{93}AA",
        ("sk-ant-admin01-",),
        severity=C,
    ),
    prefixed("huggingface-access-token", "hf_[a-zA-Z]{34}", ("hf_",), body_from=3, min_entropy=3.5),
    prefixed(
        "huggingface-organization-api-token",
        "api_org_[a-zA-Z]{34}",
        ("api_org_",),
        body_from=8,
        min_entropy=3.5,
    ),
    keyed(
        "cohere-api-token",
        "cohere|co_api_key",
        "[a-zA-Z0-9]{40}",
        ("cohere", "co_api_key"),
        min_entropy=4.0,
    ),
    keyed("replicate-api-token-keyed", "replicate", "[a-f0-9]{40}", ("replicate",)),
    prefixed("replicate-api-token", "r8_[a-zA-Z0-9]{37}", ("r8_",), body_from=3, min_entropy=3.5),
    prefixed(
        "claude-code-oauth-token",
        "sk-ant-oat01-[a-zA-Z0-9_\\-]{95}",
        ("sk-ant-oat01-",),
        severity=C,
        body_from=13,
    ),
    SecretRule(
        name="claude-code-session-url",
        regex=r"(?i)\b(https?://claude\.ai/code/session_[A-Za-z0-9]{16,})\b",
        keywords=("claude.ai/code/session_",),
    ),
    keyed(
        "privateai-api-token",
        "private[_-]?ai",
        "[a-z0-9]{32}",
        ("privateai", "private_ai", "private-ai"),
    ),
    prefixed("groq-api-key", "gsk_[a-zA-Z0-9]{52}", ("gsk_",), severity=C, body_from=4),
    prefixed("perplexity-api-key", "pplx-[a-zA-Z0-9]{48}", ("pplx-",), body_from=5),
    keyed("mistral-api-key", "mistral", "[a-zA-Z0-9]{32}", ("mistral",), min_entropy=3.8),
    prefixed("xai-api-key", "xai-[a-zA-Z0-9]{80}", ("xai-",), body_from=4, min_entropy=4.0),
    prefixed("deepseek-api-key", "sk-[a-f0-9]{32}", ("sk-",), body_from=3, min_entropy=3.2),
    keyed("together-api-key", "together", "[a-f0-9]{64}", ("together",)),
    prefixed("langsmith-api-key", "lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}", ("lsv2_",)),
    prefixed("pinecone-api-key", "pcsk_[a-zA-Z0-9]{5,6}_[a-zA-Z0-9]{60,70}", ("pcsk_",)),
    keyed("openai-organization-key", "openai", "sk-[a-zA-Z0-9]{48}", ("openai",), severity=C),
    keyed("wandb-api-key", "wandb|weights_and_biases", "[a-f0-9]{40}", ("wandb", "weights_and_b")),
)
