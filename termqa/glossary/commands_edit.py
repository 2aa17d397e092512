"""`termqa glossary add|set|remove|merge`: edit and merge glossary files safely.

Every write happens under the file's lock (read, change, lint, write atomically), so
concurrent editors never lose each other's changes. A result with lint errors that the file
did not already have is refused: the errors are printed, nothing is written, exit 1. Errors
the file already had are noted but do not block an unrelated edit. Bad input exits 2.
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import click

from termqa.errors import TermqaError

if TYPE_CHECKING:
    from termqa.glossary.edit import Edit, Options
    from termqa.glossary.lint_model import LintIssue

_FIELD_OPTIONS = (
    click.option("--ja", multiple=True, help="Approved Japanese rendering (repeatable)."),
    click.option("--forbidden", multiple=True, help="Wrong rendering to flag (repeatable)."),
    click.option("--alias", "aliases", multiple=True, help="Other English form (repeatable)."),
    click.option("--expansion", help="What the acronym stands for ('' removes it)."),
    click.option("--note", help="A note for translators ('' removes it)."),
    click.option("--case", type=click.Choice(["sensitive", "insensitive"])),
    click.option("--scope", type=click.Choice(["always", "source"]), help="forbidden_scope."),
)


class _RefusedError(Exception):
    def __init__(self, path: str, errors: list[LintIssue]) -> None:
        super().__init__(path)
        self.path = path
        self.errors = errors


def _field_options(function: Callable[..., None]) -> Callable[..., None]:
    for option in reversed(_FIELD_OPTIONS):
        function = option(function)
    return function


@click.command("add")
@click.argument("file")
@click.argument("term")
@click.option("--kind", type=click.Choice(["keep", "translate"]), required=True)
@_field_options
def add_command(file: str, term: str, **fields: Any) -> None:
    """Add an entry for TERM to FILE (created if missing)."""
    from termqa.glossary.edit import add_entry  # noqa: PLC0415  (ruamel.yaml: lazy)

    options = _options(fields)
    _edit(file, lambda text: add_entry(text, file, term, options), create=True)


@click.command("set")
@click.argument("file")
@click.argument("term")
@click.option("--kind", type=click.Choice(["keep", "translate"]))
@_field_options
@click.option("--add-ja", multiple=True, help="Append a rendering to ja (repeatable).")
@click.option("--remove-ja", multiple=True, help="Remove a rendering from ja (repeatable).")
@click.option("--add-forbidden", multiple=True, help="Append to forbidden (repeatable).")
@click.option("--remove-forbidden", multiple=True, help="Remove from forbidden (repeatable).")
def set_command(file: str, term: str, **fields: Any) -> None:
    """Change fields of TERM's entry in FILE (--ja, --forbidden, --alias replace their lists)."""
    from termqa.glossary.edit import set_entry  # noqa: PLC0415

    options = _options(fields)
    _edit(file, lambda text: set_entry(_need(text, file), file, term, options), create=False)


@click.command("remove")
@click.argument("file")
@click.argument("term")
def remove_command(file: str, term: str) -> None:
    """Remove TERM's entry from FILE."""
    from termqa.glossary.edit import remove_entry  # noqa: PLC0415

    _edit(file, lambda text: remove_entry(_need(text, file), file, term), create=False)


@click.command("merge")
@click.argument("a")
@click.argument("b")
@click.option("-o", "--output", help="Write the result here (atomically) instead of stdout.")
@click.option("--prefer", type=click.Choice(["A", "B"], case_sensitive=False))
def merge_command(a: str, b: str, output: str | None, prefer: str | None) -> None:
    """Merge glossary B into A: A's entries and comments, then B's new entries."""
    from termqa.glossary.atomic import locked, write_atomic  # noqa: PLC0415

    prefer = prefer.upper() if prefer else None
    try:
        if output is None:
            click.echo(_merge(a, b, prefer, "<merged>"), nl=False)
            return
        with locked(output):
            text = _merge(a, b, prefer, output)
            write_atomic(output, text)
    except TermqaError as exc:
        _fail(exc.render())
    except _RefusedError as exc:
        _refuse(exc, "merge")
    click.echo(f"wrote {output}", err=True)


COMMANDS: tuple[click.Command, ...] = (add_command, set_command, remove_command, merge_command)


def _options(fields: dict[str, Any]) -> Options:
    from termqa.glossary.edit import Options  # noqa: PLC0415

    values = dict(fields)
    for name in ("ja", "forbidden", "aliases"):  # given at least once: replace the list
        values[name] = tuple(values[name]) or None
    return Options(**values)


def _need(text: str | None, path: str) -> str:
    if text is None:
        raise TermqaError("glossary file not found", path)
    return text


