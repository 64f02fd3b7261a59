"""The keyword prefilter: every detector whose keyword occurs is selected, no other."""

from __future__ import annotations

import pytest

from compliance_engine.prefilter import KeywordPrefilter

KEYWORDS = (("api_key",), ("key", "@"), ("y_api",), ("ghp_", "."), ())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nothing here", set()),
        ("my api_key is", {0, 1}),
        ("xkey_api_key", {0, 1, 2}),
        ("mail a@b", {1}),
        ("token ghp_x", {3}),
        ("end.", {3}),
        ("", set()),
    ],
)
def test_matching_returns_owners_when_keywords_overlap(text: str, expected: set[int]) -> None:
    assert KeywordPrefilter(KEYWORDS).matching(text) == expected


def test_matching_is_empty_when_no_detector_has_keywords() -> None:
    assert KeywordPrefilter([(), ()]).matching("anything at all") == set()


def test_keywords_are_lower_cased_when_declared_in_upper_case() -> None:
    assert KeywordPrefilter([("AKIA",)]).matching("key akia123") == {0}


def test_matching_equals_substring_tests_when_keywords_are_many() -> None:
    keywords = [(f"kw{i}x", f"{i}-tok", "é" * (i % 3 + 1)) for i in range(2_000)]
    prefilter = KeywordPrefilter(keywords)
    text = "some kw17x and 1999-tok plus ééé " + "kw5" * 100
    expected = {i for i, group in enumerate(keywords) if any(k in text for k in group)}
    assert prefilter.matching(text) == expected


@pytest.mark.parametrize(
    "text", ["", "nothing here", "password=1", "api_key and bearer tokens", "akia", "KEY akia"]
)
def test_matching_in_order_equals_sorted_matching_when_any_text_is_scanned(text: str) -> None:
    prefilter = KeywordPrefilter([("key", "pass"), ("api_key",), ("bearer", "akia"), ("key",)])
    assert prefilter.matching_in_order(text.lower()) == tuple(
        sorted(prefilter.matching(text.lower()))
    )
