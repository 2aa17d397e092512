"""Bilingual tables: TSV or CSV with `source` and `target` columns, one segment a row.

Python csv semantics (doubled quotes, quoted fields may hold delimiters and newlines), parsed
here rather than with the csv module because every cell must keep its offsets in the file: a
finding's line is the row's line. A quoted cell with doubled quotes gets per-character offsets.
In TSV a field that opens with a quote but does not close right before a tab or a line end is
plain text (TSV files often hold raw quotes); in CSV that is an error, as is an unterminated
quote in either.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from termqa.errors import TermqaError
from termqa.model import Document, Segment, SegmentKind, Span
from termqa.readers.common import number_sections, sources_lowercased
from termqa.readers.mask import mask

_QUOTED = re.compile(r'"[^"]*(?:""[^"]*)*"')
_FIELD_END = {"\t": re.compile(r"[\t\r\n]"), ",": re.compile(r"[,\r\n]")}
_SOURCE_NAMES = ("source", "src", "en", "english", "source_text")
_TARGET_NAMES = ("target", "tgt", "ja", "japanese", "target_text", "translation")
_GROUP_NAMES = ("file", "document", "doc", "path")


@dataclass(frozen=True, slots=True)
class Cell:
    value: str
    start: int  # file offset of value[0] (where the cell's text would be, when empty)
    offsets: tuple[int, ...] | None = None


def read_table(path: str, text: str, layout: str) -> Document:
    delimiter = "\t" if layout == "tsv" else ","
    rows = iter_rows(text, delimiter, path)
    header = next(rows, None)
    if header is None:
        raise TermqaError("empty file", path)
    header_line, names = header[0], [c.value.strip().lstrip("\ufeff").lower() for c in header[1]]
    source_col, target_col = _columns(names, path, header_line)
    group_col = next((names.index(n) for n in _GROUP_NAMES if n in names), None)
    needed = max(source_col, target_col) + 1
    segments: list[Segment] = []
    groups: list[str] = []
    for line, cells in rows:
        if len(cells) == 1 and not cells[0].value:
            continue  # a blank line
        _check_width(cells, needed, len(names), path, line)
        target = _span(cells[target_col])
        source_cell = cells[source_col]
        source = _span(source_cell) if source_cell.value.strip() else None
        segments.append(Segment(len(segments), SegmentKind.PARAGRAPH, target, source))
        groups.append(
            cells[group_col].value if group_col is not None and group_col < len(cells) else ""
        )
    sections = number_sections(
        [(i > 0 and g != groups[i - 1], False) for i, g in enumerate(groups)]
    )
    return Document(
        path=path,
        text=text,
        layout=layout,
        segments=tuple(
            Segment(s.index, s.kind, s.target, s.source, sections[s.index]) for s in segments
        ),
        source_lowercased=sources_lowercased(segments),
    )


def _columns(names: list[str], path: str, line: int) -> tuple[int, int]:
    source = next((names.index(n) for n in _SOURCE_NAMES if n in names), None)
    target = next((names.index(n) for n in _TARGET_NAMES if n in names), None)
    if source is None or target is None:
        missing = " and ".join(
            f"'{name}'" for name, col in (("source", source), ("target", target)) if col is None
        )
        found = ", ".join(repr(n) for n in names if n) or "none"
        word = "columns" if source is None and target is None else "column"
        raise TermqaError(f"no {missing} {word} in the header row (found: {found})", path, line)
    return source, target


def _check_width(cells: list[Cell], needed: int, width: int, path: str, line: int) -> None:
    extra = [c for c in cells[width:] if c.value.strip()]
    if len(cells) < needed or extra:
        raise TermqaError(
            f"row has {len(cells)} fields, the header has {width} (a tab, comma or quote "
            "out of place?)",
            path,
            line,
        )


def _span(cell: Cell) -> Span:
    return Span(raw=cell.value, text=mask(cell.value), start=cell.start, offsets=cell.offsets)


def iter_rows(text: str, delimiter: str, path: str) -> Iterator[tuple[int, list[Cell]]]:
    """Each row as (1-based line of its start, cells)."""
    pos, line, end = 0, 1, len(text)
    while pos < end:
        row_line = line
        cells: list[Cell] = []
        while True:
            cell, pos, line = _read_cell(text, pos, line, delimiter, path)
            cells.append(cell)
            if pos < end and text[pos] == delimiter:
                pos += 1
                continue
            break
        if text.startswith("\r\n", pos) or text.startswith("\n", pos):
            pos = text.index("\n", pos) + 1
            line += 1
        elif pos < end:  # a lone "\r" ends a row too, as in the csv module
            pos += 1
        yield row_line, cells


def _read_cell(text: str, pos: int, line: int, delimiter: str, path: str) -> tuple[Cell, int, int]:
    """One cell at `pos`: the cell, the offset after it, and the line number after it."""
    if pos < len(text) and text[pos] == '"':
        match = _QUOTED.match(text, pos)
        if match is None:
            raise TermqaError("unterminated quoted field", path, line)
        after = match.end()
        if after == len(text) or text[after] in (delimiter, "\r", "\n"):
            return _quoted_cell(match.group(0), pos), after, line + match.group(0).count("\n")
        if delimiter == ",":
            bad = line + match.group(0).count("\n")
            raise TermqaError(f"unexpected {text[after]!r} after a closing quote", path, bad)
    stop = _FIELD_END[delimiter].search(text, pos)
    end = stop.start() if stop is not None else len(text)
    return Cell(text[pos:end], pos), end, line


def _quoted_cell(quoted: str, pos: int) -> Cell:
    inner = quoted[1:-1]
    if '""' not in inner:
        return Cell(inner, pos + 1)
    chars: list[str] = []
    offsets: list[int] = []
    i = 0
    while i < len(inner):
        chars.append(inner[i])
        offsets.append(pos + 1 + i)
        i += 2 if inner.startswith('""', i) else 1
    return Cell("".join(chars), pos + 1, tuple(offsets))
