"""Structure rules: source blocks left without a translation."""

from __future__ import annotations

from collections.abc import Iterator

from termqa.checks.base import Context, Rule
from termqa.model import Category, Document, Hit, Segment, Severity

_QUOTE_LIMIT = 60


def unpaired_source(doc: Document, ctx: Context) -> Iterator[tuple[Segment, Hit]]:
    """A block of the English source has no Japanese translation.

    Why: an empty target cell, or a paragraph of a separate source file that no Japanese block
    pairs with, is a translation that never happened; it must be reported, not skipped.

    Bad:
        source: The model is trained on 2 trillion tokens.
        target:
    Good:
        source: The model is trained on 2 trillion tokens.
        target: このモデルは2兆トークンで学習されています。
    """
    for seg in doc.segments:
        if seg.source is not None and seg.source_text.strip() and not seg.text.strip():
            yield seg, _missing(seg.source.raw)
    if not doc.segments:
        return
    for item in doc.unpaired:
        yield doc.segments[min(item.anchor, len(doc.segments) - 1)], _missing(item.source.raw)


def _missing(source: str) -> Hit:
    quote = " ".join(source.split())
    if len(quote) > _QUOTE_LIMIT:
        quote = quote[: _QUOTE_LIMIT - 1] + "…"
    return Hit(0, 0, f"source block '{quote}' has no translation", source=quote)


RULES = (
    Rule(
        "ST01",
        "missing-translation",
        Category.STRUCTURE,
        Severity.MAJOR,
        check_document=unpaired_source,
    ),
)
