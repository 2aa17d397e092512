"""The block outline of a document (kinds and heading levels) and the empty-section rule.

Readers give one segment per block. `check_text` gives a single segment for a whole snippet;
its lines are then split into blocks here with the readers' own Markdown rules, so structure
rules see the same outline either way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from termqa.checks.base import Context, Rule
from termqa.model import Category, Document, Hit, Segment, SegmentKind, Severity
from termqa.readers.lines import LineKind, scan_lines
from termqa.readers.markdown import LABEL_LEVEL, build_blocks, level_of

HeadingForm = Literal["marked", "title", "guessed"]
_TITLE_LEVEL = 2  # a title line without `#` (an English or `日本語 / English` title)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_RULE_LINE = re.compile(r"^[ \t]*(?:[-*_=][ \t]*){3,}\r?$|^[ \t]*=+[ \t]*\r?$", re.MULTILINE)
_QUOTE_LIMIT = 40
_AFTER_LABEL = re.compile(r"】[ \t\u3000]*[^\s:：]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_JA = re.compile("[\u3041-\u30ff\u3400-\u9fff]")


@dataclass(frozen=True, slots=True)
class Item:
    """A block: its segment, its offsets in the segment's text, its kind and heading level."""

    seg: Segment
    start: int
    end: int
    kind: SegmentKind
    level: int = 0  # heading level; 0 for other kinds
    # How a heading is known: a `#`/setext/label line ("marked"), a title line without a
    # marker ("title"), or a short Japanese line the reader took for a label ("guessed").
    form: HeadingForm = "marked"

    @property
    def title(self) -> bool:
        return self.form == "title"

    @property
    def text(self) -> str:
        return self.seg.text[self.start : self.end]


def outline(ctx: Context) -> tuple[Item, ...]:
    """The document's blocks in order (shared by the structure rules through the memo)."""
    return ctx.memo_doc("sections.outline", _outline)


def _outline(ctx: Context) -> tuple[Item, ...]:
    doc = ctx.doc
    if len(doc.segments) == 1 and "\n" in doc.segments[0].text.strip():
        return _split(doc.segments[0])
    items = []
    for seg in doc.segments:
        level, form = _level(doc, seg) if seg.kind is SegmentKind.HEADING else (0, "marked")
        items.append(Item(seg, 0, len(seg.text), seg.kind, level, form))
    return tuple(items)


def _split(seg: Segment) -> tuple[Item, ...]:
    raw, text = seg.target.raw, seg.text
    return tuple(
        Item(seg, b.start, b.end, b.kind, _label_level(text[b.start : b.end], b.level))
        for b in build_blocks(scan_lines(raw, text), text)
    )


def _level(doc: Document, seg: Segment) -> tuple[int, HeadingForm]:
    """The level of a heading segment, read from its line in the file, and how it is known."""
    span = seg.target
    if span.offsets is not None or doc.layout in ("tsv", "csv"):
        return _TITLE_LEVEL, "title"
    start = doc.text.rfind("\n", 0, span.start) + 1
    end = span.start + len(span)
    line_text = doc.text[start : span.start] + seg.text
    line = scan_lines(line_text, line_text)[0]
    if line.kind in (LineKind.HEADING, LineKind.LABEL):
        return _label_level(seg.text, level_of(line)), "marked"
    following = doc.text[end:].split("\n", 2)
    if len(following) > 1 and re.fullmatch(r"[ \t]*=+[ \t]*\r?", following[1]):
        return 1, "marked"  # setext heading
    english = seg.source is not None or not _JA.search(seg.text)
    return (_TITLE_LEVEL, "title") if english else (LABEL_LEVEL, "guessed")


def _label_level(text: str, level: int) -> int:
    """A label that carries a title (`【論文1】Rethinking Sparse Attention`, `■ Paper Title`)
    heads a paper, above the plain labels (`【結果】`, `概要`) inside it."""
    if level != LABEL_LEVEL:
        return level
    titled = _AFTER_LABEL.search(text) is not None or len(_LATIN_WORD.findall(text)) >= 2
    return LABEL_LEVEL - 1 if titled else level


def empty_section(doc: Document, ctx: Context) -> Iterator[tuple[Segment, Hit]]:
    """A heading has no content before the next heading of the same or a higher level.

    Why: an empty section (a label such as 概要 followed directly by the next paper) usually
    means a paragraph was lost when the digest was assembled or translated.

    Bad:
        target: ## 概要\\n## 結果\\n精度が3ポイント向上しました。
    Good:
        target: ## 概要\\n新しい手法を提案します。\\n## 結果\\n精度が3ポイント向上しました。
    """
    if doc.layout in ("tsv", "csv"):
        return
    items = outline(ctx)
    for i, item in enumerate(items):
        nxt = items[i + 1] if i + 1 < len(items) else None
        if item.kind is not _HEADING or item.form == "guessed":
            continue  # a short line without a marker may be a caption or a closing remark
        if nxt is not None and nxt.kind is not _HEADING:
            continue
        if nxt is not None and (nxt.level > item.level or (item.title and nxt.title)):
            continue  # a subsection follows, or a stack of title lines (digest, issue, paper)
        if _gap_has_content(doc, item, nxt):
            continue
        title = " ".join(item.text.split())
        quote = title if len(title) <= _QUOTE_LIMIT else title[: _QUOTE_LIMIT - 1] + "…"
        end = len(item.text.rstrip())
        yield item.seg, Hit(item.start, item.start + end, f"section '{quote}' is empty")


_HEADING = SegmentKind.HEADING


def _gap_has_content(doc: Document, item: Item, nxt: Item | None) -> bool:
    """Text between the heading and the next block that the outline has no block for (a
    code fence, an image, an untranslated English block): the section is not empty."""
    if nxt is not None and item.seg is nxt.seg:
        text, start, stop = item.seg.target.raw, item.end, nxt.start
    else:
        text, start = doc.text, item.seg.target.start + item.end
        source = item.seg.source
        if doc.layout == "interleaved" and source is not None and source.start >= start:
            start = source.start + len(source)
        stop = nxt.seg.target.start + nxt.start if nxt is not None else len(text)
    start = _line_end(text, start)
    stop = text.rfind("\n", 0, stop) + 1 if nxt is not None else stop
    gap = text[start:stop] if start < stop else ""
    return bool(_RULE_LINE.sub("", _COMMENT.sub("", gap)).strip())


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


SECTION_RULES: tuple[Rule, ...] = (
    Rule(
        "ST04",
        "empty-section",
        Category.STRUCTURE,
        Severity.MINOR,
        check_document=empty_section,
    ),
)
