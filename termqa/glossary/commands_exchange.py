"""`termqa glossary export|import|suggest`: exchange formats and corpus mining.

Heavy imports (defusedxml, spaCy, the format modules) happen inside the commands, so that
`termqa --help` and `termqa check` do not pay for them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import NoReturn

import click

from termqa.errors import TermqaError

FORMAT_NAMES = ("csv", "tsv", "tbx", "prh", "deepl")
_ERROR = 2


def _fail(message: str) -> NoReturn:
    click.echo(f"termqa: error: {message}", err=True)
    sys.exit(_ERROR)


def _warn(lines: list[str]) -> None:
    for line in lines:
        click.echo(f"warning: {line}", err=True)


def _emit(text: str, output: str | None) -> None:
    """`text` to stdout, or atomically to `output` under its lock."""
    if output is None:
        click.echo(text, nl=False)
        return
    from termqa.glossary.atomic import locked, write_atomic  # noqa: PLC0415

    with locked(output):
        write_atomic(output, text)


def _run(action: Callable[[], tuple[str, list[str]]], output: str | None) -> None:
    try:
        text, warnings = action()
        _warn(warnings)
        _emit(text, output)
    except TermqaError as exc:
        _fail(exc.render())


@click.command("export")
@click.argument("files", nargs=-1)
@click.option(
    "--format", "fmt", type=click.Choice(FORMAT_NAMES), required=True, help="Format to write."
)
@click.option("-o", "--output", help="Write here (atomically) instead of to stdout.")
def export_command(files: tuple[str, ...], fmt: str, output: str | None) -> None:
    """Write glossaries as CSV, TSV, TBX, prh YAML or DeepL entries.

    FILES are layered as `termqa check` layers them (a later entry replaces an earlier one
    with the same term); without FILES, the shipped glossary. What the format cannot hold is
    reported on stderr as warnings. Mappings: see the docstrings in termqa/glossary/formats/.
    """
    from termqa.glossary.formats import export_glossaries  # noqa: PLC0415
    from termqa.glossary.io import default_glossary_path  # noqa: PLC0415

    paths = list(files) or [default_glossary_path()]
    _run(lambda: export_glossaries(paths, fmt), output)


@click.command("import")
@click.argument("source")
@click.option(
    "--format", "fmt", type=click.Choice(FORMAT_NAMES), required=True, help="Format of SOURCE."
)
@click.option("-o", "--output", help="Write the YAML here (atomically) instead of to stdout.")
def import_command(source: str, fmt: str, output: str | None) -> None:
    """Read a CSV, TSV, TBX, prh or DeepL file as glossary YAML.

    Malformed input is refused with its line; what did not map is reported on stderr.
    """
    from termqa.glossary.formats import import_file  # noqa: PLC0415

    _run(lambda: import_file(source, fmt), output)


@click.command("suggest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--glossary", "glossaries", multiple=True, help="Extra glossary (repeatable).")
@click.option("--no-default-glossary", is_flag=True, help="Do not load the shipped glossary.")
@click.option(
    "--min-count",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Fewest segments a candidate must occur in.",
)
@click.option("-o", "--output", help="Write the YAML here (atomically) instead of to stdout.")
def suggest_command(
    paths: tuple[str, ...],
    glossaries: tuple[str, ...],
    no_default_glossary: bool,
    min_count: int,
    output: str | None,
) -> None:
    """Mine digests for terms the glossary lacks, as reviewable glossary YAML.

    Candidates: acronyms, mixed-case names and recurring multiword terms in the English
    source and in Latin runs of the Japanese text; for bilingual digests, the Japanese
    renderings seen with each term, with counts. Ranked by the number of segments.
    """
    from termqa.glossary.suggest import suggest_yaml  # noqa: PLC0415

    _run(
        lambda: suggest_yaml(
            paths, glossaries, default_glossary=not no_default_glossary, min_count=min_count
        ),
        output,
    )


COMMANDS: tuple[click.Command, ...] = (export_command, import_command, suggest_command)
