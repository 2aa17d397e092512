"""House styles for the typography rules: a frozen description and the named presets.

A style says what the typography rules enforce; the unambiguous defects (full-width Latin,
half-width katakana, one bracket pair of two widths, ASCII punctuation ending a Japanese
sentence) are defects in every preset. See docs/style.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from termqa.errors import TermqaError

Punctuation = Literal["maru", "period", "any"]
Spacing = Literal["forbidden", "required", "any"]
Brackets = Literal["fullwidth", "japanese-content", "any"]
RangeMarker = Literal["wave-dash", "any"]


@dataclass(frozen=True, slots=True)
class HouseStyle:
    """What the typography rules enforce.

    `punctuation`: `maru` wants 。、 and flags ．， after Japanese; `period` wants ．， and
    flags 。、; `any` accepts both. ASCII `.`/`,` ending a Japanese sentence or clause is
    flagged unless `allow_ascii_punctuation`; full-width Latin letters and digits and half-width
    katakana are flagged unless allowed (no preset allows them).
    `spacing` between Japanese (kana, kanji) and Latin letters or digits: `forbidden` flags a
    space there, `required` flags a missing one (letters only: `3つ`, `2024年` stay as they are).
    `brackets`: `fullwidth` wants （） for every pair in Japanese text, `japanese-content` for
    pairs whose content is Japanese; `any` accepts both (a pair of two widths is always wrong).
    `range_marker`: `wave-dash` wants 〜 (or ～) between numbers, not ASCII `~`.
    """

    name: str
    punctuation: Punctuation = "maru"
    allow_ascii_punctuation: bool = False
    allow_fullwidth_alnum: bool = False
    allow_halfwidth_kana: bool = False
    spacing: Spacing = "any"
    brackets: Brackets = "any"
    range_marker: RangeMarker = "any"
    glued_names: bool = True  # flag `A100GPU`: a known product name glued to GPU/CPU/TPU


PRESETS: MappingProxyType[str, HouseStyle] = MappingProxyType(
    {
        # JTF日本語標準スタイルガイド: 。、, half-width alphanumerics, no half-width kana, no
        # space between full-width and half-width characters, （） for Japanese content, 〜.
        "jtf": HouseStyle(
            "jtf",
            punctuation="maru",
            spacing="forbidden",
            brackets="japanese-content",
            range_marker="wave-dash",
        ),
        # JTF punctuation and widths, but spaces around Latin words and either bracket width,
        # as much technical writing does (`GPU を`, `LoRA (低ランク適応)`).
        "technical": HouseStyle("technical", punctuation="maru", range_marker="wave-dash"),
        # A space between Japanese and Latin letters (`GPU を使う`), as some developer
        # documentation styles require.
        "spaced": HouseStyle(
            "spaced", punctuation="maru", spacing="required", range_marker="wave-dash"
        ),
        # Academic writing with ．， instead of 。、.
        "academic": HouseStyle("academic", punctuation="period", range_marker="wave-dash"),
        # Only the unambiguous defects.
        "permissive": HouseStyle("permissive", punctuation="any"),
    }
)


def resolve_style(name: str) -> HouseStyle:
    """The preset called `name` (case-insensitive); TermqaError for an unknown name."""
    style = PRESETS.get(name.strip().lower())
    if style is None:
        known = ", ".join(sorted(PRESETS))
        raise TermqaError(f"unknown house style '{name}' (known styles: {known})")
    return style
