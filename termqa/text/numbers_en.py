"""English quantities: digits, scales, number words, multipliers, ranges and dates.

What is not a quantity here (so never compared): digits inside identifiers and versions (a letter
earlier in the same token: `GPT-4`, `Llama-3-8B`, `FP8`, `H100`, `v1.5`, `top-5`, `1.5.2`),
digits glued to letters other than a scale or `x` (`3D`, `16GB`, `3e-4`, `4o`), ordinals (`1st`,
`first`), fractions and ratios written with `/` or `:`, arXiv ids (`2403.05313`), citations
(`[12]`, `[3, 5]`), list enumerators (`1.` at a line start, `(2)`) and `zero` (as in zero-shot).
Section references (`Section 3`, `Table 2`, `Eq. 5`), small number words (`one` … `ten`, which
translators often drop: "one of the", "two models"), `twice`/`half`/`both`, fractions, vague
amounts (`hundreds of`) and bare month names are parsed but `optional`: they match when present
and are never reported missing.
"""

from __future__ import annotations

import re
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
    TIMES,
    USD,
    VAGUE,
    Around,
    Quantity,
    ascii_value,
    date_value,
    is_enumerator,
    is_reference_number,
    range_quantity,
    trie_regex,
    valid_date,
)

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_ONES = [
    *("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"),
    *("twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"),
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_WORD_VALUES = {w: i + 1 for i, w in enumerate(_ONES)} | {
    w: 20 + 10 * i for i, w in enumerate(_TENS)
}
_MULTIPLIERS = {"hundred": 100.0, "dozen": 12.0}
_SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SUFFIXES = {"k": 1e3, "m": 1e6, "b": 1e9, "bn": 1e9, "t": 1e12}
_WORD = "|".join(sorted([*_WORD_VALUES, *_MULTIPLIERS, *_SCALE_WORDS], key=len, reverse=True))
_WORDS = (
    rf"(?:an?\s+(?=(?:hundred|thousand|million|billion|trillion|dozen)\b))?"
    rf"(?:{_WORD})(?:[\s-]+(?:{_WORD}))*(?![\w])"
)
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"


# Word starts where a quantity may begin: checked first, so most of the text is skipped fast.
_MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_STARTS = [
    *_MONTH_NAMES,
    *_ONES[:12],
    *("thirt", "fourt", "fift", "sixt", "sevent", "eighte", "eighty", "ninet", "twent", "fort"),
    *("hundred", "thousand", "million", "billion", "trillion", "dozen", "twice", "doubl"),
    *("tripl", "quadrupl", "half", "halv", "both", "between", "several"),
]
_A_STARTS = [
    *("couple", "few", "handful", "hundred", "thousand", "million", "billion", "trillion"),
    *("dozen", "third", "quarter"),
]
_LOOKAHEAD = (
    r"(?=[0-9$€£¥abdefhjmnoqst])"
    rf"(?=\b(?:[0-9]|{trie_regex(_STARTS)}|a\s+{trie_regex(_A_STARTS)})|[$€£¥])"
)


def _atom(p: str) -> str:
    return (
        rf"(?P<{p}cur>[$€£¥]\s?)?"
        rf"(?:(?P<{p}num>{_NUM})(?:(?P<{p}suf>bn|[kmbt])(?![a-z])"
        rf"|[\s-]+(?P<{p}sw>thousand|million|billion|trillion)(?![a-z]))?"
        rf"|(?P<{p}words>{_WORDS}))"
        rf"(?P<{p}unit>\s?%|\s?×|x(?![a-z0-9])|\s+percent(?![a-z])|\s+per\s+cent(?![a-z])"
        rf"|-?fold(?![a-z])|\s+times(?![a-z])|\s+(?:us\s+)?dollars?(?![a-z])|\+)?"
        r"(?![\w]|[.,/:]\d)"
    )


_EN = re.compile(
    rf"""
    {_LOOKAHEAD}
    (?:(?P<mdy>(?<![a-z])(?P<mdy_m>{_MONTH})\.?\s+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+
        (?P<mdy_y>\d{{4}})(?!\d))
    |(?P<dmy>(?<![\w.])(?P<dmy_d>\d{{1,2}})\s+(?P<dmy_m>{_MONTH})\.?,?\s+(?P<dmy_y>\d{{4}})(?!\d))
    |(?P<my>(?<![a-z])(?P<my_m>{_MONTH})\.?,?\s+(?P<my_y>\d{{4}})(?!\d))
    |(?P<iso>(?<![\w.-])(?P<iso_y>\d{{4}})-(?P<iso_m>\d{{2}})-(?P<iso_d>\d{{2}})(?![\w-]))
    |(?P<md>(?<![a-z])(?P<md_m>{_MONTH})\.?\s+(?P<md_d>\d{{1,2}})(?:st|nd|rd|th)?(?![\w]|[,.]\d))
    |(?P<month>(?<![\w])(?-i:January|February|March|April|June|July|August|September|October
        |November|December)(?![\w]))
    |(?P<halfa>(?<![\w-])half\s+a\s+(?:dozen|thousand|million|billion|trillion)(?![\w]))
    |(?P<mult>(?<![\w-])(?:twice|double[sd]?|doubling|triple[sd]?|tripling|quadruple[sd]?
        |half|halve[sd]?|halving|both)(?![\w-]))
    |(?P<vague>(?<![\w-])(?:dozens|tens|hundreds|thousands|millions|billions)
        (?:\s+of\s+(?:thousands|millions|billions))?\s+of(?![\w]))
    |(?P<few>(?<![\w-])(?:a\s+(?:couple(?:\s+of)?|few)|several|a\s+handful\s+of)\s+
        (?:hundred|thousand|million|billion)(?![\w]))
    |(?P<plural>(?<![\w.,/-])\d*[1-9]0+s(?![\w]))
    |(?P<frac>(?<![\w-])(?:(?:a|one)[\s-](?:third|quarter)|two[\s-]thirds|three[\s-]quarters)
        (?![\w]))
    |(?<![\w.,/])(?<![a-z0-9_][-.\u2010/])(?<!\d:)(?P<btw>between\s+)?{_atom("a_")}
        (?:(?P<sep>\s?[-–—~]\s?|\s+to\s+|(?(btw)\s+and\s+|[^\s\S])){_atom("b_")})?)
    """,
    re.IGNORECASE | re.VERBOSE,
)

_MONTHS = {m: i + 1 for i, m in enumerate(_MONTH_NAMES)}
_MULT = {"twi": 2.0, "dou": 2.0, "tri": 3.0, "qua": 4.0, "hal": 0.5, "bot": 2.0}
_VAGUE = {"dozens": (24.0, 99.0), "tens": (20.0, 99.0), "hundreds": (200.0, 999.0)}
_VAGUE |= {"thousands": (2e3, 9999.0), "millions": (2e6, 9.99e8), "billions": (2e9, 9.99e11)}
_FRACS = {"third": 1 / 3, "quarter": 0.25, "thirds": 2 / 3, "quarters": 0.75}
_CURRENCIES = {"$": USD, "€": EUR, "£": GBP, "¥": JPY}

_QUALIFIER = re.compile(
    r"(?:(?P<approx>about|around|approximately|approx\.|roughly|nearly|almost|some|~|≈)"
    r"|(?P<ge>over|more\s+than|greater\s+than|above|at\s+least|exceeding|beyond)"
    r"|(?P<le>up\s+to|less\s+than|fewer\s+than|under|below|at\s+most|within))\s*$",
    re.IGNORECASE,
)
_REFERENCE = re.compile(
    r"(?:^|\W)(?:section|sec\.|table|figure|fig\.|eq\.|equation|chapter|step|appendix|algorithm"
    r"|example|part|stage|phase|exercise|lesson|module|version|no\.|item|unit|task|question|day"
    r"|week|level|page|p\.|pp\.|line|round|tier|option|rule|§|#)s?\s*$",
    re.IGNORECASE,
)


class _Atom(NamedTuple):
    value: float
    unit: str
    scale: str
    words: bool
    plus: bool
    idiom: bool  # a small number word or "a dozen", often dropped by a good translator


_SPECIAL = frozenset(
    {"mdy", "dmy", "my", "iso", "md", "month", "halfa", "mult", "vague", "few", "plural", "frac"}
)


def parse_en(text: str) -> list[Quantity]:
    """Every comparable quantity in an English text, in order of appearance."""
    out: list[Quantity] = []
    for m in _EN.finditer(text):
        kind = m.lastgroup
        if kind in _SPECIAL:
            out.extend(_special(m, kind or ""))
        else:
            out.extend(_number(text, m))
    return out


def _special(m: re.Match[str], kind: str) -> list[Quantity]:
    if kind in {"mdy", "dmy", "my", "iso", "md", "month"}:
        return _date(m, kind)
    s, e, text, word = m.start(), m.end(), m.group(0), m.group(0).lower()
    if kind in {"few", "plural", "vague"}:
        lo, hi = _vague_bounds(word, kind)
        return [Quantity(s, e, text, lo, hi, PLAIN, VAGUE, optional=True)]
    if kind == "halfa":  # half a million: as exact as "a million"
        v = 0.5 * (_SCALE_WORDS.get(word.split()[-1]) or 12.0)
        return [Quantity(s, e, text, v, v, PLAIN, scale=word.split()[-1])]
    v = _MULT[word[:3]] if kind == "mult" else _FRACS[word.replace("-", " ").split()[-1]]
    return [Quantity(s, e, text, v, v, TIMES, optional=True)]


def _vague_bounds(word: str, kind: str) -> tuple[float, float]:
    """a few hundred, 1990s / 100s, hundreds of, tens of thousands of."""
    if kind == "few":
        lo = _SCALE_WORDS.get(word.rsplit(maxsplit=1)[-1], 100.0) * 2
        return lo, lo * 4.995
    if kind == "plural":
        lo = float(word[:-1])
        return lo, lo * 10 - 1
    parts = word.split()
    lo, hi = _VAGUE[parts[0]]
    scale = _SCALE_WORDS[parts[2].rstrip("s")] if len(parts) > 3 else 1.0
    return lo * scale, hi * scale


def _date(m: re.Match[str], kind: str) -> list[Quantity]:
    if kind == "month":
        month, year, day = _MONTHS[m.group(0)[:3].lower()], 0, None
    elif kind == "iso":
        month, year, day = int(m["iso_m"]), int(m["iso_y"]), int(m["iso_d"])
    else:
        month = _MONTHS[m[f"{kind}_m"][:3].lower()]
        year = int(m[f"{kind}_y"]) if kind != "md" else 0
        day = int(m[f"{kind}_d"]) if kind != "my" else None
    if not valid_date(month, day):
        return []
    lo, hi = date_value(year, month, day)
    return [Quantity(m.start(), m.end(), m.group(0), lo, hi, DATE, optional=kind == "month")]


def _number(text: str, m: re.Match[str]) -> list[Quantity]:
    sep = m.group("sep")
    a_start = m.start() + len(m.group("btw") or "")
    a_end = m.start("sep") if sep else m.end()
    a = _read_atom(m, "a_")
    b = _read_atom(m, "b_") if sep else None
    if a is None or b is None:
        singles = [(a, a_start, a_end)]
        if sep:
            singles.append((b, m.end("sep"), m.end()))
        out = [_single(text, s, e, atom) for atom, s, e in singles if atom is not None]
        return [q for q in out if q is not None]
    q = _range(text, (m.start(), a_start, a_end, m.end("sep"), m.end()), a, b)
    return [] if q is None else [q]


def _read_atom(m: re.Match[str], p: str) -> _Atom | None:
    num, words = m.group(f"{p}num"), m.group(f"{p}words")
    scale = m.group(f"{p}suf") or m.group(f"{p}sw") or ""
    value = ascii_value(num, _multiplier(scale)) if num is not None else _words_value(words or "")
    if value is None:
        return None
    unit = _unit(m.group(f"{p}cur"), m.group(f"{p}unit"))
    plus = (m.group(f"{p}unit") or "") == "+"
    if words is not None:
        scale = next((w for w in _SCALE_WORDS if w in words.lower()), "")
    idiom = words is not None and (value <= 10 or "dozen" in words.lower())
    return _Atom(value, unit, scale, num is None, plus, idiom)


def _multiplier(scale: str) -> float:
    return _SUFFIXES.get(scale.lower()) or _SCALE_WORDS.get(scale.lower(), 1.0)


def _unit(cur: str | None, unit: str | None) -> str:
    if cur:
        return _CURRENCIES[cur.strip()]
    u = (unit or "").strip().lower()
    if u in {"%", "percent"} or u.startswith("per"):
        return PERCENT
    if u in {"x", "×", "times"} or u.endswith("fold"):
        return TIMES
    if "dollar" in u:
        return USD
    return PLAIN


def _words_value(words: str) -> float | None:
    """Value of "twenty-five", "two hundred", "a dozen", "three million"; None if not one number."""
    total, small, last = 0.0, 0.0, ""
    for w in words.lower().replace("-", " ").split():
        if w in {"a", "an"}:
            small = 1.0
        elif w in _WORD_VALUES:
            if last in _WORD_VALUES and not (last in _TENS and _WORD_VALUES[w] < 10):
                return None  # "one two", "twenty thirty": a list, not one number
            small += _WORD_VALUES[w]
        elif w in _MULTIPLIERS:
            small = (small or 1.0) * _MULTIPLIERS[w]
        else:
            total += (small or 1.0) * _SCALE_WORDS[w]
            small = 0.0
        last = w
    return total + small


def _context(text: str, start: int, end: int, atom: _Atom, *, single: bool = True) -> Around | None:
    """What the words around a number say of it; None if it is no quantity."""
    if is_reference_number(text, start, end):
        return None
    small = not (atom.words or atom.scale or atom.unit) and atom.value < 100
    if single and small and is_enumerator(text, start, end):
        return None
    before = text[max(0, start - 24) : start]
    q = _QUALIFIER.search(before)
    qual = AT_LEAST if atom.plus else EXACT
    if q is not None:
        qual = APPROX if q.group("approx") else AT_LEAST if q.group("ge") else AT_MOST
    ref = _REFERENCE.search(before) is not None
    return Around(qual, atom.idiom or ref, ref)


def _single(text: str, start: int, end: int, atom: _Atom) -> Quantity | None:
    ctx = _context(text, start, end, atom)
    if ctx is None:
        return None
    v = atom.value
    return Quantity(start, end, text[start:end], v, v, atom.unit, ctx.qual, atom.scale, *ctx[1:])


def _range(text: str, spans: tuple[int, int, int, int, int], a: _Atom, b: _Atom) -> Quantity | None:
    """ "2-4x", "1.5–2.0x", "3 to 5 million", "$3-5M", "between 3 and 5": units carry over."""
    lo, hi = a.value, b.value
    if b.scale and not a.scale and lo * _multiplier(b.scale) <= hi:
        lo *= _multiplier(b.scale)
    unit = a.unit or b.unit
    ctx = _context(text, spans[0], spans[-1], a._replace(unit=unit), single=False)
    if ctx is None:
        return None
    ctx = ctx._replace(optional=ctx.optional or (a.idiom and b.idiom))
    return range_quantity(text, spans, (lo, hi), unit=unit, scale=b.scale or a.scale, around=ctx)
