"""Case- and accent-insensitive views of a text that map back to the original offsets."""

from __future__ import annotations

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

    ASCII text, the common case, folds with one C call and needs no map.
    """
    if text.isascii():
        return text.lower(), None
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        piece = char.lower() if char.isascii() else fold_char(char)
        folded.append(piece)
        origin.extend([index] * len(piece))
    return "".join(folded), origin
