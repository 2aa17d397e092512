"""The value type shared by the English and Japanese number parsers, and their common pieces.

Import the public API from `termqa.text.numbers`; this module exists so that the two parsers and
the matcher can share `Quantity` without importing each other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

# Units: a small normalised vocabulary so that equivalent renderings compare equal.
PLAIN = ""  # a count or measure: "3", "three", "3つ", "3件", "5層", "3.1 points", "3.1ポイント"
PERCENT = "%"  # "7%", "7 percent", "7％", "7パーセント", "7割" (as 70)
TIMES = "x"  # "2x", "2×", "twice", "2倍"; fractions ("half", "半分", "3分の1") too
USD = "USD"  # "$300", "300 dollars", "300ドル"
JPY = "JPY"  # "¥300", "300円"
EUR = "EUR"
GBP = "GBP"
DATE = "date"  # calendar dates, encoded as yyyymmdd (year 0 when absent; a month is a day range)

# Qualifiers, kept for messages; matching looks at values.
EXACT = ""
APPROX = "~"  # about, around, ~, 約, およそ, 程度
AT_LEAST = ">="  # at least, over, more than, 100+, 以上, 超
AT_MOST = "<="  # up to, at most, less than, under, 以下, 未満
VAGUE = "vague"  # hundreds of, dozens of, 数百, 十数: the interval is a guess, match by overlap


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as it occurs in a text: its span, its value interval, unit and qualifier.

    `low == high` for exact values; ranges ("2–4x", "2〜4倍") and vague quantities ("数百") are
    intervals. `scale` is the scale word or suffix as written ("B", "billion", "億", "k"), so a
    scale slip can be named. `optional` marks quantities a good translator may drop or add
    (small number words used as determiners, section references, vague and fractional amounts).
    """

    start: int
    end: int
    text: str
    low: float
    high: float
    unit: str = PLAIN
    qual: str = EXACT
    scale: str = ""
    optional: bool = False
    ref: bool = False  # a figure, table or section number: matched to references first
    parts: tuple[Quantity, ...] = ()  # a range's two ends as written ("38.6%", "42.3%")

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    @property
    def approx(self) -> bool:
        return self.qual in {APPROX, VAGUE}

    @property
    def value(self) -> float:
        return (self.low + self.high) / 2


class Around(NamedTuple):
    """What the words around a number say about it."""

    qual: str
    optional: bool
    ref: bool


def range_quantity(
    text: str,
    spans: tuple[int, int, int, int, int],
    ends: tuple[float, float],
    *,
    unit: str,
    scale: str,
    around: Around,
) -> Quantity:
    """A range ("2–4x", "38.6%から42.3%") with its two ends, which align on their own when the
    range as a whole finds no match. `spans`: start, first end's start and end, second end's
    start, end."""
    start, a_start, a_end, b_start, end = spans
    marks = (around.qual, scale, around.optional, around.ref)
    a, b = ends
    parts = (
        Quantity(a_start, a_end, text[a_start:a_end], a, a, unit, *marks),
        Quantity(b_start, end, text[b_start:end], b, b, unit, *marks),
    )
    return Quantity(start, end, text[start:end], min(a, b), max(a, b), unit, *marks, parts)


# Full-width ASCII to ASCII, one character for one, so offsets stay true (NFKC may not).
FULLWIDTH = str.maketrans(
    {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "}
)

# Full-width digits, letters and number separators (1．5); the Japanese parser reads full-width
# ％, ＄ and ～ as they are.
_WIDE_ASCII = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]|[0-9][\uff0c\uff0e][0-9]")


def ascii_width(text: str) -> str:
    """`text` with full-width digits, letters and number signs as ASCII (same length)."""
    return text.translate(FULLWIDTH) if _WIDE_ASCII.search(text) else text


KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4}
KANJI_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
KANJI_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
SCALES = {"万": 1e4, "億": 1e8, "兆": 1e12}


def kanji_value(text: str) -> float | None:
    """Value of a kanji numeral: positional ("二〇二四") or with 十/百/千 ("三十五", "六百")."""
    if not any(ch in KANJI_SMALL_UNITS for ch in text):
        digits = [KANJI_DIGITS.get(ch) for ch in text]
        if any(d is None for d in digits):
            return None
        return float("".join(str(d) for d in digits))
    total, digit = 0, None
    for ch in text:
        if ch in KANJI_DIGITS:
            if digit is not None:
                return None  # "二三" inside a 十/百/千 numeral is not a number
            digit = KANJI_DIGITS[ch]
        elif ch in KANJI_SMALL_UNITS:
            total += (1 if digit is None else digit) * KANJI_SMALL_UNITS[ch]
            digit = None
        else:
            return None
    return float(total + (digit or 0))


def ascii_value(text: str, scale: float = 1.0) -> float:
    """Value of "1,024", "16.96" (after FULLWIDTH), times `scale` without float noise (4.07k)."""
    digits = text.replace(",", "")
    if scale == 1.0 or "." not in digits:
        return float(digits) * scale
    return float(Decimal(digits) * Decimal(int(scale)))


DIGIT_RUN = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def digit_key(text: str) -> str:
    """The digits of a number as written, without separators or trailing zero decimals."""
    key = text.replace(",", "")
    if "." in key:
        key = key.rstrip("0").rstrip(".")
    return key.lstrip("0") or "0"


def date_value(year: int, month: int, day: int | None) -> tuple[float, float]:
    """A date, or a whole month when the day is unknown, as a yyyymmdd interval."""
    base = year * 10000 + month * 100
    if day is None:
        return float(base + 1), float(base + 31)
    return float(base + day), float(base + day)


def valid_date(month: int, day: int | None) -> bool:
    return 1 <= month <= 12 and (day is None or 1 <= day <= 31)


def trie_regex(words: Iterable[str]) -> str:
    """A regex for any of `words` that branches one letter at a time, so it rejects fast."""
    heads: dict[str, list[str]] = {}
    for w in words:
        heads.setdefault(w[:1], []).append(w[1:])
    alts = [re.escape(h) + trie_regex(rest) for h, rest in sorted(heads.items()) if h]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"
    return f"(?:{body})?" if "" in heads else body


_CITATION = re.compile(r"[\d,\s\-–]+")
_ARXIV = re.compile(r"\d{4}\.\d{4,5}")


def is_reference_number(text: str, start: int, end: int) -> bool:
    """A citation (`[12]`, `[3, 5]`) or an arXiv id (`2403.05313`): not a quantity."""
    if _ARXIV.fullmatch(text, start, end):
        return True
    left = text.rfind("[", max(0, start - 20), start)
    if left < 0 or "]" in text[left:start]:
        return False
    right = text.find("]", end, end + 20)
    return right >= 0 and _CITATION.fullmatch(text, left + 1, right) is not None


def is_enumerator(text: str, start: int, end: int) -> bool:
    """A list enumerator: `(2)`, or `1.` / `2)` at the start of a line."""
    if text[start - 1 : start] in {"(", "（"} and text[end : end + 1] in {")", "）"}:
        return True
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip(" \t#*->") and text[end : end + 1] in {".", ")", "、"}
