"""pii.fr_nir: structure and key (97 - n mod 97), Corsica 2A/2B, usual spacing."""

from __future__ import annotations

import pytest

from compliance_engine.detector import ScanText
from compliance_engine.detectors.pii.fr_nir import FR_NIR
from compliance_engine.tests.pii_values import found_values, nir, seconds_to_scan, spaced_nir

PARIS = nir("1850775123456")
AJACCIO = nir("260122A005241")
BASTIA = nir("175112B033456")
BORN_ABROAD = nir("2920399350123")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"Numéro de sécu : {spaced_nir(PARIS)} – à ajouter", spaced_nir(PARIS)),
        (f"Le NIR du salarié est {PARIS}.", PARIS),
        (f"Mon numéro de sécurité sociale est {spaced_nir(AJACCIO)}.", spaced_nir(AJACCIO)),
        (f"INSEE {BASTIA}", BASTIA),
        (f"Sozialversicherung (FR): {spaced_nir(BORN_ABROAD)}", spaced_nir(BORN_ABROAD)),
        (
            f"Carte vitale {spaced_nir(PARIS)[:-3]} - {PARIS[-2:]} ok",
            f"{spaced_nir(PARIS)[:-3]} - {PARIS[-2:]}",
        ),
    ],
)
def test_detect_finds_nir_when_key_matches(text: str, expected: str) -> None:
    assert found_values(FR_NIR, text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        f"Le numéro {PARIS[:13]}{(int(PARIS[13:]) % 96) + 1:02d} a une clé invalide",
        f"Pay slip ref {spaced_nir(PARIS)[:-2]}00",
        f"Month 15 is impossible: {nir('1851575123456')}",
        f"Sex digit 5 is unused: {nir('5850775123456')}",
        f"Too long: {PARIS}1",
        f"Inside a code: AB{PARIS}",
    ],
)
def test_detect_finds_nothing_when_nir_is_invalid(text: str) -> None:
    assert found_values(FR_NIR, text) == []


def test_detect_explains_key_check_when_nir_found() -> None:
    (finding,) = FR_NIR.detect(ScanText(f"NIR {PARIS}"))
    assert finding.explanation.checks == ("nir_key_mod97",)
    assert finding.explanation.context == ("nir",)


@pytest.mark.parametrize("filler", ["1" * 65_536, "1 85 " * 13_107, "2A" * 32_768])
def test_detect_finishes_fast_when_input_is_adversarial(filler: str) -> None:
    assert seconds_to_scan(FR_NIR, filler) < 1.0
