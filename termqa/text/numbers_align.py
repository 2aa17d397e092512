"""Matching quantities as values, and aligning the quantities of a segment's two sides.

`align` pairs every source quantity with an equal target quantity (exact first, then loosely:
approximate values within 5%, vague amounts by overlap, a fraction with its inverse; then a
range left over by its two ends, so "38.6% to 42.3%" ↔ "38.6%から43.2%" names only 43.2%); then
with a bare digit string left in the other text (`Llama 2` ↔
`Llama2`, `80 GB` ↔ `80GB`, `1 in 5` ↔ `5分の1`); what is left on both sides is paired as
changed (scale slips first, then the nearest value of a compatible unit); the rest is dropped
(source) or added (target), optional quantities excepted.
"""

from __future__ import annotations

import math
import string
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from termqa.text.numbers_base import (
    APPROX,
    DATE,
    DIGIT_RUN,
    PERCENT,
    PLAIN,
    TIMES,
    VAGUE,
    Quantity,
    ascii_width,
    digit_key,
)
from termqa.text.numbers_en import parse_en
from termqa.text.numbers_ja import parse_ja

_APPROX_TOLERANCE = 0.05
_GLUE = frozenset(string.ascii_letters + "/:")
_TOKEN_CHARS = frozenset(string.ascii_letters + string.digits + "_.-/:")


def _bounds(q: Quantity, other: Quantity) -> tuple[float, float]:
    """The interval of `q` in the unit of `other` (50% read as 0.5 next to "half")."""
    if q.unit == PERCENT and other.unit == TIMES:
        return q.low / 100, q.high / 100
    return q.low, q.high


def _compatible(a: str, b: str) -> bool:
    if DATE in (a, b):
        return a == b
    return a == b or PLAIN in (a, b) or {a, b} == {PERCENT, TIMES}


def _close(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) <= tolerance * max(abs(a), abs(b)) + 1e-12


def matches(src: Quantity, tgt: Quantity, *, strict: bool = False) -> bool:
    """Whether `tgt` renders the value of `src` (`strict`: exact values only)."""
    if not _compatible(src.unit, tgt.unit):
        return False
    a_lo, a_hi = _bounds(src, tgt)
    b_lo, b_hi = _bounds(tgt, src)
    if strict:
        return _close(a_lo, b_lo, 1e-9) and _close(a_hi, b_hi, 1e-9)
    if _reciprocal(src, tgt):
        return True
    if VAGUE in (src.qual, tgt.qual):
        return a_lo <= b_hi and b_lo <= a_hi
    tolerance = _APPROX_TOLERANCE if APPROX in (src.qual, tgt.qual) else 1e-9
    return _close(a_lo, b_lo, tolerance) and _close(a_hi, b_hi, tolerance)


def _reciprocal(a: Quantity, b: Quantity) -> bool:
    """A fraction and its inverse: "a 10x reduction" ↔ "10分の1に削減", "2x" ↔ "半分の時間"."""
    if not (a.unit == b.unit == TIMES and (a.optional or b.optional)):
        return False
    return not (a.is_range or b.is_range) and _close(a.low * b.low, 1.0, 1e-6)


def scale_slip(src: Quantity, tgt: Quantity) -> bool:
    """35B → 35億, 1.5 billion → 1.5億, 10 million → 10万: a power of ten off, a scale involved."""
    if DATE in (src.unit, tgt.unit) or not (src.scale or tgt.scale):
        return False
    if not _compatible(src.unit, tgt.unit) or src.is_range != tgt.is_range:
        return False
    if min(src.low, tgt.low) <= 0:
        return False
    ratio = math.log10(tgt.low / src.low)
    k = round(ratio)
    return k != 0 and abs(k) <= 4 and abs(ratio - k) < 1e-6


@dataclass(frozen=True, slots=True)
class Alignment:
    """How the quantities of a source text and its translation correspond."""

    source: tuple[Quantity, ...]
    target: tuple[Quantity, ...]
    matched: tuple[tuple[Quantity, Quantity], ...]
    changed: tuple[tuple[Quantity, Quantity], ...]  # (source, target) that should be equal
    dropped: tuple[Quantity, ...]  # source quantities with no rendering in the target
    added: tuple[Quantity, ...]  # target quantities with no counterpart in the source


