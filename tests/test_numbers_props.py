"""Property tests: random values rendered in every supported English and Japanese form parse
back to the same value, and the English and Japanese renderings of one value match."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from termqa.text.numbers import Quantity, align, matches, parse_en, parse_ja, render_ja

_ONES = [
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen"),
    "nineteen",
]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_KANJI = "〇一二三四五六七八九"
_MONTHS = [
    *("January", "February", "March", "April", "May", "June", "July", "August", "September"),
    *("October", "November", "December"),
]
_EN_SCALES = ((10**12, "T", "trillion"), (10**9, "B", "billion"), (10**6, "M", "million"))


def only(quantities: list[Quantity]) -> Quantity:
    assert len(quantities) == 1, quantities
    return quantities[0]


def en_words(n: int) -> str:
    """1 <= n < 1000 in words: "three hundred twenty-five"."""
    hundreds, rest = divmod(n, 100)
    parts = [f"{_ONES[hundreds]} hundred"] if hundreds else []
    if rest >= 20:
        parts.append(_TENS[rest // 10] + (f"-{_ONES[rest % 10]}" if rest % 10 else ""))
    elif rest:
        parts.append(_ONES[rest])
    return " ".join(parts)


def kanji_group(n: int) -> str:
    """0 < n < 10000 in traditional kanji: 千二百三十四, 十五, 六百."""
    out = ""
    for unit, name in ((1000, "千"), (100, "百"), (10, "十")):
        d, n = divmod(n, unit)
        if d:
            out += ("" if d == 1 else _KANJI[d]) + name
    return out + (_KANJI[n] if n else "")


def kanji(n: int, *, ascii_groups: bool = False) -> str:
    """n > 0 with 兆/億/万 groups: 三億五千万, or 3億5000万 with ascii_groups."""
    out = ""
    for unit, name in ((10**12, "兆"), (10**8, "億"), (10**4, "万"), (1, "")):
        d, n = divmod(n, unit)
        if d:
            out += (str(d) if ascii_groups else kanji_group(d)) + name
    return out


def en_forms(n: int) -> list[str]:
    forms = [str(n), f"{n:,}"]
    if 0 < n < 1000:
        forms.append(en_words(n))
    for unit, suffix, word in _EN_SCALES:
        if n >= unit and n % (unit // 100) == 0:
            mantissa = f"{n / unit:g}"
            forms += [f"{mantissa}{suffix}", f"{mantissa} {word}"]
            break
    if n >= 1000 and n % 10 == 0 and n < 10**6:
        forms.append(f"{n / 1000:g}k")
    return forms


def ja_forms(n: int) -> list[str]:
    forms = [str(n), f"{n:,}", str(n).translate(_WIDE)]
    if n > 0:
        forms += [kanji(n), kanji(n, ascii_groups=True)]
    for unit, name in ((10**12, "兆"), (10**8, "億"), (10**4, "万")):
        if n >= unit and n % (unit // 100) == 0:
            forms.append(f"{n / unit:g}{name}")
            break
    return forms


_WIDE = str.maketrans("0123456789,.%", "０１２３４５６７８９，．％")
integers = st.one_of(
    st.integers(0, 10**5),
    st.integers(1, 999).map(lambda m: m * 10**6),
    st.integers(1, 999).map(lambda m: m * 10**7),
    st.integers(1, 9999).map(lambda m: m * 10**9),
    st.integers(1, 10**13),
)


@given(integers, st.data())
def test_english_integers_parse_back(n: int, data: st.DataObject) -> None:
    form = data.draw(st.sampled_from(en_forms(n)))
    q = only(parse_en(f"We collected {form} samples."))
    assert q.low == q.high == n, form


@given(integers, st.data())
def test_japanese_integers_parse_back(n: int, data: st.DataObject) -> None:
    form = data.draw(st.sampled_from(ja_forms(n)))
    q = only(parse_ja(f"{form}個のサンプルを集めた。"))
    assert q.low == q.high == n, form


@given(integers, st.data())
def test_english_and_japanese_integers_match(n: int, data: st.DataObject) -> None:
    en = data.draw(st.sampled_from(en_forms(n)))
    ja = data.draw(st.sampled_from(ja_forms(n)))
    assert matches(only(parse_en(f"about {en} samples")), only(parse_ja(f"{ja}個のサンプル")))


decimals = st.integers(1, 99999).map(lambda n: n / 100)


@given(decimals)
def test_percentages_in_every_form(v: float) -> None:
    text = f"{v:g}"
    en = [f"{text}%", f"{text} percent"]
    ja = [f"{text}%", f"{text}％".translate(_WIDE), f"{text}パーセント"]
    for a in en:
        for b in ja:
            src, tgt = only(parse_en(f"It scores {a} on MMLU.")), only(parse_ja(f"MMLUで{b}。"))
            assert (src.low, src.unit, tgt.low, tgt.unit) == (v, "%", v, "%")
            assert matches(src, tgt)


@given(decimals, st.sampled_from(["", "k", "M", "B"]))
def test_money(v: float, suffix: str) -> None:
    src = only(parse_en(f"It costs ${v:g}{suffix} a year."))
    scale = {"": 1, "k": 10**3, "M": 10**6, "B": 10**9}[suffix]
    assert src.unit == "USD"
    assert abs(src.low - v * scale) <= 1e-6 * src.low
    tgt = only(parse_ja(f"年間{render_ja(src)}かかる。"))
    assert tgt.unit == "USD"
    assert matches(src, tgt)


@given(st.integers(1, 500), st.integers(1, 500), st.sampled_from(["x", ""]))
def test_ranges(a: int, b: int, unit: str) -> None:
    lo, hi = min(a, b), max(a, b) + 1
    ja_unit = "倍" if unit else ""
    for en in (f"{lo}–{hi}{unit}", f"{lo}-{hi}{unit}", f"{lo} to {hi}{unit}"):
        src = only(parse_en(f"It is {en} faster."))
        assert (src.low, src.high) == (lo, hi), en
        for ja in (f"{lo}〜{hi}{ja_unit}", f"{lo}～{hi}{ja_unit}", f"{lo}から{hi}{ja_unit}"):
            tgt = only(parse_ja(f"{ja}高速だ。"))
            assert (tgt.low, tgt.high) == (lo, hi), ja
            assert matches(src, tgt)


@given(st.integers(1, 99), st.integers(1, 99), st.sampled_from(["million", "M"]))
def test_scaled_ranges(a: int, b: int, scale: str) -> None:
    lo, hi = min(a, b), max(a, b) + 1
    sep = " " if scale == "million" else ""
    src = only(parse_en(f"It has {lo}–{hi}{sep}{scale} users."))
    assert (src.low, src.high) == (lo * 10**6, hi * 10**6)
    tgt = only(parse_ja(f"{lo * 100}〜{hi * 100}万人のユーザー"))
    assert matches(src, tgt)


@given(st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)))
def test_dates(day: dt.date) -> None:
    month = _MONTHS[day.month - 1]
    en = [f"{month} {day.day}, {day.year}", f"{month[:3]} {day.day}, {day.year}"]
    en += [f"{day.day} {month} {day.year}", day.isoformat()]
    ja = [f"{day.year}年{day.month}月{day.day}日"]
    ja += [f"{day.year}年{day.month}月{day.day}日".translate(_WIDE)]
    for a in en:
        src = only(parse_en(f"Released on {a}."))
        assert src.unit == "date", a
        for b in ja:
            assert matches(src, only(parse_ja(f"{b}に公開。"))), (a, b)


@given(st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)))
def test_months_of_a_year(day: dt.date) -> None:
    month = _MONTHS[day.month - 1]
    src = only(parse_en(f"It appeared in {month} {day.year}."))
    tgt = only(parse_ja(f"{day.year}年{day.month}月に公開された。"))
    assert matches(src, tgt)


@given(integers.filter(lambda n: n > 0), st.sampled_from(["", "%", "x", "USD"]))
def test_render_ja_parses_back(n: int, unit: str) -> None:
    src = Quantity(0, 1, "x", n, n, unit, scale="B" if n >= 10**4 else "")
    rendered = render_ja(src)
    assert matches(src, only(parse_ja(f"{rendered}の")), strict=True), rendered


_PIECES = [
    *"0123456789０１２,.．，%％$¥-–~〜～xX×kKMBTbt /:()（）[]年月日万億兆十百千",
    *"一二三四五六七八九〇数何半分の倍割約以上未満第番目つ個件 ",
    *("one", "two", "twenty", "hundred", "million", "billion", "half", "twice", "between"),
    *("and", "to", "of", "hundreds", "a", "July", "Aug", "GPT-", "Llama", "Section", "\n"),
]
_NOISE = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


@given(_NOISE, _NOISE)
def test_any_text_parses_and_aligns_without_error(source: str, target: str) -> None:
    for text, quantities in ((source, parse_en(source)), (target, parse_ja(target))):
        for q in quantities:
            assert text[q.start : q.end] == q.text
            assert q.low <= q.high
    al = align(source, target)
    assert len(al.matched) + len(al.changed) <= len(al.source) + len(al.target)
