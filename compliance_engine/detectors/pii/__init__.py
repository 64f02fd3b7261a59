"""The built-in PII detectors: the eight core types, then opt-in extras."""

from compliance_engine.detector import Detector
from compliance_engine.detectors.pii.credit_card import CREDIT_CARD
from compliance_engine.detectors.pii.email import EMAIL
from compliance_engine.detectors.pii.es_dni import ES_DNI
from compliance_engine.detectors.pii.fr_nir import FR_NIR
from compliance_engine.detectors.pii.fr_siren import FR_SIREN
from compliance_engine.detectors.pii.iban import IBAN
from compliance_engine.detectors.pii.ip_address import IP_ADDRESS
from compliance_engine.detectors.pii.it_fiscal_code import IT_FISCAL_CODE
from compliance_engine.detectors.pii.passport import PASSPORT
from compliance_engine.detectors.pii.phone import PHONE
from compliance_engine.detectors.pii.uk_nhs import UK_NHS
from compliance_engine.detectors.pii.uk_nino import UK_NINO
from compliance_engine.detectors.pii.us_aba_routing import US_ABA_ROUTING
from compliance_engine.detectors.pii.us_itin import US_ITIN
from compliance_engine.detectors.pii.us_ssn import US_SSN

PII_DETECTORS: tuple[Detector, ...] = (
    EMAIL,
    PHONE,
    CREDIT_CARD,
    IBAN,
    US_SSN,
    FR_NIR,
    IP_ADDRESS,
    PASSPORT,
    # opt-in extras (default_enabled=False)
    UK_NINO,
    UK_NHS,
    ES_DNI,
    IT_FISCAL_CODE,
    US_ITIN,
    US_ABA_ROUTING,
    FR_SIREN,
)

__all__ = ["PII_DETECTORS"]
