"""Interleaved digests: each Japanese block is directly followed by its English source block.

Lines are grouped into runs (a marker line, then continuation lines of the same language), and
a Japanese run followed by an English run becomes one segment. A `日本語 / English` title line is
a segment of its own, paired within the line. An English run that follows no Japanese run is
reported as unpaired, except English metadata lines (`URL: …`), which are target text. A
Japanese table followed (after blank lines) by an English table with as many rows and cells
(what `termqa translate --interleave` writes) is paired row by row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from termqa.model import Document, SegmentKind, Span, Unpaired
from termqa.readers.common import Piece, assemble, make_span
from termqa.readers.lang import Lang, classify, split_title
from termqa.readers.lines import Line, LineKind, scan_lines
from termqa.readers.markdown import kind_of

_TITLE_KINDS = frozenset((LineKind.HEADING, LineKind.TEXT, LineKind.LIST, LineKind.LABEL))
_CONTINUED = frozenset((LineKind.TEXT, LineKind.LIST, LineKind.QUESTION, LineKind.ANSWER))
_SENTENCE_END = re.compile(r"[。．.!！?？、，,:：」)）]$")
_CELL_TEXT = re.compile(r"[^\s|:\-]")  # an alignment row has only pipes, colons and dashes
_LABEL_MAX = 20  # a Japanese line this short, without punctuation and without English, is a label


@dataclass(slots=True)
class Run:
    lang: Lang
    lines: list[Line] = field(default_factory=list)
    title: tuple[int, int] | None = None  # file offsets: end of the Japanese half, start of English

    @property
    def first(self) -> Line:
        return self.lines[0]

    @property
    def start(self) -> int:
        return self.lines[0].content

    @property
    def end(self) -> int:
        return self.lines[-1].end


def build_runs(lines: list[Line], masked: str) -> list[Run]:
    """Group non-blank lines into runs of one language; markers and title lines start new runs."""
    runs: list[Run] = []
    current: Run | None = None
    for line in lines:
        if line.kind in (LineKind.BLANK, LineKind.RULE):
            current = None
            continue
        content = masked[line.content : line.end]
        split = split_title(content) if line.kind in _TITLE_KINDS else None
        if split is not None:
            title = (line.content + split[0], line.content + split[1])
            runs.append(Run(Lang.JA, [line], title))
            current = None
            continue
        lang = classify(content)
        if current is not None and _continues(current, line, lang):
            current.lines.append(line)
            continue
        current = Run(lang, [line])
        runs.append(current)
    return runs


def _continues(run: Run, line: Line, lang: Lang) -> bool:
    """A plain text line continues a paragraph, list item or Q/A run of its language."""
    return (
        line.kind is LineKind.TEXT
        and run.title is None
        and run.first.kind in _CONTINUED
        and lang in (Lang.OTHER, run.lang)
    )


def read_interleaved(path: str, text: str, masked: str, runs: list[Run] | None = None) -> Document:
    """Segments from the runs of `text` (built here unless the caller already has them)."""
    if runs is None:
        runs = build_runs(scan_lines(text, masked), masked)
    pieces: list[Piece] = []
    unpaired: list[Unpaired] = []
    i = 0
    while i < len(runs):
        run = runs[i]
        following = runs[i + 1] if i + 1 < len(runs) else None
        rows = _table_pair(runs, i, text, masked)
        if rows:
            pieces += _row_pieces(runs[i : i + rows], runs[i + rows : i + 2 * rows], text, masked)
            i += 2 * rows
            continue
        if run.title is not None:
            ja = make_span(text, masked, run.start, run.title[0])
            en = make_span(text, masked, run.title[1], run.end)
            pieces.append((SegmentKind.HEADING, ja, en, True))
        elif run.lang is Lang.JA and following is not None and _pairs(run, following):
            en = make_span(text, masked, following.start, following.end)
            pieces.append(_piece(run, text, masked, en))
            i += 1
        elif run.lang is Lang.EN and run.first.kind is not LineKind.METADATA:
            span = make_span(text, masked, run.start, run.end)
            unpaired.append(Unpaired(span, max(len(pieces) - 1, 0), path))
        else:
            pieces.append(_piece(run, text, masked, None))
        i += 1
    return assemble(path, text, "interleaved", pieces, unpaired)


def _row_follows(runs: list[Run], i: int, text: str) -> bool:
    """Whether `runs[i]` is a table row in the same table as the row `runs[i - 1]`: only table
    lines (an alignment row, which masks to nothing) between them."""
    if i == 0:
        return False
    row, above = runs[i].first, runs[i - 1].first
    between = text[above.end : row.start].split("\n")[1:-1]
    return (
        row.kind is LineKind.TABLE
        and above.kind is LineKind.TABLE
        and all(line.lstrip().startswith("|") for line in between)
    )


def _table_rows(runs: list[Run], start: int, text: str) -> int:
    """How many rows the table that opens at `runs[start]` has (0: no table opens there)."""
    if start >= len(runs) or runs[start].first.kind is not LineKind.TABLE:
        return 0
    if _row_follows(runs, start, text):
        return 0  # inside a table, not at its top
    end = start + 1
    while end < len(runs) and _row_follows(runs, end, text):
        end += 1
    return end - start


def _table_pair(runs: list[Run], start: int, text: str, masked: str) -> int:
    """The row count when `runs[start]` opens a Japanese table followed (after blank lines) by
    its English table: as many rows, as many cells a row, a Japanese row in the first, an
    English row and no Japanese one in the second. 0 otherwise."""
    count = _table_rows(runs, start, text)
    if not count or _table_rows(runs, start + count, text) != count:
        return 0
    ja, en = runs[start : start + count], runs[start + count : start + 2 * count]

    def cells(run: Run) -> int:
        return masked[run.start : run.end].count("|")

    if any(cells(a) != cells(b) for a, b in zip(ja, en, strict=True)):
        return 0
    english = {run.lang for run in en}
    japanese = Lang.JA in {run.lang for run in ja}
    return count if japanese and Lang.EN in english and Lang.JA not in english else 0


def _row_pieces(ja: list[Run], en: list[Run], text: str, masked: str) -> list[Piece]:
    """Each Japanese row paired with the English row in its place (alignment rows skipped)."""
    pieces: list[Piece] = []
    for target, source in zip(ja, en, strict=True):
        if not _CELL_TEXT.search(masked[target.start : target.end]):
            continue
        span = make_span(text, masked, source.start, source.end)
        pieces.append(_piece(target, text, masked, span))
    return pieces


def _pairs(ja: Run, en: Run) -> bool:
    """Whether `en` is the source of `ja`: English, not a heading after a non-heading, and
    metadata (`URL: …`) only after metadata."""
    if en.lang is not Lang.EN or en.title is not None:
        return False
    if en.first.kind is LineKind.METADATA:
        return ja.first.kind is LineKind.METADATA
    return en.first.kind is not LineKind.HEADING or ja.first.kind in (
        LineKind.HEADING,
        LineKind.LABEL,
    )


def _piece(run: Run, text: str, masked: str, source: Span | None) -> Piece:
    first = run.first
    kind = kind_of(first)
    target = make_span(text, masked, run.start, run.end)
    if source is None and kind is SegmentKind.PARAGRAPH and _looks_like_label(run, target):
        kind = SegmentKind.HEADING
    starts = first.kind is LineKind.HEADING and first.level <= 2
    return kind, target, source, starts


def _looks_like_label(run: Run, target: Span) -> bool:
    body = target.text.strip()
    return (
        len(run.lines) == 1
        and run.lang is Lang.JA
        and len(body) <= _LABEL_MAX
        and not _SENTENCE_END.search(body)
    )
