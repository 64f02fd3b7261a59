"""IP addresses: dotted-quad IPv4 and IPv6 (full, compressed, IPv4-embedded), never versions."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from dataclasses import dataclass

from compliance_engine.detector import ScanText, finditer_near_digits
from compliance_engine.detectors.pii import digit_shapes
from compliance_engine.detectors.pii.context import (
    context_hits,
    follows_version_word,
    pii_finding,
    word_list,
)
from compliance_engine.model import Category, Explanation, Finding, Severity

# Exactly four dotted groups (octets checked in code): not part of a longer dotted sequence,
# not glued to a word; the digit comes first so the regex engine skips other characters fast.
_IPV4 = re.compile(r"\d(?<![\w.-]\d)\d{0,2}(?:\.\d{1,3}){3}(?![\w-]|\.\d)")
# Colon-delimited hex groups, optionally ending in a dotted quad; ipaddress decides validity.
_IPV6 = re.compile(
    r"(?<![\w:.])(?=[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:)(?:[0-9A-Fa-f]{0,4}:){2,7}"
    r"(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{1,4})?(?![\w:]|\.\d)"
)
# What every IPv6 match holds (its lookahead demands it): two colons at most four hex digits
# apart. Starting with a literal colon, it is found at C speed; _IPV6 itself starts with a
# lookbehind and so tries every position, which costs 20 us on a long message with colons.
_IPV6_HEAD = re.compile(r":[0-9A-Fa-f]{0,4}:")
# Words near an address that say it is one (English, French, German).
_CONTEXT = (
    *word_list("ip address adresse server serveur host gateway passerelle vpn firewall"),
    *word_list("subnet router proxy whitelist dns rechner netzwerk"),
)


def _ipv6_value(candidate: str) -> str | None:
    """Return the candidate if it is a real IPv6 address with at least one hex digit."""
    if not any(char.isalnum() for char in candidate):
        return None
    try:
        ipaddress.IPv6Address(candidate)
    except ValueError:
        return None
    return candidate


def _may_hold_ipv6(text: str) -> bool:
    # Only compressed ("::") or full forms (6+ groups) are worth the IPv6 regex pass.
    return ("::" in text or text.count(":") >= 5) and _IPV6_HEAD.search(text) is not None


def _may_hold_ipv4(scan: ScanText) -> bool:
    if "." not in scan.text or scan.digit_count < 4:
        return False
    return digit_shapes.IPV4 in digit_shapes.digit_shapes(scan)


@dataclass(frozen=True, slots=True)
class IpAddressDetector:
    """Find IPv4 and IPv6 addresses, skipping version numbers and embedded fragments."""

    id: str = "pii.ip_address"
    category: Category = Category.PII
    entity_type: str = "IP_ADDRESS"
    keywords: tuple[str, ...] = (".", ":")
    default_enabled: bool = True
    severity: Severity = Severity.MEDIUM

    def applies(self, scan: ScanText) -> bool:
        if scan.digit_count < 4 and "::" not in scan.text:
            return False
        return _may_hold_ipv6(scan.text) or _may_hold_ipv4(scan)

    def detect(self, scan: ScanText) -> Iterator[Finding]:
        taken: list[tuple[int, int]] = []
        if _may_hold_ipv6(scan.text):
            for match in _IPV6.finditer(scan.text):
                if _ipv6_value(match.group()) is not None:
                    taken.append(match.span())
                    yield self._finding(scan, match.span(), "ip.v6", "ipaddress_v6")
        if not _may_hold_ipv4(scan):
            return
        for match in finditer_near_digits(_IPV4, scan):
            start, end = match.span()
            if any(s <= start < e for s, e in taken) or follows_version_word(scan, start):
                continue
            if any(int(octet) > 255 for octet in match.group().split(".")):
                continue
            yield self._finding(scan, (start, end), "ip.v4", "octets_le_255")

    def _finding(self, scan: ScanText, span: tuple[int, int], rule: str, check: str) -> Finding:
        context = context_hits(scan, span[0], span[1], _CONTEXT)
        return pii_finding(
            self.id,
            self.entity_type,
            span,
            0.75 + (0.2 if context else 0.0),
            self.severity,
            Explanation(rule=rule, checks=(check,), context=context),
        )


IP_ADDRESS = IpAddressDetector()
