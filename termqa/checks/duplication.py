"""Duplication rules: a sentence repeated, verbatim or nearly, within a post.

Both report the later copy and name the line of the first. Headings and metadata are not
sentences; a question is compared only within its own section (digests legitimately ask the
same question of every paper), as is a sentence found in three sections or more (a template
of the digest), and a question and an answer of one section are never compared
(an answer that echoes its question is a structure defect). Where both copies have an English
source that repeats itself as well, the repetition is faithful and not reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from termqa.checks.base import Context, Rule
from termqa.checks.duplication_text import (
    Sentence,
    question_and_answer,
    sentences,
    similar_pairs,
    source_repeats,
)
from termqa.model import Category, Document, Hit, Segment, SegmentKind, Severity

_EXACT_MIN = 15  # content characters for an exact duplicate to matter
_NEAR_MIN = 25  # and for a near duplicate
_NEAR_SECTION = 90  # rapidfuzz ratio for near duplicates within one section
_NEAR_POST = 95  # and across sections, where digests legitimately reuse sentence patterns
_QUOTE = 40
# A sentence in this many sections is a template of the digest (`詳細は原論文を参照してください`),
# repeated on purpose: only a second copy within one section is reported then.
_BOILERPLATE = 3


def duplicate_sentence(doc: Document, ctx: Context) -> Iterator[tuple[Segment, Hit]]:
    """A sentence appears twice in one post.

    Why: a repeated sentence is a copy-and-paste or pipeline slip (a block translated twice, a
    summary pasted into the wrong section) that wastes the reader's time.

    Bad:
        target: 本手法はメモリ使用量を大幅に削減します。本手法はメモリ使用量を大幅に削減します。
    Good:
        target: 本手法はメモリ使用量を大幅に削減します。推論速度も向上します。
    """
    copies: dict[str, list[Sentence]] = {}
    for seg in doc.segments:
        for sent in ctx.memo("duplication.sentences", seg, _sentences):
            copies.setdefault(_scoped(sent), []).append(sent)
    for sents in copies.values():
        boilerplate = len({s.seg.section for s in sents}) >= _BOILERPLATE
        for n, sent in enumerate(sents[1:], 1):
            earlier = (e for e in sents[:n] if e.seg.section == sent.seg.section or not boilerplate)
            first = next((e for e in earlier if _reportable(e, sent)), None)
            if first is not None:
                message = (
                    f"sentence '{_quote(sent.shown)}' already appears at line {_line(doc, first)}"
                )
                yield sent.seg, Hit(sent.start, sent.end, message)


def _sentences(seg: Segment, ctx: Context) -> list[Sentence]:
    return sentences(seg, _EXACT_MIN)


def _scoped(sent: Sentence) -> str:
    """Questions repeat only within their section."""
    if sent.seg.kind is SegmentKind.QUESTION:
        return f"{sent.seg.section}\x00Q\x00{sent.key}"
    return sent.key


def _reportable(earlier: Sentence, later: Sentence) -> bool:
    return not question_and_answer(earlier.seg, later.seg) and not source_repeats(
        earlier.seg, later.seg
    )


def near_duplicate_sentence(doc: Document, ctx: Context) -> Iterator[tuple[Segment, Hit]]:
    """A sentence nearly repeats another sentence of the same post.

    Why: two sentences that differ in a word or an ending (`提案します`/`提案しています`) are
    usually one sentence written twice, by a pipeline that translated a block twice or an
    editor who rewrote a sentence and kept the old one. (The examples are long enough to
    matter, so they are written without the space after `target:`.)

    Bad:
        target:本論文では、長い文書を効率よく要約する新しい手法を提案します。本論文では、長い文書を効率よく要約する新しい手法を提案しています。
    Good:
        target:本論文では、長い文書を効率よく要約する新しい手法を提案します。実験では、既存手法より要約の質が高いことを示しています。
    """
    sents = [
        s
        for seg in doc.segments
        if seg.kind is not SegmentKind.QUESTION
        for s in ctx.memo("duplication.sentences", seg, _sentences)
        if s.content >= _NEAR_MIN
    ]
    reported: set[int] = set()
    for i, j, score in similar_pairs(
        [s.key for s in sents], [s.anchors for s in sents], _NEAR_SECTION
    ):
        a, b = sents[i], sents[j]
        if j in reported or not _near_enough(a, b, score):
            continue
        reported.add(j)
        where = _line(doc, a)
        message = (
            f"sentence '{_quote(b.shown)}' nearly repeats the one at line {where} "
            f"({score:.0f}% alike)"
        )
        yield b.seg, Hit(b.start, b.end, message)


def _near_enough(a: Sentence, b: Sentence, score: float) -> bool:
    if a.seg.section != b.seg.section and score < _NEAR_POST:
        return False
    return _reportable(a, b)


def _line(doc: Document, sent: Sentence) -> int:
    offset = sent.seg.target.file_offset(sent.start)
    return doc.text.count("\n", 0, offset) + 1


def _quote(text: str) -> str:
    return text if len(text) <= _QUOTE else text[: _QUOTE - 1] + "…"


RULES = (
    Rule(
        "DU01",
        "duplicate-sentence",
        Category.DUPLICATION,
        Severity.MINOR,
        check_document=duplicate_sentence,
    ),
    Rule(
        "DU02",
        "near-duplicate-sentence",
        Category.DUPLICATION,
        Severity.MINOR,
        check_document=near_duplicate_sentence,
    ),
)
