"""pii.iban: country lengths and MOD 97, grouped or not; wrong checksums and lengths rejected."""

from __future__ import annotations

import pytest

from compliance_engine.detector import ScanText
from compliance_engine.detectors.pii.iban import IBAN
from compliance_engine.tests.pii_values import found_values, grouped, iban, seconds_to_scan

DE = iban("DE", "370400440532013000")
FR = iban("FR", "20041010050500013M02606")
GB = iban("GB", "NWBK60161331926819")
NO = iban("NO", "86011117947")
MT = iban("MT", "MALT011000012345MTLCAST001S")
ES = iban("ES", "21000418450200051332")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"Neue Bankverbindung: {grouped(DE)}", grouped(DE)),
        (f"Nouveau RIB du fournisseur : IBAN {FR}.", FR),
        (f"My IBAN is {GB.lower()}", GB.lower()),
        (f"IBAN: {NO[:2]} {NO[2:]}", f"{NO[:2]} {NO[2:]}"),
        (f"Malta account {grouped(MT)} – please update SAP.", grouped(MT)),
        (f"Überweisung an {ES} bitte heute", ES),
        (f"{NO[:4]}.{NO[4:8]}.{NO[8:10]}.{NO[10:]}", f"{NO[:4]}.{NO[4:8]}.{NO[8:10]}.{NO[10:]}"),
    ],
)
def test_detect_finds_iban_when_length_and_checksum_match(text: str, expected: str) -> None:
    assert found_values(IBAN, text) == [expected]


def test_detect_finds_each_iban_when_two_are_listed() -> None:
    assert found_values(IBAN, f"{grouped(DE)} and {grouped(GB)}") == [grouped(DE), grouped(GB)]


@pytest.mark.parametrize(
    "text",
    [
        f"The IBAN {DE[:2]}{int(DE[2:4]) % 97 + 1:02d}{DE[4:]} bounces, checksum is wrong",
        f"Bank says {grouped(DE)}7 fails validation",
        f"{GB}X is not an IBAN",
        "Ticket XX12 3456 7890 1234 5678 was closed",
        f"Account ZZ{DE[2:]} in an unknown country",
        f"Reference {DE[4:]} without a country code",
        f"Gibraltar bank code with a digit: {iban('GI', 'NW3K000000007099453')}",
        f"Spanish national check digits wrong: {iban('ES', '21000418460200051332')}",
    ],
)
def test_detect_finds_nothing_when_iban_is_invalid(text: str) -> None:
    assert found_values(IBAN, text) == []


def test_detect_explains_checks_when_iban_found() -> None:
    (finding,) = IBAN.detect(ScanText(f"IBAN {DE}"))
    assert finding.explanation.rule == "iban.de"
    assert finding.explanation.checks == ("country_length", "bban_layout", "mod97")
    assert finding.explanation.context == ("iban",)


@pytest.mark.parametrize("filler", ["DE12 " * 13_107, "de" + "1" * 65_536, "AB12" * 16_384])
def test_detect_finishes_fast_when_input_is_adversarial(filler: str) -> None:
    assert seconds_to_scan(IBAN, filler) < 1.0
