"""Splitting English Markdown into translatable units, and putting translations back.

The source becomes `Block`s: verbatim strings around `Unit`s. A paragraph wrapped over several
lines (a list item with its continuation lines, a block quote over several lines) is ONE block
with one unit, its lines joined with a space, so DeepL sees whole sentences; it keeps the first
line's prefix (indentation, `> `, list marker) and is written back on one line. Headings and
table rows are one line each (a row's cells are units of their own); blank lines, fences and
their code, thematic breaks and lines holding only markup are verbatim and end paragraphs.
Everything `mask` blanks (code, URLs, math, HTML, link targets) is a `frozen` piece inside a
unit, never sent for translation. A unit without a Latin letter outside its frozen pieces is
not sent either.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from termqa.readers.lines import Line, LineKind, scan_lines
from termqa.readers.mask import mask

_PREFIX = re.compile(
    r"[ \t]*(?:>[ \t]?)*(?:#{1,6}[ \t]+|(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)?"
)
_QUOTES = re.compile(r"[ \t]*((?:>[ \t]?)*)")
_HEADING = re.compile(r"[ \t]*(?:>[ \t]?)*#{1,6}(?:[ \t]|$)")
_ITEM = re.compile(r"[ \t]*(?:>[ \t]?)*(?:[-*+]|\d{1,9}[.)])[ \t]+")
_BREAK = re.compile(r"[ \t]*(?:>[ \t]?)*(?:(?:[-*_][ \t]*){3,}|=+[ \t]*)\r?$")
# A line that masks to nothing and opens with one of these is a block of its own.
_OPENERS = ("```", "~~~", "$$", "\\[", "<")
_LETTER = re.compile(r"[A-Za-z]")
_ONE_LINE = frozenset((LineKind.METADATA, LineKind.LABEL))
_OWN_BLOCK = _ONE_LINE | {LineKind.QUESTION, LineKind.ANSWER}  # never a continuation line


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    frozen: bool  # code, URL, math, markup: kept verbatim, never sent


@dataclass(frozen=True, slots=True)
class Unit:
    pieces: tuple[Piece, ...]

    @property
    def plain(self) -> str:
        """The unit's text with frozen pieces blanked (same length as the raw text)."""
        return "".join(" " * len(p.text) if p.frozen else p.text for p in self.pieces)

    @property
    def raw(self) -> str:
        return "".join(p.text for p in self.pieces)

    @property
    def translatable(self) -> bool:
        return any(not p.frozen and _LETTER.search(p.text) for p in self.pieces)


class BlockKind(StrEnum):
    VERBATIM = "verbatim"  # one line, written as it is
    HEADING = "heading"
    ROW = "row"  # a table row; its cells are units
    TEXT = "text"  # a paragraph, list item or quote, over one or more source lines


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    lines: tuple[str, ...]  # the source lines, verbatim
    parts: tuple[str | Unit, ...]  # the block on one line: verbatim strings and units

    @property
    def units(self) -> list[Unit]:
        return [p for p in self.parts if isinstance(p, Unit) and p.translatable]

    def render(self, text_of: Callable[[Unit], str]) -> str:
        return "".join(p if isinstance(p, str) else text_of(p) for p in self.parts)


def split_markdown(text: str) -> list[Block]:
    """The blocks of `text` (split on "\n"); their `lines` put together give `text` back.

    Lines the readers take one at a time (metadata such as `URL: …`, section labels) stay one
    block each; a question or answer (`Q: …`) opens a block as a list item does."""
    masked = mask(text)
    raws, masks = text.split("\n"), masked.split("\n")
    scanned = scan_lines(text, masked)
    kinds = [line.kind for line in scanned]
    blocks: list[Block] = []
    group: list[int] = []  # line indices of the open paragraph
    for i, (raw, line_mask) in enumerate(zip(raws, masks, strict=True)):
        if group and kinds[i] not in _OWN_BLOCK and _continues(raws[group[-1]], raw, line_mask):
            group.append(i)
            continue
        if group:
            blocks.append(_paragraph(raws, masks, group, _prefix_end(scanned[group[0]], raws)))
            group = []
        if not _opens_paragraph(raw, line_mask):
            blocks.append(_single(raw, line_mask))
        elif kinds[i] in _ONE_LINE:
            blocks.append(_paragraph(raws, masks, [i], _prefix_end(scanned[i], raws)))
        else:
            group = [i]
    if group:
        blocks.append(_paragraph(raws, masks, group, _prefix_end(scanned[group[0]], raws)))
    return blocks


def _prefix_end(line: Line, raws: Sequence[str]) -> int:
    """Where the text of a block's first line starts: after indentation, quote and list
    markers, and a `Q:`/`A:` marker, which stay verbatim."""
    if line.kind in (LineKind.QUESTION, LineKind.ANSWER):
        return line.content - line.start
    prefix = _PREFIX.match(raws[line.index])
    return prefix.end() if prefix else 0


