"""Case- and accent-insensitive views of a text that map back to the original offsets."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """Return a character case-folded, compatibility-decomposed and stripped of accents."""
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(part for part in decomposed if not unicodedata.combining(part)).casefold()


def fold_text(text: str) -> str:
    """Return the folded form of a whole text (used for terms; offsets are not needed)."""
    if text.isascii():
        return text.lower()
    return "".join(fold_char(char) for char in text)


def fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """Fold a text; the list maps each folded character to its original index (None: identity).

    ASCII text, the common case, folds with one C call and needs no map; in a mixed text the
    ASCII runs fold in bulk and only the other characters one by one.
    """
    if text.isascii():
        return text.lower(), None
    folded: list[str] = []
    origin: list[int] = []
    for run in _ASCII_OR_NOT.finditer(text):
        start, end = run.span()
        if text[start].isascii():
            folded.append(run.group().lower())
            origin.extend(range(start, end))
            continue
        for index in range(start, end):
            piece = fold_char(text[index])
            folded.append(piece)
            origin.extend([index] * len(piece))
    return "".join(folded), origin


# Maximal runs of ASCII characters, and of other characters.
_ASCII_OR_NOT = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]+")
