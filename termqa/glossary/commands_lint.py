"""`termqa glossary lint|stats|show` (see termqa/glossary/commands.py).

Each command parses options, calls termqa.glossary.lint / lint_report, prints and exits:
0 clean, 1 lint errors (or warnings with --strict) or a term not found, 2 bad input.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

import click

from termqa.errors import TermqaError

if TYPE_CHECKING:
    from termqa.glossary.model import Entry

_FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
_WITH_DEFAULT = click.option(
    "--with-default", is_flag=True, help="Layer the shipped glossary under the given files."
)


def _fail(message: str) -> NoReturn:
    click.echo(f"termqa: error: {message}", err=True)
    sys.exit(2)


def _files(files: Sequence[str], with_default: bool) -> list[str]:
    """The files to read, in layer order; the shipped glossary when none is given."""
    from termqa.glossary.lint import shipped_path  # noqa: PLC0415

    shipped = shipped_path()
    if not files:
        return [shipped]
    return [shipped, *files] if with_default else list(files)


@click.command("lint", short_help="Lint glossaries: schema, conflicts, examples.")
@click.argument("files", nargs=-1)
@_WITH_DEFAULT
@_FORMAT
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option("--no-examples", is_flag=True, help="Do not run the entries' examples.")
def lint_command(
    files: tuple[str, ...], with_default: bool, fmt: str, strict: bool, no_examples: bool
) -> None:
    """Check glossaries: schema, duplicates, conflicts, near-duplicates, examples.

    With no FILE, the shipped glossary. Exit 1 on errors (or warnings with --strict).
    """
    from termqa.glossary.lint import lint_files  # noqa: PLC0415
    from termqa.glossary.lint_model import Level  # noqa: PLC0415
    from termqa.glossary.lint_report import issues_json, issues_text  # noqa: PLC0415

    layered = _files(files, with_default)
    try:
        issues = lint_files(
            list(files) or layered, default=with_default and bool(files), examples=not no_examples
        )
    except TermqaError as exc:
        _fail(exc.render())
    if fmt == "json":
        click.echo(issues_json(issues, layered), nl=False)
    else:
        click.echo(issues_text(issues, len(layered)), nl=False)
    failing = [i for i in issues if strict or i.level is Level.ERROR]
    sys.exit(1 if failing else 0)


@click.command("stats", short_help="Count entries per file, by kind and field.")
@click.argument("files", nargs=-1)
@_FORMAT
def stats_command(files: tuple[str, ...], fmt: str) -> None:
    """Count entries per file: by kind, with forbidden renderings, with examples, aliases.

    With no FILE, the shipped glossary.
    """
    from termqa.glossary.lint_report import stats, stats_json, stats_text  # noqa: PLC0415

    rows = [stats(path, _read(path)) for path in _files(files, with_default=False)]
    click.echo(stats_json(rows) if fmt == "json" else stats_text(rows), nl=False)


@click.command("show", short_help="Print the entry of a term or alias.")
@click.argument("term")
@click.argument("files", nargs=-1)
@_WITH_DEFAULT
@_FORMAT
def show_command(term: str, files: tuple[str, ...], with_default: bool, fmt: str) -> None:
    """Print the entry for TERM (a term or alias, any case) with its file:line.

    With no FILE, the shipped glossary. Exit 1 if no entry has that term.
    """
    from termqa.glossary.lint_report import (  # noqa: PLC0415
        close_matches,
        find,
        show_json,
        show_text,
    )

    paths = _files(files, with_default)
    entries = [entry for path in paths for entry in _read(path)]
    found = find(term, entries)
    if not found:
        close = close_matches(term, entries)
        hint = f"; close matches: {', '.join(repr(c) for c in close)}" if close else ""
        click.echo(f"termqa: '{term}' is not in {', '.join(paths)}{hint}", err=True)
        sys.exit(1)
    click.echo(show_json(found) if fmt == "json" else show_text(found), nl=False)


def _read(path: str) -> list[Entry]:
    """A file's valid entries; its schema errors are a warning on stderr, not a stop."""
    from termqa.glossary.lint import read_entries  # noqa: PLC0415

    try:
        entries, issues = read_entries(path)
    except TermqaError as exc:
        _fail(exc.render())
    if issues:
        click.echo(
            f"termqa: warning: {path}: {len(issues)} schema error"
            f"{'' if len(issues) == 1 else 's'} (see 'termqa glossary lint')",
            err=True,
        )
    return entries


COMMANDS: tuple[click.Command, ...] = (lint_command, stats_command, show_command)
