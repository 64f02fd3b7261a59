"""Secret detectors: 100+ credential formats, each a declaration gated by keywords."""

from compliance_engine.detectors.secrets.ai import AI_RULES
from compliance_engine.detectors.secrets.chat_saas import CHAT_SAAS_RULES
from compliance_engine.detectors.secrets.cloud import CLOUD_RULES
from compliance_engine.detectors.secrets.code_hosts import CODE_HOST_RULES
from compliance_engine.detectors.secrets.database import DATABASE_RULES
from compliance_engine.detectors.secrets.finder import FinderRule
from compliance_engine.detectors.secrets.generic import GENERIC_RULES
from compliance_engine.detectors.secrets.http_auth import HTTP_AUTH_RULES
from compliance_engine.detectors.secrets.keys import KEY_RULES
from compliance_engine.detectors.secrets.observability import OBSERVABILITY_RULES
from compliance_engine.detectors.secrets.payments import PAYMENT_RULES
from compliance_engine.detectors.secrets.rule import SecretRule

SECRET_DETECTORS: tuple[SecretRule | FinderRule, ...] = (
    *KEY_RULES,
    *CLOUD_RULES,
    *CODE_HOST_RULES,
    *CHAT_SAAS_RULES,
    *OBSERVABILITY_RULES,
    *PAYMENT_RULES,
    *AI_RULES,
    *DATABASE_RULES,
    *HTTP_AUTH_RULES,
    *GENERIC_RULES,
)

__all__ = ["SECRET_DETECTORS", "FinderRule", "SecretRule"]
