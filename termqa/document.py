"""Reading digests: files or strings in, `Document`s out; the inputs a directory holds.

Layouts (see DIGESTS.md): `interleaved`, `target-only`, `separate`, `tsv`, `csv`, or `auto`:
1. extension `.tsv`/`.csv`, or a first line naming `source` and `target` columns: a table;
2. a source file given, or a sibling `X.en.md` (`.markdown`, `.txt`) next to `X.md`/`X.ja.md`:
   separate files;
3. English lines directly after Japanese ones make up 30% of the non-blank lines, or 15% when
   there are `日本語 / English` title lines: interleaved;
4. otherwise target-only.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from termqa.errors import TermqaError
from termqa.model import Document
from termqa.readers.decode import DEFAULT_MAX_FILE_SIZE, read_text, refuse_surrogates
from termqa.readers.detect import looks_interleaved, table_layout
from termqa.readers.interleaved import build_runs, read_interleaved
from termqa.readers.lines import scan_lines
from termqa.readers.mask import mask
from termqa.readers.separate import read_separate
from termqa.readers.table import read_table
from termqa.readers.target_only import read_target_only

LAYOUTS = ("auto", "interleaved", "target-only", "separate", "tsv", "csv")
DIGEST_EXTENSIONS = (".md", ".markdown", ".txt", ".tsv", ".csv")
_TEXT_EXTENSIONS = (".md", ".markdown", ".txt")
_TARGET_TAGS = (".ja", ".jp")  # post.ja.md is the Japanese file of post.en.md


def read_document(
    path: str,
    *,
    layout: str = "auto",
    source: str | None = None,
    max_size: int = DEFAULT_MAX_FILE_SIZE,
) -> Document:
    """Read one digest file; every problem with it is a TermqaError naming the file. A file
    (or its source) larger than `max_size` bytes is refused before it is read (0: no limit)."""
    _check_layout(layout, source)
    text = read_text(path, limit=max_size)
    table = layout if layout in ("tsv", "csv") else table_layout(path, text)
    if table is not None and layout in ("auto", "tsv", "csv"):
        if source is not None:
            raise TermqaError(
                f"a source file does not go with a {table} table (it has a source column)", path
            )
        return parse_text(text, path=path, layout=layout)
    source_path = source
    if source_path is None and layout in ("auto", "separate"):
        source_path = find_source(path)
        if source_path is not None and layout == "auto" and _interleaved(text):
            source_path = None  # bilingual already (`termqa translate --interleave` output)
    if source_path is None:
        if layout == "separate":
            raise TermqaError(
                "layout 'separate' needs a source file: none found next to it "
                "(X.en.md for X.md or X.ja.md); give one with --source",
                path,
            )
        return parse_text(text, path=path, layout=layout)
    if os.path.abspath(source_path) == os.path.abspath(path):
        raise TermqaError("the source file is the file being checked", path)
    source_text = read_text(source_path, limit=max_size)
    return parse_text(
        text, path=path, layout=layout, source_text=source_text, source_path=source_path
    )


def _interleaved(text: str) -> bool:
    masked = mask(text)
    return looks_interleaved(build_runs(scan_lines(text, masked), masked))


def parse_text(
    text: str,
    *,
    path: str = "<text>",
    layout: str = "auto",
    source_text: str | None = None,
    source_path: str | None = None,
) -> Document:
    """Read a digest from strings. Empty text gives a document without segments."""
    _check_layout(layout, source_text)
    refuse_surrogates(text, path)
    if source_text is not None:
        refuse_surrogates(source_text, source_path or "<source>")
    text = text.removeprefix("\ufeff")
    table = layout if layout in ("tsv", "csv") else None
    if layout == "auto":
        table = table_layout(path, text)
    if table is not None:
        if not text.strip():
            return Document(path=path, text=text, layout=table, segments=())
        return read_table(path, text, table)
    masked = mask(text)
    if source_text is not None:
        source_text = source_text.removeprefix("\ufeff")
        return read_separate(
            path,
            text,
            masked,
            source_path=source_path or "<source>",
            source_text=source_text,
            source_masked=mask(source_text),
        )
    if layout == "separate":
        raise TermqaError("layout 'separate' needs a source text", path)
    lines = scan_lines(text, masked)
    if layout == "target-only":
        return read_target_only(path, text, masked, lines)
    runs = build_runs(lines, masked)
    if layout == "interleaved" or looks_interleaved(runs):
        return read_interleaved(path, text, masked, runs)
    return read_target_only(path, text, masked, lines)


def _check_layout(layout: str, source: str | None) -> None:
    if layout not in LAYOUTS:
        raise TermqaError(f"unknown layout '{layout}' (choose from: {', '.join(LAYOUTS)})")
    if source is not None and layout not in ("auto", "separate"):
        raise TermqaError(f"a source file goes with layout 'separate' or 'auto', not '{layout}'")


def find_source(path: str) -> str | None:
    """The English sibling of a Japanese file: post.en.md for post.md or post.ja.md."""
    directory, name = os.path.split(path)
    ext = next((e for e in _TEXT_EXTENSIONS if name.lower().endswith(e)), None)
    if ext is None:
        return None
    stem = name[: -len(ext)]
    if stem.lower().endswith(".en"):
        return None  # this is itself a source file
    for tag in _TARGET_TAGS:
        if stem.lower().endswith(tag):
            stem = stem[: -len(tag)]
            break
    for candidate_ext in (name[-len(ext) :], *_TEXT_EXTENSIONS):
        candidate = os.path.join(directory, stem + ".en" + candidate_ext)
        if os.path.isfile(candidate):
            return candidate
    return None


def collect_inputs(paths: Sequence[str]) -> list[str]:
    """The files to check: files as given, directories walked for digests (sorted, hidden
    entries skipped). An `X.en.md` whose Japanese sibling is also checked is left out: it is
    that file's source."""
    found: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            inside = _walk(path)
            if not inside:
                raise TermqaError("no digests (.md, .txt, .tsv, .csv) found in directory", path)
            found.extend(inside)
        elif os.path.exists(path):
            found.append(path)
        else:
            raise TermqaError("no such file or directory", path)
    unique = list(dict.fromkeys(found))
    targets = {os.path.normpath(p) for p in unique}
    return [p for p in unique if not _is_source_of(p, targets)]


def _walk(directory: str) -> list[str]:
    files: list[str] = []
    for root, dirs, names in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        files.extend(
            os.path.join(root, name)
            for name in sorted(names)
            if not name.startswith(".") and name.lower().endswith(DIGEST_EXTENSIONS)
        )
    return sorted(files)


def _is_source_of(path: str, targets: set[str]) -> bool:
    """True when `path` is X.en.<ext> and X.<ext>, X.ja.<ext> (any text extension) is checked."""
    directory, name = os.path.split(os.path.normpath(path))
    ext = next((e for e in _TEXT_EXTENSIONS if name.lower().endswith(e)), None)
    if ext is None or not name[: -len(ext)].lower().endswith(".en"):
        return False
    stem = name[: -len(ext) - len(".en")]
    return any(
        os.path.join(directory, stem + tag + other) in targets
        for tag in ("", *_TARGET_TAGS)
        for other in _TEXT_EXTENSIONS
    )
