"""Fold a message into the canonical view the injection cues and classifier read.

The view is lower-case Latin without accents, zero-width characters or look-alike
letters; spaced-out words ("i g n o r e") are joined and leetspeak digits inside
words are read as letters. Every step is a C-level ``str`` method or one regex
pass, so folding stays linear and cheap. ``exact_offsets`` says whether positions
in the view are positions in the original text.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

# Characters that render as nothing (or only steer direction) and so hide words from filters.
_INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068"
    "\u2069\u206a\u206b\u206c\u206d\u206e\u206f\u3164\ufe00\ufe01\ufe0e\ufe0f\ufeff"
)

# Lower-case Cyrillic and Greek letters drawn like Latin ones, then accented Latin.
_LOOKALIKES = {
    "а": "a", "в": "b", "е": "e", "ё": "e", "і": "i", "ї": "i",
    "ј": "j", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "ѕ": "s", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "ӏ": "l", "ь": "b", "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k",
    "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "γ": "y",
    "à": "a", "á": "a", "â": "a", "ä": "a", "ã": "a", "å": "a", "ç": "c", "è": "e",
    "é": "e", "ê": "e", "ë": "e", "ì": "i", "í": "i", "î": "i", "ï": "i", "ñ": "n",
    "ò": "o", "ó": "o", "ô": "o", "ö": "o", "õ": "o", "ù": "u", "ú": "u", "û": "u",
    "ü": "u", "ÿ": "y", "œ": "oe", "æ": "ae", "ı": "i", "ł": "l", "ø": "o",
    "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "«": '"', "»": '"',
}  # fmt: skip

# Combining accents left over by decomposed input ("e" + U+0301) are dropped.
_COMBINING = "".join(chr(code) for code in range(0x300, 0x370))
_FOLD_TABLE = str.maketrans({**dict.fromkeys(_INVISIBLE + _COMBINING, None), **_LOOKALIKES})
# The commonest non-ASCII characters of chat text, replaced by C-speed str.replace first.
_TYPOGRAPHY = (
    ("\u2019", "'"),
    ("\u2018", "'"),
    ("\u201c", '"'),
    ("\u201d", '"'),
    ("\u2014", "-"),
    ("\u2013", "-"),
    ("\u2026", "."),
    ("\u00a0", " "),
)
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_LEET_TABLE = str.maketrans("013457@$", "oieastas")

# A leet digit between two letters ("1gn0re", "h4ck"): the only case worth a second view.
# Three or more single letters joined by one separator: "i g n o r e", "s.y.s.t.e.m".
_SPACED_RUN = re.compile(r"(?<![a-z])(?:[a-z][ ._*\-]){2,}[a-z](?![a-z])")
_SEPARATORS = re.compile(r"[ ._*\-]")

# The skeleton of a text: one byte per character, "a" for a letter, "1" for a leet digit,
# " " for a separator, "#" otherwise. Substring tests on it (C speed) gate the regexes:
# a leet digit between letters ("1gn0re") or four spaced-out letters ("i g n o").
_SKELETON = bytes(
    0x61 if 0x61 <= code <= 0x7A else 0x31 if chr(code) in "0134578@$" else
    0x20 if chr(code) in " ._*-" else 0x23
    for code in range(256)
)  # fmt: skip
_LEET_MARK = b"a1a"
_LEET_DOUBLE_MARK = b"a11a"
_SPACED_MARK = b" a a a a"


class Folded(NamedTuple):
    """The canonical view of a text and whether its offsets match the original's."""

    text: str
    exact_offsets: bool


def fold(text: str, lower: str | None = None) -> Folded:
    """Return the canonical view of ``text`` (see the module docstring).

    ``lower`` is ``text.lower()`` when the caller already has it.
    """
    folded = text.lower() if lower is None else lower
    if not folded.isascii():
        for typographic, plain in _TYPOGRAPHY:
            folded = folded.replace(typographic, plain)
        if not folded.isascii():
            # Only the non-ASCII runs left need the slow Unicode work.
            folded = _NON_ASCII_RUN.sub(_fold_non_ascii, folded)
    exact = len(folded) == len(text)
    # "replace" turns each non-ASCII character into one "?", so the skeleton stays aligned.
    skeleton = folded.encode("ascii", "replace").translate(_SKELETON)
    # Both leet marks hold a "1": one byte search rules most texts out.
    if b"1" in skeleton and (_LEET_MARK in skeleton or _LEET_DOUBLE_MARK in skeleton):
        folded = folded.translate(_LEET_TABLE)
    if _SPACED_MARK in skeleton and _SPACED_RUN.search(folded):
        folded = _SPACED_RUN.sub(_join_spaced, folded)
        exact = False
    return Folded(folded, exact)


def _fold_non_ascii(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group()).casefold().translate(_FOLD_TABLE)


def _join_spaced(match: re.Match[str]) -> str:
    return _SEPARATORS.sub("", match.group())
