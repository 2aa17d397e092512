"""Telling Japanese lines from English ones, by counting scripts in the masked text."""

from __future__ import annotations

import re
from enum import StrEnum

_KANA = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\uff66-\uff9f]")
_KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005]")
_JA_PUNCT = re.compile(r"[\u3001\u3002\u300c-\u300f\uff08\uff09\uff01\uff1f\uff1a]")
_LATIN = re.compile(r"[A-Za-z]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_JAPANESE = re.compile(r"[\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
_SENTENCE_PUNCT = re.compile(r"[、。，．]")
# A slash between the Japanese and the English half of a bilingual title.
_TITLE_SLASH = re.compile(r"[ \t\u3000]+[/／][ \t\u3000]+|／")


class Lang(StrEnum):
    JA = "ja"
    EN = "en"
    OTHER = "other"  # numbers, symbols, or too little text to tell


def classify(text: str) -> Lang:
    """Japanese when it has kana, or kanji beyond a stray one; English when it is Latin text
    without kana; otherwise OTHER."""
    if _KANA.search(text):
        return Lang.JA
    kanji = len(_KANJI.findall(text))
    latin = len(_LATIN.findall(text)) if kanji <= 1 else 0
    if kanji >= 2 or (kanji == 1 and (latin < 10 or _JA_PUNCT.search(text))):
        return Lang.JA
    if latin >= 2 and _WORD.search(text):
        return Lang.EN
    return Lang.OTHER


def has_japanese(text: str) -> bool:
    return _JAPANESE.search(text) is not None


def has_uppercase(text: str) -> bool:
    return any(ch.isupper() for ch in text if ch.isascii())


def is_english_title(text: str) -> bool:
    """A line that reads as an English title: Latin words, no Japanese, no final period."""
    stripped = text.strip().rstrip("*_ ")
    if not stripped or has_japanese(stripped) or classify(stripped) is not Lang.EN:
        return False
    words = _WORD.findall(stripped)
    if not 2 <= len(words) <= 25:
        return False
    return not stripped.endswith((".", "。", ",", ";", ":")) or stripped.endswith("et al.")


def split_title(text: str) -> tuple[int, int] | None:
    """For `日本語タイトル / English Title`, the (end of the Japanese half, start of the English
    half) offsets in `text`; None when the line is not such a title."""
    if "/" not in text and "／" not in text:
        return None
    for match in _TITLE_SLASH.finditer(text):
        left, right = text[: match.start()], text[match.end() :]
        if not right.strip() or not left.strip():
            continue
        if has_japanese(right) or _SENTENCE_PUNCT.search(left):
            continue
        if len(_WORD.findall(right)) < 2 and len(left.strip()) > 20:
            continue
        if classify(left) is Lang.JA and classify(right) is Lang.EN:
            return match.start(), match.end()
    return None
