"""Splitting English Markdown into translatable units, and putting translations back.

A source line becomes a `Line`: verbatim strings around `Unit`s. Block markup (heading and
list markers, block quotes, table pipes and rules, fences and their code) stays verbatim; so
does everything `mask` blanks (code, URLs, math, HTML, link targets): inside a unit those runs
are `frozen` pieces, never sent for translation. A unit without a Latin letter outside its
frozen pieces is not sent either. Each line is translated on its own, so a paragraph wrapped
over several lines is translated line by line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from termqa.readers.mask import mask

_PREFIX = re.compile(
    r"[ \t]*(?:>[ \t]?)*(?:#{1,6}[ \t]+|(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)?"
)
_HEADING = re.compile(r"[ \t]*(?:>[ \t]?)*#{1,6}[ \t]")
_LETTER = re.compile(r"[A-Za-z]")


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


@dataclass(frozen=True, slots=True)
class Line:
    parts: tuple[str | Unit, ...]
    heading: bool = False
    table: bool = False

    @property
    def units(self) -> list[Unit]:
        return [p for p in self.parts if isinstance(p, Unit) and p.translatable]

    def render(self, text_of: Callable[[Unit], str]) -> str:
        return "".join(p if isinstance(p, str) else text_of(p) for p in self.parts)


def split_markdown(text: str) -> list[Line]:
    """The lines of `text` (split on "\\n", which the lines do not hold) as `Line`s."""
    return [
        _line(raw, masked)
        for raw, masked in zip(text.split("\n"), mask(text).split("\n"), strict=True)
    ]


def _line(raw: str, masked: str) -> Line:
    if not masked.strip():
        return Line((raw,))
    if raw.lstrip().startswith("|"):
        return Line(tuple(_cells(raw, masked)), table=True)
    prefix = _PREFIX.match(raw)
    start = prefix.end() if prefix else 0
    parts = [raw[:start], *_padded(raw[start:], masked[start:])]
    return Line(tuple(p for p in parts if p != ""), heading=bool(_HEADING.match(raw)))


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