def _quote_depth(raw: str) -> int:
    match = _QUOTES.match(raw)
    return match.group(1).count(">") if match else 0


def _ends_paragraph(raw: str) -> bool:
    """Blank lines (also a bare `>`), table rows, headings and thematic breaks."""
    return (
        not raw[_body_start(raw) :].strip()
        or raw.lstrip().startswith("|")
        or _HEADING.match(raw) is not None
        or _BREAK.match(raw) is not None
    )


def _opens_paragraph(raw: str, masked: str) -> bool:
    return not _ends_paragraph(raw) and bool(masked.strip())


def _continues(previous: str, raw: str, masked: str) -> bool:
    """A line continues the open paragraph: text at the same quote depth, not a new item; a
    line of markup alone (a URL, inline code) too, unless it opens a fence, math or HTML."""
    if _ends_paragraph(raw) or _ITEM.match(raw):
        return False
    if _quote_depth(raw) != _quote_depth(previous):
        return False
    return bool(masked.strip()) or not raw[_body_start(raw) :].startswith(_OPENERS)


def _body_start(raw: str) -> int:
    """Offset of a continuation line's text, after indentation and quote markers."""
    quotes = _QUOTES.match(raw)
    pos = quotes.end() if quotes else 0
    return len(raw) - len(raw[pos:].lstrip(" \t"))


def _single(raw: str, masked: str) -> Block:
    if raw.lstrip().startswith("|"):
        return Block(BlockKind.ROW, (raw,), tuple(_cells(raw, masked)))
    if not masked.strip() or _BREAK.match(raw):
        return Block(BlockKind.VERBATIM, (raw,), (raw,))
    prefix = _PREFIX.match(raw)
    start = prefix.end() if prefix else 0
    parts = [raw[:start], *_padded(raw[start:], masked[start:])]
    return Block(BlockKind.HEADING, (raw,), tuple(p for p in parts if p != ""))


def _paragraph(
    raws: Sequence[str], masks: Sequence[str], group: Sequence[int], prefix: int
) -> Block:
    """The lines of `group` as one unit: the first line's `prefix` characters kept, the other
    lines' quote markers and indentation dropped, the lines joined with a space."""
    first = raws[group[0]]
    starts = [prefix, *(_body_start(raws[i]) for i in group[1:])]
    raw_parts: list[str] = []
    mask_parts: list[str] = []
    for n, (i, start) in enumerate(zip(group, starts, strict=True)):
        end = len(raws[i])
        if n < len(group) - 1:  # the last line keeps its trailing blanks (verbatim, as before)
            end = start + len(raws[i][start:].rstrip(" \t\r"))
        raw_parts.append(raws[i][start:end])
        mask_parts.append(masks[i][start:end])
    joined = _padded(" ".join(raw_parts), " ".join(mask_parts))
    parts = tuple(p for p in (first[: starts[0]], *joined) if p != "")
    return Block(BlockKind.TEXT, tuple(raws[i] for i in group), parts)


def _cells(raw: str, masked: str) -> Iterator[str | Unit]:
    """A table row: pipes verbatim, each cell a unit (a pipe in code is masked, not a border)."""
    start = 0
    for i, char in enumerate(masked):
        if char == "|" and (i == 0 or raw[i - 1] != "\\"):
            yield from _padded(raw[start:i], masked[start:i])
            yield "|"
            start = i + 1
    yield from _padded(raw[start:], masked[start:])


def _padded(raw: str, masked: str) -> Iterator[str | Unit]:
    """Leading and trailing blanks verbatim, the rest one unit."""
    body = raw.strip()
    if not body:
        if raw:
            yield raw
        return
    lead = len(raw) - len(raw.lstrip())
    end = lead + len(body)
    if lead:
        yield raw[:lead]
    yield Unit(tuple(_pieces(raw[lead:end], masked[lead:end])))
    if end < len(raw):
        yield raw[end:]


def _pieces(raw: str, masked: str) -> Iterator[Piece]:
    """Runs of frozen and free text; blanks between two frozen runs are frozen too."""
    frozen = [m == " " and r != " " for r, m in zip(raw, masked, strict=True)]
    i = 0
    while i < len(raw):
        j = i
        while j < len(raw) and frozen[j] == frozen[i]:
            j += 1
        if frozen[i]:
            gap = j
            while gap < len(raw) and raw[gap] == " " and masked[gap] == " ":
                gap += 1
            if gap < len(raw) and gap > j and frozen[gap]:
                for k in range(j, gap):
                    frozen[k] = True
                continue
        yield Piece(raw[i:j], frozen[i])
        i = j
