"""Sentences of a post for the duplication rules, and a fast search for near-duplicate pairs.

Sentences are split on the masked text (a `。` inside code does not end one) and compared on
the raw text without whitespace and final punctuation (two sentences that differ only in their
inline code are different sentences). Near duplicates must hold the same numbers and Latin
words (two answers of one template with different figures are not duplicates), so only
sentences with equal anchors are compared, in rapidfuzz's C loop.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from termqa.model import Segment, SegmentKind

_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]*")
_NON_WORD = re.compile(r"\W+")
_ENDS = "。！？!?．."
_TOKENS = re.compile(r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ][0-9A-Za-z０-９Ａ-Ｚａ-ｚ.,%]*")
_EN_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_SKIPPED = frozenset((SegmentKind.HEADING, SegmentKind.METADATA))


@dataclass(frozen=True, slots=True)
class Sentence:
    seg: Segment
    start: int
    end: int
    key: str  # raw text without whitespace and final punctuation
    content: int  # letters, digits and kana/kanji outside masked spans

    @property
    def shown(self) -> str:
        """The sentence as written, whitespace collapsed."""
        return " ".join(self.seg.target.raw[self.start : self.end].split())

    @property
    def anchors(self) -> tuple[str, ...]:
        """Numbers and Latin words: near-duplicates must share them all."""
        return tuple(sorted(_TOKENS.findall(self.key)))


def sentences(seg: Segment, minimum: int) -> list[Sentence]:
    """The segment's sentences with at least `minimum` content characters."""
    if seg.kind in _SKIPPED:
        return []
    text = seg.text
    raw = seg.target.raw
    out = []
    for m in _SENTENCE.finditer(text):
        start, end = m.start(), m.end()
        while start < end and raw[start].isspace():
            start += 1
        while end > start and raw[end - 1].isspace():
            end -= 1
        if end - start < minimum:
            continue
        content = len(_NON_WORD.sub("", text[start:end]))
        if content >= minimum:
            key = "".join(raw[start:end].split()).rstrip(_ENDS)
            out.append(Sentence(seg, start, end, key, content))
    return out


def question_and_answer(a: Segment, b: Segment) -> bool:
    """A question and an answer of one section: echoed answers are a structure defect."""
    kinds = {a.kind, b.kind}
    return a.section == b.section and kinds == {SegmentKind.QUESTION, SegmentKind.ANSWER}


def source_repeats(a: Segment, b: Segment) -> bool:
    """Both blocks have an English source that itself repeats a sentence (a faithful
    translation of a repetitive source is not a defect of the translation)."""
    if not a.source_text.strip() or not b.source_text.strip():
        return False
    first = _en_sentences(a.source_text)
    second = first if a is b else _en_sentences(b.source_text)
    return any(
        fuzz.ratio(x, y, score_cutoff=90)
        for i, x in enumerate(first)
        for j, y in enumerate(second)
        if a is not b or i < j
    )


def _en_sentences(text: str) -> list[str]:
    return [" ".join(s.lower().split()) for s in _EN_SENTENCE.split(text) if len(s) > 20]


def similar_pairs(
    keys: Sequence[str], anchors: Sequence[tuple[str, ...]], cutoff: float
) -> Iterator[tuple[int, int, float]]:
    """Pairs (i, j), i < j, of different keys with equal anchors whose rapidfuzz ratio is at
    least `cutoff`, with the score. Only keys with equal anchors and lengths close enough for
    the cutoff (the ratio is at most 2·shorter/(sum of lengths)) are compared, each key
    against the longer ones in one call."""
    buckets: dict[tuple[str, ...], list[int]] = {}
    for i, anchor in enumerate(anchors):
        buckets.setdefault(anchor, []).append(i)
    stretch = 200 / cutoff - 1  # longest/shortest ratio that can still reach the cutoff
    found = []
    for members in buckets.values():
        members.sort(key=lambda i: len(keys[i]))
        ordered = [keys[i] for i in members]
        sizes = [len(key) for key in ordered]
        for n, i in enumerate(members[:-1]):
            stop = bisect_right(sizes, sizes[n] * stretch, lo=n + 1)
            for _, score, k in process.extract(
                keys[i], ordered[n + 1 : stop], scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
            ):
                j = members[n + 1 + k]
                if keys[i] != keys[j]:
                    found.append((min(i, j), max(i, j), score))
    yield from sorted(found)
