"""Length-preserving case and width folds, and the character classes the matchers use."""

from __future__ import annotations


def _tables() -> tuple[dict[int, int], dict[int, int]]:
    width = {c + 0xFEE0: c for c in range(0x21, 0x7F)}
    width.update({0x3000: 0x20, 0x2010: 0x2D, 0x2011: 0x2D})
    lower = {k: ord(chr(v).lower()) for k, v in width.items()}
    for code in (*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x370, 0x400)):
        folded = chr(code).lower()
        if len(folded) == 1 and folded != chr(code):
            lower[code] = ord(folded)
    return width, lower


_WIDTH, _FOLD = _tables()


def width_fold(text: str) -> str:
    """Full-width ASCII to half-width (case kept); same length as `text`."""
    return text if text.isascii() else text.translate(_WIDTH)


def fold(text: str) -> str:
    """Width fold plus lower case (ASCII, Latin, Greek); same length as `text`."""
    return text.lower() if text.isascii() else text.translate(_FOLD)


def is_japanese(text: str) -> bool:
    """True when `text` holds a kana or kanji character."""
    return any("\u3040" <= c <= "\u30ff" or "\u3400" <= c <= "\u9fff" for c in text)


def word_char(c: str) -> bool:
    """A letter, digit or underscore of any script (word boundaries in English text)."""
    return c.isalnum() or c == "_"


def latin_char(c: str) -> bool:
    """A Latin letter, digit or underscore (word boundaries in Japanese text)."""
    return (c.isascii() and (c.isalnum() or c == "_")) or ("\u00c0" <= c < "\u0250" and c.isalpha())