def _edit(path: str, change: Callable[[str | None], Edit], *, create: bool) -> None:
    """Read, change, lint and write FILE under its lock; print what changed."""
    from termqa.glossary.atomic import locked, write_atomic  # noqa: PLC0415

    shown: list[str] = []
    try:
        _check_target(path, create=create)
        with locked(path):
            before = _read(path)
            edit = change(before)
            if edit.changed:
                shown = _lint_gate(edit.text, path, [(before, path)], edit.lines)
                write_atomic(path, edit.text)
    except TermqaError as exc:
        _fail(exc.render())
    except _RefusedError as exc:
        _refuse(exc, "edit")
    for line in shown:
        click.echo(line, err=True)
    click.echo(edit.message)


def _merge(a: str, b: str, prefer: str | None, label: str) -> str:
    """The merged text; conflicts and the summary go to stderr; exit 1 on unresolved ones."""
    from termqa.glossary.merge import merge_texts  # noqa: PLC0415

    a_text, b_text = _need(_read(a), a), _need(_read(b), b)
    result = merge_texts(a_text, a, b_text, b, prefer)
    for conflict in result.conflicts:
        click.echo(conflict.render(prefer), err=True)
    if result.conflicts and prefer is None:
        click.echo(
            f"termqa: merge refused: {len(result.conflicts)} conflicting field(s); "
            "nothing written (choose with --prefer A or --prefer B)",
            err=True,
        )
        sys.exit(1)
    shown = _lint_gate(result.text, label, [(a_text, a), (b_text, b)], None)
    for issue in shown:
        click.echo(issue, err=True)
    click.echo(f"merged {a} and {b}: {result.summary()}", err=True)
    return result.text


def _lint_gate(
    text: str, path: str, baselines: Sequence[tuple[str | None, str]], lines: tuple[int, int] | None
) -> list[str]:
    """Lint the result: raise _RefusedError for errors the inputs did not have; else the lines
    to show: warnings within `lines` (for a merge, None: the warnings the inputs did not have)
    and a note on errors that were already there."""
    from termqa.glossary.lint import lint_text  # noqa: PLC0415
    from termqa.glossary.lint_model import Level  # noqa: PLC0415

    issues = lint_text(text.removeprefix("\ufeff"), path)
    errors = [i for i in issues if i.level is Level.ERROR]
    warnings = [i for i in issues if i.level is not Level.ERROR]
    old: list[LintIssue] = []
    if errors or lines is None:
        for base, base_path in baselines:
            old += lint_text(base.removeprefix("\ufeff"), base_path) if base is not None else []
    if lines is None:
        warnings = _introduced(warnings, old)
    else:
        warnings = [i for i in warnings if lines[0] <= i.line <= lines[1]]
    shown = [issue.render() for issue in warnings]
    introduced = _introduced(errors, old)
    if introduced:
        raise _RefusedError(path, introduced)
    if errors:
        shown.append(
            f"note: {len(errors)} lint error(s) were already there (see 'termqa glossary lint')"
        )
    return shown


def _introduced(issues: list[LintIssue], before: list[LintIssue]) -> list[LintIssue]:
    """The issues not already present before (matched by code and message, lines aside)."""
    pool = Counter(_issue_key(i) for i in before)
    out = []
    for issue in issues:
        key = _issue_key(issue)
        if pool[key]:
            pool[key] -= 1
        else:
            out.append(issue)
    return out


def _issue_key(issue: LintIssue) -> tuple[str, str]:
    return issue.code, re.sub(r"\bline \d+", "line N", issue.message)


def _check_target(path: str, *, create: bool) -> None:
    """Catch a missing file or directory before the lock file would be created beside it."""
    if os.path.isdir(path):
        raise TermqaError("is a directory, not a glossary file", path)
    if not create and not os.path.exists(path):
        raise TermqaError("glossary file not found", path)
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise TermqaError(f"directory {directory} does not exist", path)


def _read(path: str) -> str | None:
    """The file's text (a BOM kept as U+FEFF), or None when it does not exist."""
    from termqa.readers.decode import read_glossary_text  # noqa: PLC0415

    if not os.path.lexists(path):
        return None
    return read_glossary_text(path, keep_bom=True)


def _refuse(exc: _RefusedError, what: str) -> NoReturn:
    for issue in exc.errors:
        click.echo(issue.render(), err=True)
    count = len(exc.errors)
    click.echo(f"termqa: {what} refused: {count} lint error(s); nothing written", err=True)
    sys.exit(1)


def _fail(message: str) -> NoReturn:
    click.echo(f"termqa: error: {message}", err=True)
    sys.exit(2)
