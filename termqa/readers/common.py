"""Small helpers every layout reader shares: spans, sections, the lower-cased source test."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from termqa.model import Document, Segment, SegmentKind, Span, Unpaired
from termqa.readers.lang import has_uppercase

# What a line-based reader produces per block: kind, target, source, starts a new section.
Piece = tuple[SegmentKind, Span, Span | None, bool]


def make_span(text: str, masked: str, start: int, end: int) -> Span:
    """The span of file characters [start, end), with its masked text."""
    return Span(raw=text[start:end], text=masked[start:end], start=start)


def number_sections(marks: Sequence[tuple[bool, bool]]) -> list[int]:
    """Section index of each segment from (starts_section, is_heading) marks.

    A section-starting heading opens a new section only once the current one holds something
    besides headings, so `# Digest` followed by `## Paper 1` is one section, not two.
    """
    section = 0
    has_content = False
    numbers: list[int] = []
    for starts, is_heading in marks:
        if starts and has_content:
            section += 1
            has_content = False
        if not is_heading:
            has_content = True
        numbers.append(section)
    return numbers


def assemble(
    path: str, text: str, layout: str, pieces: Sequence[Piece], unpaired: Sequence[Unpaired] = ()
) -> Document:
    """The document of a line-based reader: segments numbered into sections, in file order."""
    sections = number_sections(
        [(starts, kind is SegmentKind.HEADING) for kind, *_, starts in pieces]
    )
    segments = tuple(
        Segment(index, kind, target, source, sections[index])
        for index, (kind, target, source, _) in enumerate(pieces)
    )
    return Document(
        path=path,
        text=text,
        layout=layout,
        segments=segments,
        source_lowercased=sources_lowercased(segments),
        unpaired=tuple(unpaired),
    )


def sources_lowercased(segments: Iterable[Segment]) -> bool:
    """True when there is English source text and none of it has an uppercase letter.

    Headings are left out when body blocks have sources: a pipeline that lower-cases the English
    often leaves title lines (`日本語 / English Title`) as they were.
    """
    spans = [(s.kind is SegmentKind.HEADING, s.source) for s in segments if s.source is not None]
    body = [span for heading, span in spans if not heading]
    chosen = body or [span for _, span in spans]
    letters = any(ch.isascii() and ch.isalpha() for span in chosen for ch in span.text)
    return letters and not any(has_uppercase(span.text) for span in chosen)
