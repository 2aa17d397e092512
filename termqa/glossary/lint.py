"""`termqa glossary lint`: schema, duplicates, conflicts, near-duplicates, failing examples.

The checks themselves live in lint_checks.py (duplicates, conflicts, casing, forbidden =
approved), lint_near.py (near-duplicate terms) and lint_examples.py (examples through the
real checker); this module reads the files and runs them. A file that `check` can load is
read through the loader's cache; one it refuses is read again leniently, so every schema
error is reported with its line, and its valid entries are still linted.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from termqa.errors import TermqaError
from termqa.glossary.lint_checks import forbidden_issues, form_issues, layer
from termqa.glossary.lint_model import Level, LintIssue
from termqa.glossary.lint_schema import parse_lenient
from termqa.glossary.model import Entry
from termqa.readers.decode import read_glossary_text

if TYPE_CHECKING:
    from termqa.glossary.index import Glossary

__all__ = ["LintIssue", "has_errors", "lint_files", "lint_text", "read_entries", "shipped_path"]


def lint_files(
    paths: Sequence[str], *, default: bool = False, examples: bool = True
) -> list[LintIssue]:
    """Issues of the glossaries at `paths`, layered in order, sorted by (path, line).

    `default` layers the shipped glossary under them, for conflicts with it; its own issues
    are then left out (lint it alone for those). Unreadable files and invalid YAML raise a
    TermqaError; schema errors are issues.
    """
    from termqa.glossary.io import load_glossaries  # noqa: PLC0415

    shipped = shipped_path()
    files = [shipped, *paths] if default else list(paths)
    loaded = [read_entries(path) for path in files]
    issues = [i for _, found in loaded for i in found]
    layers = [entries for entries, _ in loaded]

    def glossary() -> Glossary:
        if issues:  # a file `check` refuses: compile the entries that are valid
            return _compile([e for entries in layers for e in entries])
        return load_glossaries(files, default=False)

    found = _lint(layers, glossary if examples else None, issues)
    if default and not any(_same_file(path, shipped) for path in paths):
        found = [i for i in found if not _same_file(i.path, shipped)]
    return found


def lint_text(text: str, path: str, *, examples: bool = True) -> list[LintIssue]:
    """Issues of one in-memory glossary document as if it were the file at `path`, alone.

    For refusing an edit before it is written: invalid YAML raises a TermqaError.
    """
    entries, issues = parse_lenient(text, path)
    return _lint([entries], (lambda: _compile(entries)) if examples else None, issues)


def shipped_path() -> str:
    """The shipped glossary's path as a user would type it: relative when under the current
    directory (`glossaries/ml.yaml` in a checkout), absolute otherwise."""
    from termqa.glossary.io import default_glossary_path  # noqa: PLC0415

    path = default_glossary_path()
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def has_errors(issues: Sequence[LintIssue]) -> bool:
    return any(i.level is Level.ERROR for i in issues)


def read_entries(path: str) -> tuple[list[Entry], list[LintIssue]]:
    """A glossary file's valid entries and its schema errors (none if `check` can load it)."""
    from termqa.glossary.io import load_file  # noqa: PLC0415
    from termqa.glossary.tables import rows_entries  # noqa: PLC0415

    try:
        items = load_file(path).entries
    except TermqaError as exc:
        if exc.path != path or exc.line is None:
            raise
        return parse_lenient(read_glossary_text(path), path)
    rows = [item for item in items if isinstance(item, str)]
    if not rows:
        return [item for item in items if isinstance(item, Entry)], []
    return rows_entries(rows, [path] * len(rows)), []


def _lint(
    layers: list[list[Entry]],
    glossary: Callable[[], Glossary] | None,
    issues: list[LintIssue],
) -> list[LintIssue]:
    from termqa.glossary.lint_near import near_duplicates  # noqa: PLC0415  (rapidfuzz)

    effective, found = layer(layers)
    found += form_issues(effective)
    found += forbidden_issues(effective)
    found += near_duplicates(effective)
    with_examples = [e for e in effective if e.bad or e.good]
    if glossary is not None and with_examples:
        from termqa.glossary.lint_examples import example_issues, make_checker  # noqa: PLC0415

        found += example_issues(with_examples, make_checker(glossary()))
    return sorted([*issues, *found], key=lambda i: (i.path, i.line, i.code, i.message))


def _compile(entries: list[Entry]) -> Glossary:
    from termqa.glossary.index import Glossary  # noqa: PLC0415
    from termqa.glossary.normalize import shared_tools  # noqa: PLC0415

    return Glossary(entries, ja=shared_tools())


def _same_file(a: str, b: str) -> bool:
    return os.path.realpath(a) == os.path.realpath(b)
