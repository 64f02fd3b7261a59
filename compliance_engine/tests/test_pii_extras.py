"""Opt-in PII detectors: one table of true and false positives per detector."""

from __future__ import annotations

import pytest

from compliance_engine.detector import Detector
from compliance_engine.detectors.pii import PII_DETECTORS
from compliance_engine.detectors.pii.es_dni import ES_DNI
from compliance_engine.detectors.pii.fr_siren import FR_SIREN
from compliance_engine.detectors.pii.it_fiscal_code import IT_FISCAL_CODE
from compliance_engine.detectors.pii.uk_nhs import UK_NHS
from compliance_engine.detectors.pii.uk_nino import UK_NINO
from compliance_engine.detectors.pii.us_aba_routing import US_ABA_ROUTING
from compliance_engine.detectors.pii.us_itin import US_ITIN
from compliance_engine.tests.pii_values import found_values, seconds_to_scan, with_luhn_digit

EXTRAS = (UK_NINO, UK_NHS, ES_DNI, IT_FISCAL_CODE, US_ITIN, US_ABA_ROUTING, FR_SIREN)
SIREN = with_luhn_digit("73282932")
SIRET = with_luhn_digit(SIREN + "0007")


def _nhs(first_nine: str) -> str:
    remainder = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True)) % 11
    return first_nine + str((11 - remainder) % 11)


NHS = _nhs("401023213")

TRUE_POSITIVES: list[tuple[Detector, str, str]] = [
    (UK_NINO, "My National Insurance number is JG 10 32 59 A", "JG 10 32 59 A"),
    (UK_NINO, "NINO: AB123456C for payroll", "AB123456C"),
    (UK_NINO, "ni number ce 12 34 56 d", "ce 12 34 56 d"),
    (UK_NHS, "NHS number 943 476 5919 for the referral", "943 476 5919"),
    (UK_NHS, f"Patient {NHS} was discharged", NHS),
    (UK_NHS, f"nhs no. {NHS[:3]}-{NHS[3:6]}-{NHS[6:]}", f"{NHS[:3]}-{NHS[3:6]}-{NHS[6:]}"),
    (ES_DNI, "Mi DNI es 12345678Z, gracias", "12345678Z"),
    (ES_DNI, "NIE X1234567L del empleado", "X1234567L"),
    (ES_DNI, "DNI 12345678-z", "12345678-z"),
    (IT_FISCAL_CODE, "Codice fiscale: RSSMRA85T10A562S", "RSSMRA85T10A562S"),
    (IT_FISCAL_CODE, "CF rssmra85t10a562s per la fattura", "rssmra85t10a562s"),
    (IT_FISCAL_CODE, "Steuernummer (IT) RSSMRA85T10A562S bitte", "RSSMRA85T10A562S"),
    (US_ITIN, "ITIN 912-70-1234 on the W-7", "912-70-1234"),
    (US_ITIN, "taxpayer id 955 88 1234", "955 88 1234"),
    (US_ITIN, "Her ITIN is 999941234", "999941234"),
    (US_ABA_ROUTING, "Routing number 011000015, account 1234", "011000015"),
    (US_ABA_ROUTING, "ABA 021000021 for the wire", "021000021"),
    (US_ABA_ROUTING, "bank routing: 011000015.", "011000015"),
    (FR_SIREN, f"SIREN {SIREN} au RCS de Paris", SIREN),
    (FR_SIREN, f"SIRET : {SIRET}", SIRET),
    (
        FR_SIREN,
        f"siren {SIREN[:3]} {SIREN[3:6]} {SIREN[6:]}",
        f"{SIREN[:3]} {SIREN[3:6]} {SIREN[6:]}",
    ),
]

FALSE_POSITIVES: list[tuple[Detector, str]] = [
    (UK_NINO, "National Insurance QQ 12 34 56 C is the HMRC example"),
    (UK_NINO, "NINO GB123456A uses a never-allocated prefix"),
    (UK_NINO, "NINO AB123456E has no valid suffix"),
    (UK_NHS, "NHS number 943 476 5918 has the wrong check digit"),
    (UK_NHS, "Patient 1111111111 placeholder"),
    (UK_NHS, "Order 9434765919 shipped today"),
    (ES_DNI, "DNI 12345678A has the wrong letter"),
    (ES_DNI, "NIE X1234567A has the wrong letter"),
    (ES_DNI, "Part 123456789Z is nine digits"),
    (IT_FISCAL_CODE, "Codice fiscale RSSMRA85T10A562T has the wrong check letter"),
    (IT_FISCAL_CODE, "CF RSSMRA85Z10A562S has an impossible month letter"),
    (IT_FISCAL_CODE, "SKU ABCDEF12G34H567IJ is longer"),
    (US_ITIN, "ITIN 912-40-1234 is outside the IRS group ranges"),
    (US_ITIN, "ITIN 812-70-1234 does not start with 9"),
    (US_ITIN, "ITIN 912-70-0000 has serial 0000"),
    (US_ABA_ROUTING, "Routing number 011000016 fails the checksum"),
    (US_ABA_ROUTING, "Routing 991000015 has an unused prefix"),
    (US_ABA_ROUTING, "Order 011000015 shipped today"),
    (FR_SIREN, f"SIREN {SIREN[:-1]}{(int(SIREN[-1]) + 1) % 10} fails Luhn"),
    (FR_SIREN, "SIREN 000000000 is a placeholder"),
    (FR_SIREN, f"Commande {SIREN} expédiée"),
]


@pytest.mark.parametrize(("detector", "text", "expected"), TRUE_POSITIVES)
def test_detect_finds_value_when_extra_format_and_check_match(
    detector: Detector, text: str, expected: str
) -> None:
    assert found_values(detector, text) == [expected]


@pytest.mark.parametrize(("detector", "text"), FALSE_POSITIVES)
def test_detect_finds_nothing_when_extra_value_is_invalid(detector: Detector, text: str) -> None:
    assert found_values(detector, text) == []


@pytest.mark.parametrize("detector", EXTRAS)
def test_extra_is_opt_in_when_registered(detector: Detector) -> None:
    assert detector in PII_DETECTORS
    assert detector.default_enabled is False


@pytest.mark.parametrize("detector", EXTRAS)
@pytest.mark.parametrize("filler", ["9" * 65_536, "AB12 " * 13_107, "12-34-" * 10_922])
def test_detect_finishes_fast_when_input_is_adversarial(detector: Detector, filler: str) -> None:
    assert seconds_to_scan(detector, "routing nhs siren itin dni nino cf " + filler) < 1.0
