"""Number rules: source quantities dropped, changed, mis-scaled or added in the translation.

All four rules read one alignment of the segment's quantities (termqa.text.numbers.align),
computed once per segment and shared through the context memo.
"""

from __future__ import annotations

from collections.abc import Iterator

from termqa.checks.base import Context, Rule
from termqa.model import Category, Hit, Segment, Severity
from termqa.text.numbers import Alignment, align, describe_en, render_ja, scale_slip


def _alignment(seg: Segment, ctx: Context) -> Alignment:
    return ctx.memo("numbers.align", seg, _align)


def _align(seg: Segment, _ctx: Context) -> Alignment:
    if not (seg.source_text.strip() and seg.text.strip()):
        return align("", "")  # a block without translation or source is a structure finding
    return align(seg.source_text, seg.text)


def dropped_number(seg: Segment, ctx: Context) -> Iterator[Hit]:
    """A number in the source is missing from the translation.

    Why: a dropped figure silently changes what the digest claims; readers of a paper summary
    come for exactly these numbers.

    Bad:
        source: The model improves accuracy by 3.1 points.
        target: モデルは精度を向上させる。
    Good:
        source: The model improves accuracy by 3.1 points.
        target: モデルは精度を3.1ポイント向上させる。
    """
    for q in _alignment(seg, ctx).dropped:
        yield Hit(0, 0, f"'{q.text}' in source is missing from target", source=q.text)


def changed_number(seg: Segment, ctx: Context) -> Iterator[Hit]:
    """A number in the translation differs from the source number it renders.

    Why: a transposed digit or a wrong value reads as a fact; nothing else in the text shows it.

    Bad:
        source: Accuracy rose by 7.25% on the test set.
        target: テストセットで精度が7.52%向上した。
    Good:
        source: Accuracy rose by 7.25% on the test set.
        target: テストセットで精度が7.25%向上した。
    """
    for src, tgt in _alignment(seg, ctx).changed:
        if not scale_slip(src, tgt):
            yield Hit(
                tgt.start,
                tgt.end,
                f"'{tgt.text}' does not match source '{src.text}'",
                source=src.text,
                suggestion=render_ja(src),
            )


def number_scale_error(seg: Segment, ctx: Context) -> Iterator[Hit]:
    """A number is off by a power of ten: an English scale read as the wrong Japanese one.

    Why: English counts in thousands (35B, 1.5 billion), Japanese in ten-thousands (350億,
    15億); carrying the digits over unchanged makes a model or a budget ten times too small.

    Bad:
        source: We release a 35B model.
        target: 35億パラメータのモデルを公開する。
    Good:
        source: We release a 35B model.
        target: 350億パラメータのモデルを公開する。
    """
    for src, tgt in _alignment(seg, ctx).changed:
        if scale_slip(src, tgt):
            right = render_ja(src)
            yield Hit(
                tgt.start,
                tgt.end,
                f"'{tgt.text}' is {describe_en(tgt.low)} but source '{src.text}'"
                f" is {describe_en(src.low)} ({right})",
                source=src.text,
                suggestion=right,
            )


def added_number(seg: Segment, ctx: Context) -> Iterator[Hit]:
    """A number in the translation has no counterpart in the source.

    Why: an added figure is a claim the source does not make, often a leftover of another
    sentence or a mistranslation.

    Bad:
        source: The new model is much faster.
        target: 新しいモデルは3倍高速です。
    Good:
        source: The new model is much faster.
        target: 新しいモデルははるかに高速です。
    """
    for q in _alignment(seg, ctx).added:
        yield Hit(q.start, q.end, f"'{q.text}' in target has no counterpart in source")


RULES = (
    Rule(
        "NM01",
        "dropped-number",
        Category.NUMBER,
        Severity.MAJOR,
        check=dropped_number,
        needs_source=True,
    ),
    Rule(
        "NM02",
        "changed-number",
        Category.NUMBER,
        Severity.MAJOR,
        check=changed_number,
        needs_source=True,
    ),
    Rule(
        "NM03",
        "number-scale-error",
        Category.NUMBER,
        Severity.CRITICAL,
        check=number_scale_error,
        needs_source=True,
    ),
    Rule(
        "NM04",
        "added-number",
        Category.NUMBER,
        Severity.MINOR,
        check=added_number,
        needs_source=True,
    ),
)
