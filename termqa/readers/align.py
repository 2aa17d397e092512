"""Aligning Japanese target blocks with English source blocks by structure and anchors.

A Needleman-Wunsch style dynamic programme over the two block sequences. A pairing scores its
similarity minus a threshold, skipping a block scores zero, so weak pairings lose to gaps.
Besides 1:1 pairings it tries 1:2, 1:3, 2:1 and 3:1 groups of consecutive non-heading blocks:
a paragraph the translator merged or split is paired as a whole. Similarity mixes
- kind: same kind and heading level, or both body kinds; a heading never pairs with body text;
- anchors: digits and Latin tokens (acronyms, names, numbers) found on both sides;
- length: Japanese runs at about 0.55 characters per English character.
The search is restricted to a band around the diagonal, so long documents stay fast.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from termqa.model import SegmentKind

_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*|\d+(?:[.,]\d+)*")
_DIGIT = re.compile(r"\d")
_UPPER = re.compile(r"[A-Z]")
_STOPWORDS = frozenset(
    (
        "the",
        "this",
        "that",
        "these",
        "those",
        "we",
        "our",
        "it",
        "its",
        "in",
        "on",
        "of",
        "for",
        "to",
        "with",
        "a",
        "an",
        "and",
        "or",
        "but",
        "as",
        "by",
        "at",
        "from",
        "however",
        "here",
        "there",
        "is",
        "are",
        "was",
        "were",
        "be",
        "when",
        "while",
        "which",
        "what",
        "how",
        "they",
        "their",
        "each",
        "all",
        "both",
        "also",
        "then",
        "thus",
        "first",
        "second",
        "finally",
        "table",
        "figure",
        "section",
    )
)
_BODY = frozenset(
    (SegmentKind.PARAGRAPH, SegmentKind.LIST_ITEM, SegmentKind.QUESTION, SegmentKind.ANSWER)
)
_THRESHOLD = 0.3
_GROUP_PENALTY = 0.05
_GROUPS = ((1, 1), (1, 2), (2, 1), (1, 3), (3, 1))
_JA_PER_EN = 0.55
_NEG = float("-inf")
_BAND = 12  # how far off the diagonal (beyond the difference in lengths) an alignment may go


@dataclass(frozen=True, slots=True)
class Features:
    kind: SegmentKind
    level: int
    anchors: frozenset[str]  # target: every Latin/number token; source: the strong ones
    tokens: frozenset[str]  # every Latin/number token, lower-cased
    size: int  # non-space characters
    heading: bool = False


def features(kind: SegmentKind, level: int, masked: str, *, source: bool) -> Features:
    text = unicodedata.normalize("NFKC", masked)
    tokens = [t.replace(",", "") for t in _TOKEN.findall(text)]
    lowered = frozenset(t.lower() for t in tokens)
    strong = frozenset(t.lower() for t in tokens if _is_strong(t)) if source else lowered
    size = len("".join(masked.split()))
    return Features(kind, level, strong, lowered, size, kind is SegmentKind.HEADING)


def _is_strong(token: str) -> bool:
    """Numbers, and words with a digit or a capital that is not a sentence-initial stopword."""
    if _DIGIT.search(token):
        return True
    return _UPPER.search(token) is not None and token.lower() not in _STOPWORDS


def merge(group: Sequence[Features]) -> Features:
    if len(group) == 1:
        return group[0]
    first = group[0]
    return Features(
        first.kind,
        first.level,
        frozenset().union(*(f.anchors for f in group)),
        frozenset().union(*(f.tokens for f in group)),
        sum(f.size for f in group),
        first.heading,
    )


def similarity(target: Features, source: Features) -> float:
    """How alike a target and a source block are: at most 1; -1 when they cannot pair."""
    if target.kind is source.kind:
        kind = 1.0 if target.level == source.level else 0.7
    elif target.heading or source.heading:
        return -1.0  # a heading never pairs with body text
    else:
        kind = 0.4 if target.kind in _BODY and source.kind in _BODY else 0.3
    return 0.35 * kind + 0.4 * _anchor_score(target, source) + 0.25 * _length_score(target, source)


def _anchor_score(target: Features, source: Features) -> float:
    total, count = 0.0, 0
    if target.anchors:
        total += len(target.anchors & source.tokens) / len(target.anchors)
        count += 1
    if source.anchors:
        total += len(source.anchors & target.tokens) / len(source.anchors)
        count += 1
    return total / count if count else 0.5


def _length_score(target: Features, source: Features) -> float:
    expected = _JA_PER_EN * source.size
    if expected <= 0 or target.size <= 0:
        return 0.0 if expected or target.size else 1.0
    ratio = target.size / expected
    return min(ratio, 1 / ratio)


def _groups(blocks: Sequence[Features]) -> list[dict[int, Features]]:
    """For each end index i, the merged features of the blocks [i-a, i) for each group size a
    that is allowed there (1 always; 2 and 3 only over body blocks)."""
    out: list[dict[int, Features]] = [{}]
    for i in range(1, len(blocks) + 1):
        sizes = {1: blocks[i - 1]}
        for a in (2, 3):
            group = blocks[i - a : i] if i >= a else ()
            if group and all(f.kind in _BODY for f in group):
                sizes[a] = merge(group)
        out.append(sizes)
    return out


@dataclass(frozen=True, slots=True)
class Pairing:
    targets: range  # indexes of the target blocks, consecutive
    sources: range  # indexes of the source blocks, consecutive (empty when unpaired)


def align(targets: Sequence[Features], sources: Sequence[Features]) -> list[Pairing]:
    """Pairings covering every block: matched groups, and lone blocks with an empty partner."""
    n, m = len(targets), len(sources)
    if not n or not m:
        return [Pairing(range(i, i + 1), range(0)) for i in range(n)] + [
            Pairing(range(0), range(j, j + 1)) for j in range(m)
        ]
    tgroups, sgroups = _groups(targets), _groups(sources)
    score: list[dict[int, float]] = [{} for _ in range(n + 1)]
    step: list[dict[int, tuple[int, int]]] = [{} for _ in range(n + 1)]
    for i, (lo, hi) in enumerate(_band(n, m)):
        for j in range(lo, hi + 1):
            score[i][j], step[i][j] = _best_move(i, j, score, tgroups[i], sgroups[j])
    return _backtrack(n, m, step)


def _band(n: int, m: int) -> list[tuple[int, int]]:
    """For each row i, the source range [lo, hi] searched: around the diagonal, and overlapping
    the previous row's range so that every cell has a predecessor."""
    width = min(100, abs(n - m) + _BAND)
    rows: list[tuple[int, int]] = []
    previous_hi = 0
    for i in range(n + 1):
        centre = round(i * m / n)
        lo = min(max(0, centre - width), previous_hi)
        hi = min(m, centre + width)
        rows.append((lo, hi))
        previous_hi = hi
    return rows


