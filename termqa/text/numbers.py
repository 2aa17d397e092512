"""EN↔JA number semantics: quantities parsed on both sides, compared as values, aligned.

Public API (the parsers, the matcher and the alignment live in numbers_en, numbers_ja and
numbers_align; import them from here):
    Quantity                          the value type (units PLAIN, PERCENT, TIMES, USD, JPY, DATE)
    parse_en(text) -> list[Quantity]  see numbers_en for what counts as an English quantity
    parse_ja(text) -> list[Quantity]  see numbers_ja for Japanese
    matches(src, tgt, *, strict=False) -> bool   same value as far as a reader can tell
    scale_slip(src, tgt) -> bool      a power of ten apart, with a scale word involved (35B/35億)
    align(source, target) -> Alignment  matched, changed, dropped and added quantities
    render_ja(q) -> str               how a quantity reads in Japanese: 350億, 2〜4倍, 2024年8月3日
    describe_en(value) -> str         "3.5 billion", "100,000"
"""

from __future__ import annotations

from termqa.text.numbers_align import Alignment, align, matches, scale_slip
from termqa.text.numbers_base import (
    DATE,
    EUR,
    GBP,
    JPY,
    PERCENT,
    TIMES,
    USD,
    Quantity,
)
from termqa.text.numbers_en import parse_en
from termqa.text.numbers_ja import parse_ja

__all__ = [
    "Alignment",
    "Quantity",
    "align",
    "describe_en",
    "matches",
    "parse_en",
    "parse_ja",
    "render_ja",
    "scale_slip",
]

_SUFFIX_JA = {PERCENT: "%", TIMES: "倍", USD: "ドル", JPY: "円", EUR: "ユーロ", GBP: "ポンド"}
_JA_SCALES = ((1e12, "兆"), (1e8, "億"), (1e4, "万"))
_EN_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def _fmt(v: float) -> str:
    if abs(v - round(v)) <= 1e-9 * max(1.0, abs(v)):
        return str(round(v))
    return f"{v:.6f}".rstrip("0").rstrip(".")


def _fmt_ja(v: float, scale: str) -> str:
    if scale in {"k", "K"} and v < 1e6:
        return f"{_fmt(v / 1e3)}k"
    if not scale or v < 1e4:
        return _fmt(v)
    unit, name = next((u, n) for u, n in _JA_SCALES if v >= u)
    mantissa = v / unit
    if abs(round(mantissa, 4) - mantissa) <= 1e-9 * mantissa:
        return f"{_fmt(mantissa)}{name}"  # 350億, 1.2兆, 150万
    if v != round(v):
        return _fmt(v)
    out, rest = "", round(v)
    for unit, name in _JA_SCALES:
        group, rest = divmod(rest, round(unit))
        out += f"{group}{name}" if group else ""
    return out + (str(rest) if rest else "")  # 1億2345万6789


def render_ja(q: Quantity) -> str:
    """How the quantity reads in Japanese: 350億, 7.25%, 2〜4倍, 300ドル, 2024年8月3日."""
    if q.unit == DATE:
        return _render_date(q)
    body = _fmt_ja(q.low, q.scale)
    if q.is_range:
        body = f"{body}〜{_fmt_ja(q.high, q.scale)}"
    return body + _SUFFIX_JA.get(q.unit, "")


def _render_date(q: Quantity) -> str:
    n = round(q.low)
    year, month, day = n // 10000, n // 100 % 100, n % 100
    text = f"{year}年" if year else ""
    text += f"{month}月"
    return text + (f"{day}日" if not q.is_range else "")


def describe_en(value: float) -> str:
    """An English reading of a value, for messages: "3.5 billion", "100,000"."""
    for unit, name in _EN_SCALES:
        if value >= unit:
            return f"{_fmt(value / unit)} {name}"
    if value == round(value):
        return f"{round(value):,}"
    return _fmt(value)
