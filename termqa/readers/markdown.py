"""Markdown (and plain text) split into blocks: headings, paragraphs, list items, Q/A, metadata.

A paragraph is a run of consecutive non-blank lines and its span covers the whole run, newlines
included. A list item, question or answer takes the lines that follow it until a blank line or
the next marker (lazy continuation, as in CommonMark). Headings, labels, metadata and table rows
are one line each. Only `===` makes a setext heading: a `---` line after text is taken as a
separator, because plain-text digests use it that way.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from termqa.model import SegmentKind
from termqa.readers.lines import Line, LineKind

LABEL_LEVEL = 4  # a section label (概要, 【結果】) sits below the paper headings

_OPENS = {
    LineKind.LIST: SegmentKind.LIST_ITEM,
    LineKind.QUESTION: SegmentKind.QUESTION,
    LineKind.ANSWER: SegmentKind.ANSWER,
    LineKind.TEXT: SegmentKind.PARAGRAPH,
}
_SINGLE = {
    LineKind.HEADING: SegmentKind.HEADING,
    LineKind.LABEL: SegmentKind.HEADING,
    LineKind.METADATA: SegmentKind.METADATA,
    LineKind.TABLE: SegmentKind.PARAGRAPH,
}


@dataclass(frozen=True, slots=True)
class Block:
    kind: SegmentKind
    start: int  # file offset of the first content character
    end: int  # file offset after the last content character
    level: int = 0  # heading level (1-6, LABEL_LEVEL for labels), 0 for other kinds
    first_line: int = 0
    last_line: int = 0


def kind_of(line: Line) -> SegmentKind:
    """The segment kind a block opened by `line` gets."""
    return _SINGLE.get(line.kind) or _OPENS.get(line.kind) or SegmentKind.PARAGRAPH


def level_of(line: Line) -> int:
    if line.kind is LineKind.HEADING:
        return line.level
    return LABEL_LEVEL if line.kind is LineKind.LABEL else 0


def build_blocks(lines: list[Line], masked: str) -> list[Block]:
    """Group lines into blocks; blocks with nothing left after masking are dropped."""
    blocks = [_block(group, underline) for group, underline in _groups(lines)]
    return [b for b in blocks if masked[b.start : b.end].strip()]


def _groups(lines: list[Line]) -> Iterator[tuple[list[Line], Line | None]]:
    """The lines of each block, with the `===` line when it makes the block a setext heading."""
    current: list[Line] = []
    for line in lines:
        if line.kind is LineKind.RULE and line.marker == "=" and _is_paragraph(current):
            yield current, line
            current = []
        elif line.kind in (LineKind.BLANK, LineKind.RULE):
            if current:
                yield current, None
            current = []
        elif line.kind is LineKind.TEXT and current:
            current.append(line)
        else:
            if current:
                yield current, None
            current = [line]
            if line.kind in _SINGLE:
                yield current, None
                current = []
    if current:
        yield current, None


def _block(group: list[Line], underline: Line | None) -> Block:
    first, last = group[0], group[-1]
    if underline is not None:
        return Block(SegmentKind.HEADING, first.content, last.end, 1, first.index, underline.index)
    return Block(kind_of(first), first.content, last.end, level_of(first), first.index, last.index)


def _is_paragraph(current: list[Line]) -> bool:
    return bool(current) and current[0].kind is LineKind.TEXT
