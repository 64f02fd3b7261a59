"""Find the heuristic injection cues of a folded message.

A strong cue that is quoted or discussed ("the email said 'ignore previous
instructions'", "how do we detect 'developer mode' prompts?") is demoted to
weak: it then counts only if the classifier agrees.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Set
from typing import NamedTuple

from compliance_engine.detectors.injection.cue_table import OVERRIDE_CUES, Cue
from compliance_engine.detectors.injection.cue_table_extraction import EXTRACTION_CUES
from compliance_engine.detectors.injection.cue_table_roles import DELIMITER_CUES, PERSONA_CUES

# Within a family strong cues come first: once one hits, the family's other cues are skipped
# (they could not change the decision or the classifier's features).
ALL_CUES: tuple[Cue, ...] = tuple(
    sorted(
        (*OVERRIDE_CUES, *EXTRACTION_CUES, *PERSONA_CUES, *DELIMITER_CUES),
        key=lambda cue: not cue.strong,
    )
)

# Anchor occurrences tried per cue: bounds the work on a hostile, repetitive message.
MAX_TRIES_PER_ANCHOR = 32
# How far before a cue reporting or discussion words are looked for, in characters.
_DISCUSSION_WINDOW = 90
# Words that report someone else's text: they demote a cue only when a quote opens nearby.
_REPORTED = re.compile(
    r"\b(?:said|says|saying|wrote|writes|written|contain\w*|sentence|string|quot\w*|"
    r"dit|disait|ecrit|contient|contenait|message|mail|email|text|texte)\b"
)
# Words of a conversation about attacks: they demote a cue on their own.
_DISCUSSED = re.compile(
    r"\b(?:phrases?|such as|e\.g\.|for example|examples?|attacks?|attackers?|inject\w*|"
    r"detect\w*|classif\w*|patterns?|recogni[sz]\w*|exemples?|signal\w*|tentatives?|"
    r"malicious|malveillant\w*|phishing|hameconnage)\b"
)
# An opening quote: a double quote, or a single quote not inside a word ("don't").
_OPENING_QUOTE = re.compile(r"\"|(?:^|[\s:(])'|`")


class CueHit(NamedTuple):
    """One cue found in the folded text, with its span there."""

    cue: str
    family: str
    start: int
    end: int
    strong: bool


def _index_anchor_masks() -> dict[str, int]:
    masks: dict[str, int] = {}
    for position, cue in enumerate(ALL_CUES):
        for anchor in cue.anchors:
            masks[anchor] = masks.get(anchor, 0) | 1 << position
    return masks


# Anchor word -> bit mask of the positions (in ALL_CUES) of the cues it can start: OR-ing the
# masks of the anchors present finds the candidates, and reading the bits from the lowest
# keeps the hits in a stable order.
_CUE_MASK_BY_ANCHOR = _index_anchor_masks()
_ANCHOR_WORDS = frozenset(_CUE_MASK_BY_ANCHOR)
# Every word a cue's ``requires`` asks for: the message's words are intersected with these and
# the anchors in one pass, rather than all of them being put into a set.
_REQUIRED_WORDS = frozenset().union(*(group for cue in ALL_CUES for group in cue.requires))
_KEY_WORDS = _ANCHOR_WORDS | _REQUIRED_WORDS
# Per cue, its anchors in declared order (the order they are tried in), without repeats.
_ORDERED_ANCHORS = tuple(tuple(dict.fromkeys(cue.anchors)) for cue in ALL_CUES)


def find_cues(folded: str, words: Iterable[str]) -> tuple[CueHit, ...]:
    """Return the first hit of every cue whose anchors occur in ``folded``."""
    # The few words that matter (anchors, required words), found in one pass; most messages
    # hold no anchor at all.
    present = _KEY_WORDS.intersection(words)
    anchored = _ANCHOR_WORDS.intersection(present) if present else present
    if not anchored:
        return ()
    candidates = 0
    for anchor in anchored:
        candidates |= _CUE_MASK_BY_ANCHOR[anchor]
    hits = []
    settled: set[str] = set()
    while candidates:
        lowest = candidates & -candidates
        candidates ^= lowest
        position = lowest.bit_length() - 1
        cue = ALL_CUES[position]
        if cue.family in settled:
            continue
        match = _first_match(cue, _ORDERED_ANCHORS[position], folded, present, anchored)
        if match is not None:
            start, end = match.span()
            strong = cue.strong and not _is_reported(folded, start)
            hits.append(CueHit(cue.name, cue.family, start, end, strong))
            if strong:
                settled.add(cue.family)
    return tuple(hits)


def _first_match(
    cue: Cue, anchors: tuple[str, ...], folded: str, present: Set[str], anchored: Set[str]
) -> re.Match[str] | None:
    for group in cue.requires:
        if group.isdisjoint(present):
            return None
    if cue.literal:
        return cue.compiled.search(folded)
    match_at = cue.compiled.match
    find = folded.find
    for anchor in anchors:
        if anchor not in anchored:
            continue
        index = find(anchor)
        tries = 0
        while index != -1 and tries < MAX_TRIES_PER_ANCHOR:
            # A word anchor found inside a longer word ("ai" in "said") cannot start a match.
            if index == 0 or not folded[index - 1].isalpha():
                tries += 1
                match = match_at(folded, index)
                if match is not None:
                    return match
            index = find(anchor, index + 1)
    return None


def _is_reported(folded: str, start: int) -> bool:
    window = folded[max(0, start - _DISCUSSION_WINDOW) : start]
    if _DISCUSSED.search(window):
        return True
    return bool(_OPENING_QUOTE.search(window)) and bool(_REPORTED.search(window))
