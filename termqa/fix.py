"""`termqa check --fix` / `--diff`: apply the safe fixes rules recorded on their findings.

A finding's `fix` replaces the file text between its `offset` and `end_offset`. A fix is
applied only when that text is still the finding's evidence, lies inside one target segment
and touches no masked character (code, URL, math, comment): the segment's masked text equals
its raw text there. Overlapping fixes: the first (lowest offset) wins, the rest wait for the
next pass. Passes repeat (at most `MAX_PASSES`) until no fix applies, so a second run changes
nothing. Tables (TSV/CSV layouts) are never fixed: a quoted cell's offsets are not plain file
positions. English source files are never written: fixes apply to the checked target only.
"""

from __future__ import annotations

import codecs
import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from termqa.model import Document, Finding

if TYPE_CHECKING:
    from termqa.api import Checker

MAX_PASSES = 5
Edit = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class FixResult:
    path: str
    before: str
    after: str
    applied: int

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            fromfile=f"a/{self.path}",
            tofile=f"b/{self.path}",
        )
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def plan(doc: Document, findings: Sequence[Finding]) -> list[Edit]:
    """The non-overlapping safe edits of `findings` on `doc`, in file order."""
    if doc.layout in ("tsv", "csv"):
        return []
    edits: list[Edit] = []
    last_end = -1
    for f in sorted(findings, key=lambda f: (f.offset, f.end_offset)):
        if f.fix is None or f.fix == f.target or f.offset < last_end:
            continue
        if doc.text[f.offset : f.end_offset] != f.target or not _unmasked(doc, f):
            continue
        edits.append((f.offset, f.end_offset, f.fix))
        last_end = max(f.end_offset, f.offset + 1)
    return edits


def _unmasked(doc: Document, f: Finding) -> bool:
    for seg in doc.segments:
        span = seg.target
        if span.offsets is not None:
            continue
        i, j = f.offset - span.start, f.end_offset - span.start
        if 0 <= i <= j <= len(span):
            return span.text[i:j] == span.raw[i:j]
    return False


def apply(text: str, edits: Sequence[Edit]) -> str:
    out: list[str] = []
    pos = 0
    for start, end, replacement in edits:
        out += [text[pos:start], replacement]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def has_bom(path: str) -> bool:
    with open(path, "rb") as handle:
        return handle.read(3) == codecs.BOM_UTF8


def fix_file(checker: Checker, path: str, *, layout: str, source: str | None) -> FixResult:
    """Check `path` and apply its safe fixes in passes until none applies (nothing written)."""
    from termqa.document import parse_text, read_document  # noqa: PLC0415
    from termqa.readers.decode import read_text  # noqa: PLC0415

    limit = checker.config.max_file_size
    doc = read_document(path, layout=layout, source=source, max_size=limit)
    source_text = read_text(doc.source_path, limit=limit) if doc.source_path else None
    before = text = doc.text
    applied = 0
    for _ in range(MAX_PASSES):
        edits = plan(doc, checker.findings(doc))
        if not edits:
            break
        applied += len(edits)
        text = apply(text, edits)
        doc = parse_text(
            text, path=path, layout=layout, source_text=source_text, source_path=doc.source_path
        )
    return FixResult(path=path, before=before, after=text, applied=applied)


def write_fixed(result: FixResult) -> None:
    from termqa.glossary.atomic import write_atomic  # noqa: PLC0415

    bom = "\ufeff" if has_bom(result.path) else ""
    write_atomic(result.path, bom + result.after)
