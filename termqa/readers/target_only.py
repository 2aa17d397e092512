"""Japanese-only digests: every block is a target segment without an English source.

Two refinements over plain Markdown blocks: a one-line block that reads as an English title is a
heading (it opens a paper's section), and a one-line `日本語 / English` title is split into its
Japanese target and its English source, like in interleaved digests.
"""

from __future__ import annotations

from termqa.model import Document, SegmentKind
from termqa.readers.common import Piece, assemble, make_span
from termqa.readers.lang import is_english_title, split_title
from termqa.readers.lines import Line, scan_lines
from termqa.readers.markdown import Block, build_blocks


def read_target_only(
    path: str, text: str, masked: str, lines: list[Line] | None = None
) -> Document:
    """Segments from the blocks of `text` (lines scanned here unless the caller has them)."""
    blocks = build_blocks(scan_lines(text, masked) if lines is None else lines, masked)
    pieces = [_piece(block, text, masked) for block in blocks]
    return assemble(path, text, "target-only", pieces)


def _piece(block: Block, text: str, masked: str) -> Piece:
    body = masked[block.start : block.end]
    one_line = block.first_line == block.last_line
    starts = block.kind is SegmentKind.HEADING and 0 < block.level <= 2
    if one_line and block.kind in (
        SegmentKind.HEADING,
        SegmentKind.PARAGRAPH,
        SegmentKind.LIST_ITEM,
    ):
        split = split_title(body)
        if split is not None:
            target = make_span(text, masked, block.start, block.start + split[0])
            source = make_span(text, masked, block.start + split[1], block.end)
            if block.kind is SegmentKind.LIST_ITEM:  # an entry of an overview list
                return block.kind, target, source, starts
            return SegmentKind.HEADING, target, source, True
    target = make_span(text, masked, block.start, block.end)
    if one_line and block.kind is SegmentKind.PARAGRAPH and is_english_title(body):
        return SegmentKind.HEADING, target, None, True
    return block.kind, target, None, starts