def _best_move(
    i: int,
    j: int,
    score: list[dict[int, float]],
    tgroup: dict[int, Features],
    sgroup: dict[int, Features],
) -> tuple[float, tuple[int, int]]:
    if i == 0 and j == 0:
        return 0.0, (0, 0)
    best, move = _NEG, (0, 0)
    if i and (value := score[i - 1].get(j, _NEG)) > best:
        best, move = value, (1, 0)
    if j and (value := score[i].get(j - 1, _NEG)) > best:
        best, move = value, (0, 1)
    for a, b in _GROUPS:
        target, source = tgroup.get(a), sgroup.get(b)
        if target is None or source is None or (prev := score[i - a].get(j - b)) is None:
            continue
        value = prev + similarity(target, source) - _THRESHOLD - _GROUP_PENALTY * (a + b - 2)
        if value > best:
            best, move = value, (a, b)
    return best, move


def _backtrack(n: int, m: int, step: list[dict[int, tuple[int, int]]]) -> list[Pairing]:
    pairings: list[Pairing] = []
    i, j = n, m
    while i or j:
        a, b = step[i][j]
        if a and b:
            pairings.append(Pairing(range(i - a, i), range(j - b, j)))
        elif a:
            pairings.append(Pairing(range(i - 1, i), range(j, j)))
        else:
            pairings.append(Pairing(range(i, i), range(j - 1, j)))
        i, j = i - a, j - b
    pairings.reverse()
    return pairings
