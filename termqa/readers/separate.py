"""Separate files: a Japanese target file and its English source file, paired by structure.

Both files are split into Markdown blocks and aligned (see `align`). A target block paired with
several consecutive source blocks (the translator merged paragraphs) gets one source span running
from the first to the last of them; several target blocks paired with one source block (a split)
become one segment whose target span runs over all of them. Either span is contiguous in its
file, so every character keeps its true offset. Source blocks that pair with nothing become
`Document.unpaired`, anchored at the segment of the nearest target block before them.
"""

from __future__ import annotations

from termqa.model import Document, Segment, SegmentKind, Span, Unpaired
from termqa.readers.align import Features, Pairing, align, features
from termqa.readers.common import make_span, number_sections, sources_lowercased
from termqa.readers.lines import scan_lines
from termqa.readers.markdown import Block, build_blocks


def read_separate(
    path: str,
    text: str,
    masked: str,
    *,
    source_path: str,
    source_text: str,
    source_masked: str,
) -> Document:
    targets = build_blocks(scan_lines(text, masked), masked)
    sources = build_blocks(scan_lines(source_text, source_masked), source_masked)
    pairings = align(
        _features(targets, masked, source=False), _features(sources, source_masked, source=True)
    )
    segments: list[Segment] = []
    unpaired: list[Unpaired] = []
    for pairing in pairings:
        if not pairing.targets:
            span = _span(sources, pairing.sources, source_text, source_masked)
            unpaired.append(Unpaired(span, max(len(segments) - 1, 0), source_path))
            continue
        first = targets[pairing.targets[0]]
        target = _span(targets, pairing.targets, text, masked)
        source = (
            _span(sources, pairing.sources, source_text, source_masked) if pairing.sources else None
        )
        segments.append(Segment(len(segments), first.kind, target, source))
    return Document(
        path=path,
        text=text,
        layout="separate",
        segments=_with_sections(segments, targets, pairings),
        source_path=source_path,
        source_lowercased=sources_lowercased(segments),
        unpaired=tuple(unpaired),
    )


def _features(blocks: list[Block], masked: str, *, source: bool) -> list[Features]:
    return [features(b.kind, b.level, masked[b.start : b.end], source=source) for b in blocks]


def _span(blocks: list[Block], group: range, text: str, masked: str) -> Span:
    return make_span(text, masked, blocks[group[0]].start, blocks[group[-1]].end)


def _with_sections(
    segments: list[Segment], targets: list[Block], pairings: list[Pairing]
) -> tuple[Segment, ...]:
    firsts = [targets[p.targets[0]] for p in pairings if p.targets]
    marks = [
        (b.kind is SegmentKind.HEADING and 0 < b.level <= 2, b.kind is SegmentKind.HEADING)
        for b in firsts
    ]
    sections = number_sections(marks)
    return tuple(Segment(s.index, s.kind, s.target, s.source, sections[s.index]) for s in segments)