def align(source: str, target: str) -> Alignment:
    """Align the quantities of an English source and its Japanese translation."""
    src, tgt = parse_en(source), parse_ja(target)
    parsed = (tuple(src), tuple(tgt))
    free_s, free_t = list(range(len(src))), list(range(len(tgt)))
    matched: list[tuple[Quantity, Quantity]] = []
    for split in (False, True):  # a range left unmatched aligns by its two ends
        if split and not (_split(src, free_s) + _split(tgt, free_t)):
            break
        for strict in (True, False):  # exact values first
            for phase in _PHASES:
                matched += _match(src, tgt, free_s, free_t, phase=phase, strict=strict)
    if free_s or free_t:
        in_source = _digit_pool(source, src, free_s)
        in_target = _digit_pool(ascii_width(target), tgt, free_t)
        _consume_digits(src, free_s, in_target - in_source)
        _consume_digits(tgt, free_t, in_source - in_target)
    changed = _pair(src, tgt, free_s, free_t)
    return Alignment(
        source=parsed[0],
        target=parsed[1],
        matched=tuple(matched),
        changed=tuple(changed),
        dropped=tuple(src[i] for i in free_s if not src[i].optional),
        added=tuple(tgt[j] for j in free_t if not tgt[j].optional),
    )


# References with references (Figure 3 ↔ 図3), then required numbers with required ones, then
# the rest, required sources first: a reference or an idiomatic "one" takes no number's match.
_PHASES: tuple[Callable[[Quantity, Quantity], bool], ...] = (
    lambda s, t: s.ref and t.ref,
    lambda s, t: not (s.optional or t.optional),
    lambda s, t: True,
)


def _match(
    src: list[Quantity],
    tgt: list[Quantity],
    free_s: list[int],
    free_t: list[int],
    *,
    phase: Callable[[Quantity, Quantity], bool],
    strict: bool,
) -> list[tuple[Quantity, Quantity]]:
    out = []
    for i in sorted(free_s, key=lambda i: src[i].optional):
        s = src[i]
        j = next(
            (j for j in free_t if phase(s, tgt[j]) and matches(s, tgt[j], strict=strict)), None
        )
        if j is not None:
            out.append((s, tgt[j]))
            free_s.remove(i)
            free_t.remove(j)
    return out


def _split(qs: list[Quantity], free: list[int]) -> int:
    """Replace the free ranges of `qs` by their two ends ("3 to 5" ↔ "3件から5件"); how many."""
    ranges = [i for i in free if qs[i].parts and qs[i].qual != VAGUE]
    for i in ranges:
        free.remove(i)
        free.extend(range(len(qs), len(qs) + len(qs[i].parts)))
        qs.extend(qs[i].parts)
    return len(ranges)


def _digit_pool(text: str, quantities: list[Quantity], free: list[int]) -> Counter[str]:
    """Digit strings of `text` in identifiers, ratios and fractions (Llama2, 80GB, 5/7, 1:1)
    or in optional quantities left unmatched (5分の1). Those the other side lacks are numbers
    that became part of a name or another construction there, not dropped ones."""
    pool: Counter[str] = Counter()
    loose = [(q.start, q.end) for i, q in enumerate(quantities) if i in free and q.optional]
    taken = [(q.start, q.end) for q in quantities if (q.start, q.end) not in loose]
    for m in DIGIT_RUN.finditer(text):
        start, end = m.start(), m.end()
        if any(s <= start < e for s, e in taken):
            continue
        if any(s <= start < e for s, e in loose):
            pool[digit_key(m.group())] += 1
            continue
        while start > 0 and text[start - 1] in _TOKEN_CHARS:
            start -= 1
        while end < len(text) and text[end] in _TOKEN_CHARS:
            end += 1
        if any(ch in _GLUE for ch in text[start:end]):
            pool[digit_key(m.group())] += 1
    return pool


def _consume_digits(qs: list[Quantity], free: list[int], pool: Counter[str]) -> None:
    for i in list(free):
        if qs[i].unit == DATE or qs[i].is_range:
            continue
        m = DIGIT_RUN.search(ascii_width(qs[i].text))
        if m is not None and pool[digit_key(m.group())] > 0:
            pool[digit_key(m.group())] -= 1
            free.remove(i)


def _distance(s: Quantity, t: Quantity) -> float:
    if s.value <= 0 or t.value <= 0:
        return 0.0 if s.value == t.value else 99.0
    return abs(math.log10(t.value / s.value))


def _pair(
    src: list[Quantity], tgt: list[Quantity], free_s: list[int], free_t: list[int]
) -> list[tuple[Quantity, Quantity]]:
    """Pair what is left on both sides as changed numbers: scale slips, then nearest values."""
    candidates = []
    for i in free_s:
        for j in free_t:
            s, t = src[i], tgt[j]
            if not _compatible(s.unit, t.unit) or (s.optional and t.optional):
                continue
            slip = scale_slip(s, t)
            distance = 0.0 if slip else _distance(s, t)
            if (s.optional or t.optional) and (s.unit != t.unit or distance > 1):
                continue  # an idiomatic "one" and an unrelated number are not a change
            order = abs(i / len(src) - j / len(tgt))
            candidates.append((not slip, distance, order, i, j))
    pairs: list[tuple[Quantity, Quantity]] = []
    for _, _, _, i, j in sorted(candidates):
        if i in free_s and j in free_t:
            pairs.append((src[i], tgt[j]))
            free_s.remove(i)
            free_t.remove(j)
    return pairs
