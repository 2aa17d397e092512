"""Japanese quantities: ASCII, full-width and kanji digits, 万/億/兆, units, ranges and dates.

Full-width characters are read as ASCII (offsets stay those of the input). Kanji numerals are
taken only where they clearly count something: a single digit before a counter or unit (`三つ`,
`五倍`), a numeral written with 十/百/千 (`五百問`, `三十五歳`, `六百の`), or a positional one
with 〇 or four digits (`二〇二四年`); never after another kanji (統一, 唯一), so words such as
一般, 十分, 一方 and 二三日 are not numbers. Not quantities: digits inside identifiers (`GPT-4`,
`Llama-3-8B`), ordinals (`第3章`, `2番目`, `1つ目`, `3位`), citations and list enumerators.
Optional (may be added by a good translator, never reported as added): values 0 and 1, figure and
section references (`図2`, `表3`), vague amounts (`数百`, `十数`), `半分`, fractions (`3分の1`) and
bare months.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import NamedTuple

from termqa.text.numbers_base import (
    APPROX,
    AT_LEAST,
    AT_MOST,
    DATE,
    EUR,
    EXACT,
    GBP,
    JPY,
    PERCENT,
    PLAIN,
    SCALES,
    TIMES,
    USD,
    VAGUE,
    Around,
    Quantity,
    ascii_value,
    ascii_width,
    date_value,
    is_enumerator,
    is_reference_number,
    kanji_value,
    range_quantity,
    valid_date,
)

_KNUM = "[〇一二三四五六七八九十百千]+"
_KMD = "[一二三四五六七八九十]{1,3}"
_ANUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_PART = rf"(?:{_ANUM}[千百]?|{_KNUM})"
_NUMBER = rf"{_PART}(?:[兆億万]{_PART}?)*"


def _atom(p: str) -> str:
    return (
        rf"(?P<{p}cur>[$¥€£＄￥]\s?)?(?P<{p}n>{_NUMBER})(?P<{p}suf>[kKMBT](?![A-Za-z]))?"
        rf"(?P<{p}unit>\s?[%％]|\s?パーセント|倍|米?ドル|円|ユーロ|割|\s?[x×](?![A-Za-z0-9]))?"
        r"(?![A-Za-z0-9_]|[.,/:]\d)"
    )


_JA = re.compile(
    rf"""
    (?=[0-9〇一二三四五六七八九十百千数何半倍$¥€£＄￥])
    (?:(?P<ymd>(?P<ymd_y>\d{{4}}|[〇一二三四五六七八九]{{4}})年(?P<ymd_m>\d{{1,2}}|{_KMD})月
        (?:(?P<ymd_d>\d{{1,2}}|{_KMD})日)?)
    |(?P<iso>(?<![A-Za-z0-9_.-])(?P<iso_y>\d{{4}})[-/](?P<iso_m>\d{{1,2}})[-/](?P<iso_d>\d{{1,2}})
        (?![A-Za-z0-9_-]))
    |(?P<md>(?<![0-9〇一二三四五六七八九十])(?P<md_m>\d{{1,2}}|{_KMD})月(?:(?P<md_d>\d{{1,2}}|{_KMD})日)?)
    |(?P<vague>十数[万億兆]?|(?:数|何)(?:[十百千][万億兆]?|[万億兆]))
    |(?P<half>半分|半数|倍増)
    |(?P<frac>(?P<fr_d>\d+|[一二三四五六七八九十百]+)分の(?P<fr_n>\d+|[一二三四五六七八九十]+))
    |(?<![A-Za-z0-9_.,/])(?<![A-Za-z0-9_][-./])(?<!\d:){_atom("a_")}
        (?:(?P<sep>\s?[〜~～\-–—−]\s?|から){_atom("b_")})?)
    """,
    re.VERBOSE,
)

_SPECIAL = frozenset({"ymd", "iso", "md", "vague", "half", "frac"})
_CJK_LO, _CJK_HI = "\u4e00", "\u9fff"
_PREFIX_OK = frozenset("約計全各毎大低長短超最")
_COUNTERS = re.compile(
    r"つ|個|件|人|倍|種|層|回|段|割|年|ヶ月|か月|カ月|日|時間|分間|秒|週|億|万|兆|%|点|枚|台|社|名"
    r"|冊|桁|文字|語|行|列|問|題|本|基|機|体|組|歳|例|箇所|か所|ヶ所|カ所|項目"
    r"|ドル|円|パーセント|ポイント|ステップ|エポック|トークン|パラメータ"
)
_KANJI_WORDS = ("八百屋", "八百長", "十二分", "四十肩", "五十音")  # numerals that are words
_ORDINAL_AFTER = re.compile(r"\s?(?:番目|つ目|個目|回目|位|章|節|次|項|条|号|巻|代目|世代)")
_REFERENCE = re.compile(
    r"(?:図|表|式|例|付録|手順|ステップ|セクション|バージョン|パート|フェーズ|タスク|レベル|行目"
    r"|Step|Section|Table|Figure|Fig\.|Eq\.|No\.|#)\s?$"
)
_QUAL_BEFORE = re.compile(
    r"(?:(?P<approx>約|およそ|おおよそ|ほぼ|概ね|大体)|(?P<le>最大で?|最高|最長|上限)"
    r"|(?P<ge>少なくとも|最低でも?|最小))$"
)
_QUAL_AFTER = re.compile(
    r"(?:(?P<ge>以上|超|を超え|強|余り|あまり)|(?P<le>以下|未満|弱|足らず)"
    r"|(?P<approx>前後|程度|ほど|近く|くらい|ぐらい))"
)
_UNITS = {"%": PERCENT, "％": PERCENT, "パーセント": PERCENT, "倍": TIMES, "x": TIMES, "×": TIMES}
_UNITS |= {"ドル": USD, "米ドル": USD, "円": JPY, "ユーロ": EUR, "割": PERCENT}
_CURRENCIES = {"$": USD, "¥": JPY, "€": EUR, "£": GBP, "＄": USD, "￥": JPY}
_SUFFIXES = {"k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}
_GROUP = re.compile(r"([^兆億万]+)([兆億万]?)")


class _Atom(NamedTuple):
    value: float
    unit: str
    scale: str
    kanji: bool  # written in kanji numerals only
    counted: bool  # followed by a unit, a scale or a counter


def parse_ja(text: str) -> list[Quantity]:
    """Every comparable quantity in a Japanese text, in order of appearance."""
    t = ascii_width(text)
    out: list[Quantity] = []
    for m in _JA.finditer(t):
        kind = m.lastgroup or ""
        out.extend(_special(t, m, kind) if kind in _SPECIAL else _number(t, m))
    return out if t == text else [_retext(q, text) for q in out]


def _retext(q: Quantity, text: str) -> Quantity:
    """The quantity quoting the input as written (１２８), not as read (128)."""
    parts = tuple(_retext(p, text) for p in q.parts)
    return replace(q, text=text[q.start : q.end], parts=parts)


def _int(digits: str) -> int:
    return int(digits) if digits.isascii() else int(kanji_value(digits) or 0)


def _special(t: str, m: re.Match[str], kind: str) -> list[Quantity]:
    s, e, word = m.start(), m.end(), m.group(0)
    if kind in {"ymd", "iso", "md"}:
        return _date(m, kind)
    if kind == "vague":
        if word[0] in "数何" and _is_kanji(t[s - 1 : s]):
            return []  # 変数, 関数, 複数, 整数: a word ending in 数, not "several"
        unit = SCALES.get(word[-1], 1.0) * _SMALL.get(word[-2 if word[-1] in SCALES else -1], 1.0)
        lo, hi = (11.0, 19.0) if word.startswith("十数") else (2.0, 9.99)
        return [Quantity(s, e, word, lo * unit, hi * unit, PLAIN, VAGUE, optional=True)]
    if kind == "half":
        v = 2.0 if word == "倍増" else 0.5
        return [Quantity(s, e, word, v, v, TIMES, optional=True)]
    denom = _int(m["fr_d"])
    v = _int(m["fr_n"]) / denom if denom else 0.0
    return [Quantity(s, e, word, v, v, TIMES, optional=True)] if denom else []


def _date(m: re.Match[str], kind: str) -> list[Quantity]:
    year = _int(m[f"{kind}_y"]) if kind != "md" else 0
    month, day_text = _int(m[f"{kind}_m"]), m[f"{kind}_d"]
    day = _int(day_text) if day_text else None
    if not valid_date(month, day):
        return []
    lo, hi = date_value(year, month, day)
    optional = kind == "md" and day is None
    return [Quantity(m.start(), m.end(), m.group(0), lo, hi, DATE, optional=optional)]


_SMALL = {"十": 10.0, "百": 100.0, "千": 1000.0}


def _is_kanji(ch: str) -> bool:
    return bool(ch) and (_CJK_LO <= ch <= _CJK_HI or ch == "々")


def _number_value(ntext: str, suffix: float) -> float | None:
    """Value of 350億, 1億2000万, 5千, 三百五十, 1.5 (times `suffix` for 1.5M, 7B)."""
    total = 0.0
    for part, scale in _GROUP.findall(ntext):
        mult = SCALES.get(scale, 1.0) * suffix
        if part[0].isascii():
            small = _SMALL.get(part[-1], 1.0)
            total += ascii_value(part[:-1] if small > 1 else part, small * mult)
        else:
            v = kanji_value(part)
            if v is None:
                return None
            total += v * mult
    return total


def _read_atom(t: str, m: re.Match[str], p: str) -> _Atom | None:
    ntext, suf = m.group(f"{p}n"), m.group(f"{p}suf")
    value = _number_value(ntext, _SUFFIXES[suf] if suf else 1.0)
    if value is None:
        return None
    unit_text, cur = (m.group(f"{p}unit") or "").strip(), m.group(f"{p}cur")
    if unit_text == "割":
        value *= 10
    unit = _CURRENCIES[cur.strip()] if cur else _UNITS.get(unit_text, PLAIN)
    scale = suf or next((ch for ch in ntext if ch in SCALES), "")
    counted = bool(suf or unit_text or scale) or _COUNTERS.match(t, m.end(f"{p}n")) is not None
    kanji = not any(ch.isascii() for ch in ntext)
    return _Atom(value, unit, scale, kanji, counted)


def _number(t: str, m: re.Match[str]) -> list[Quantity]:
    sep = m.group("sep")
    a = _read_atom(t, m, "a_")
    b = _read_atom(t, m, "b_") if sep else None
    if a is None or b is None:
        singles = [(a, m.start(), m.start("sep") if sep else m.end())]
        if sep:
            singles.append((b, m.end("sep"), m.end()))
        out = [_single(t, s, e, atom) for atom, s, e in singles if atom is not None]
        return [q for q in out if q is not None]
    lo, hi = a.value, b.value
    if b.scale and not a.scale and lo * _scale_of(b.scale) <= hi:
        lo *= _scale_of(b.scale)  # 3〜5万, 30〜50億
    unit = a.unit or b.unit
    ctx = _context(t, m.start(), m.end(), a._replace(unit=unit, counted=True), single=False)
    if ctx is None:
        return []
    spans = (m.start(), m.start(), m.start("sep"), m.end("sep"), m.end())
    return [range_quantity(t, spans, (lo, hi), unit=unit, scale=b.scale or a.scale, around=ctx)]


def _scale_of(scale: str) -> float:
    return SCALES.get(scale) or _SUFFIXES.get(scale, 1.0)


def _single(t: str, start: int, end: int, atom: _Atom) -> Quantity | None:
    ctx = _context(t, start, end, atom)
    if ctx is None:
        return None
    v = atom.value
    return Quantity(start, end, t[start:end], v, v, atom.unit, ctx.qual, atom.scale, *ctx[1:])


def _context(t: str, start: int, end: int, atom: _Atom, *, single: bool = True) -> Around | None:
    """What the text around a number says of it; None if it is no quantity."""
    before = t[max(0, start - 8) : start]
    if before.rstrip().endswith("第") or _ORDINAL_AFTER.match(t, end):
        return None
    if atom.kanji and not _plausible_kanji(t, start, end, atom):
        return None
    if is_reference_number(t, start, end):
        return None
    small = not (atom.scale or atom.unit or atom.kanji) and atom.value < 100
    if single and small and is_enumerator(t, start, end):
        return None
    qual = EXACT
    q = _QUAL_BEFORE.search(before) or _QUAL_AFTER.match(t, end)
    if q is not None:
        qual = APPROX if q.group("approx") else AT_LEAST if q.group("ge") else AT_MOST
    ref = _REFERENCE.search(before) is not None
    return Around(qual, atom.value <= 1 or ref, ref)


def _plausible_kanji(t: str, start: int, end: int, atom: _Atom) -> bool:
    """三つ, 五百人, 六百の, 二〇二四年: yes; 一般, 統一, 十分, 一方, 二三日 (a few days): no."""
    prev, numeral = t[start - 1 : start], t[start:end]
    if _is_kanji(prev) and prev not in _PREFIX_OK:
        return False
    positional = not any(ch in "十百千万億兆" for ch in numeral)
    if positional and 1 < len(numeral) < 4 and "〇" not in numeral:
        return False
    if atom.counted:
        return True
    if len(numeral) < 2 or t.startswith(_KANJI_WORDS, start):
        return False
    # 五百問, 三十五歳: a numeral with 十/百/千 counts whatever follows it
    return not positional or not _is_kanji(t[end : end + 1])
