"""US ITIN (opt-in): 9XX-XX-XXXX with an IRS-assigned middle group."""

from __future__ import annotations

from compliance_engine.detector import Pattern, PatternDetector
from compliance_engine.model import Category, Severity

# Middle groups 50-65, 70-88, 90-92 and 94-99 are the ranges the IRS assigns.
_ITIN_REGEX = (
    r"9(?<![\w.-]9)\d\d([- ]?)(?:5\d|6[0-5]|7\d|8[0-8]|9[0-2]|9[4-9])\1\d{4}(?![\w-]|\.\d)"
)


def _not_all_zero_serial(value: str) -> bool:
    return not value.endswith("0000")


US_ITIN = PatternDetector(
    id="pii.us_itin",
    category=Category.PII,
    entity_type="US_ITIN",
    patterns=(Pattern("itin.irs_ranges", _ITIN_REGEX, score=0.4),),
    severity=Severity.HIGH,
    context_words=("itin", "taxpayer", "tax id", "irs ", "irs:", "w-7", "individual taxpayer"),
    context_boost=0.4,
    min_digits=9,
    validate=_not_all_zero_serial,
    validation_name="irs_group_range",
    default_enabled=False,
)
