"""pii.ip_address: IPv4 and IPv6 (full, compressed, embedded IPv4); never versions or dates."""

from __future__ import annotations

import pytest

from compliance_engine.detector import ScanText
from compliance_engine.detectors.pii.ip_address import IP_ADDRESS
from compliance_engine.tests.pii_values import found_values, seconds_to_scan


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I can't reach the site, it resolves to 203.0.113.45 here.", "203.0.113.45"),
        ("Whitelist 10.0.0.1, please", "10.0.0.1"),
        ("Le serveur de recette répond sur fe80::1.", "fe80::1"),
        ("Gateway 2001:0db8:85a3:0000:0000:8a2e:0370:7334 is down", None),
        ("Mapped: ::ffff:192.0.2.1", "::ffff:192.0.2.1"),
        ("Visit http://[2001:db8::1]/path", "2001:db8::1"),
        ("Die VPN-Adresse ist 192.168.178.1:8443", "192.168.178.1"),
        ("VPN gateway 0:0:0:0:0:FFFF:129.144.52.38, ok?", "0:0:0:0:0:FFFF:129.144.52.38"),
        ("Default route 0.0.0.0", "0.0.0.0"),  # noqa: S104 - an address to find, not bind
    ],
)
def test_detect_finds_ip_when_address_is_valid(text: str, expected: str | None) -> None:
    want = expected or "2001:0db8:85a3:0000:0000:8a2e:0370:7334"
    assert found_values(IP_ADDRESS, text) == [want]


@pytest.mark.parametrize(
    "text",
    [
        "Upgraded to v1.2.3.4 this morning",
        "Running version 10.0.0.1 of the firmware",
        "Build 17.40.1252.3 still shows the bug",
        "OID 1.3.6.1.4.1 is registered",
        "Octets too big: 256.1.1.1 and 1.2.3.999",
        "Deadline is 19.03.2027 EOD",
        "Meeting at 14:30:00, not an address",
        "MAC 00:1A:2B:3C:4D:5E on the switch",
        "Broken 2001::25de::cade and 684D:1111:222:3333:4444:5555:77",
    ],
)
def test_detect_finds_nothing_when_text_is_not_an_address(text: str) -> None:
    assert found_values(IP_ADDRESS, text) == []


def test_detect_explains_rule_and_context_when_ip_found() -> None:
    (finding,) = IP_ADDRESS.detect(ScanText("server ip 198.51.100.7"))
    assert finding.explanation.rule == "ip.v4"
    assert finding.explanation.checks == ("octets_le_255",)
    assert "server" in finding.explanation.context


@pytest.mark.parametrize("filler", ["1." * 32_768, "1:" * 32_768, "a:" * 32_768, "::1." * 16_384])
def test_detect_finishes_fast_when_input_is_adversarial(filler: str) -> None:
    assert seconds_to_scan(IP_ADDRESS, filler) < 1.0
