"""Choosing a layout when the user did not: by extension, by a header row, by line languages."""

from __future__ import annotations

import itertools
import os

from termqa.readers.interleaved import Run
from termqa.readers.lang import Lang
from termqa.readers.lines import LineKind

TABLE_EXTENSIONS = {".tsv": "tsv", ".csv": "csv"}
_HEADER_WORDS = ("source", "target")
# Share of non-blank lines that must be English lines right after Japanese ones.
_INTERLEAVED_SHARE = 0.3
# With `日本語 / English` title lines, a smaller share suffices.
_TITLED_SHARE = 0.15


def table_layout(path: str, text: str) -> str | None:
    """'tsv' or 'csv' when the extension says so, or the first line is a source/target header."""
    ext = os.path.splitext(path)[1].lower()
    if ext in TABLE_EXTENSIONS:
        return TABLE_EXTENSIONS[ext]
    first = text.lstrip("\ufeff").split("\n", 1)[0].lower()
    for delimiter, layout in (("\t", "tsv"), (",", "csv")):
        names = [name.strip().strip('"') for name in first.split(delimiter)]
        if len(names) > 1 and all(word in names for word in _HEADER_WORDS):
            return layout
    return None


def looks_interleaved(runs: list[Run]) -> bool:
    """True when enough English lines directly follow Japanese ones.

    Counted by runs (a block of consecutive lines of one language), so a hard-wrapped English
    paragraph after its Japanese one counts all its lines. English metadata lines (`URL: …`) do
    not count, and a lone English title or quote in a Japanese post stays far below the share.
    """
    lines = sum(len(run.lines) for run in runs)
    if not lines:
        return False
    titles = sum(1 for run in runs if run.title is not None)
    following = sum(
        len(run.lines) for previous, run in itertools.pairwise(runs) if _follows(previous, run)
    )
    if following >= _INTERLEAVED_SHARE * lines:
        return True
    return titles > 0 and following >= max(2, _TITLED_SHARE * lines)


def _follows(previous: Run, run: Run) -> bool:
    return (
        run.lang is Lang.EN
        and run.title is None
        and run.first.kind is not LineKind.METADATA
        and previous.lang is Lang.JA
    )
