"""Command line: parse options, call the API, print, exit. Nothing else lives here."""

from __future__ import annotations

import sys
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from termqa.errors import TermqaError
from termqa.model import Severity

if TYPE_CHECKING:
    from termqa.report.model import Report

LAYOUTS = ("auto", "interleaved", "target-only", "separate", "tsv", "csv")


class Exit(IntEnum):
    OK = 0
    FAILED = 1
    ERROR = 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="termqa")
def main() -> None:
    """termqa: terminology-aware QA for Japanese translations of English ML digests."""


def _register_glossary() -> None:
    from termqa.glossary.commands import glossary_group  # noqa: PLC0415

    main.add_command(glossary_group)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--source", help="English source file for a single target file.")
@click.option("--layout", type=click.Choice(LAYOUTS), default="auto", show_default=True)
@click.option("--glossary", "glossaries", multiple=True, help="Extra glossary (repeatable).")
@click.option("--no-default-glossary", is_flag=True, help="Do not load the shipped glossary.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--style", default="jtf", show_default=True, help="House-style preset (docs/style.md).")
@click.option("--select", help="Comma-separated rule codes or prefixes to run (default: all).")
@click.option("--ignore", help="Comma-separated rule codes or prefixes to skip.")
@click.option(
    "--fail-on",
    type=click.Choice(["critical", "major", "minor", "info"]),
    default="major",
    show_default=True,
    help="Lowest severity that fails a file.",
)
def check(
    paths: tuple[str, ...],
    source: str | None,
    layout: str,
    glossaries: tuple[str, ...],
    no_default_glossary: bool,
    fmt: str,
    style: str,
    select: str | None,
    ignore: str | None,
    fail_on: str,
) -> None:
    """Check digests (files or directories) and report findings."""
    from termqa.api import check_paths  # noqa: PLC0415
    from termqa.checks import RULES_BY_CODE  # noqa: PLC0415
    from termqa.config import Config, parse_codes  # noqa: PLC0415
    from termqa.style import resolve_style  # noqa: PLC0415

    try:
        if source is not None and len(paths) != 1:
            raise TermqaError("--source pairs one English file with exactly one target file")
        resolve_style(style)
        config = Config(
            select=parse_codes(select or "", RULES_BY_CODE),
            ignore=parse_codes(ignore or "", RULES_BY_CODE),
            fail_on=Severity(fail_on),
            glossaries=glossaries,
            default_glossary=not no_default_glossary,
            style=style,
        )
        report = check_paths(paths, config=config, layout=layout, source=source)
    except TermqaError as exc:
        _fail(exc.render())
    except OSError as exc:
        _fail(f"{exc.filename or ''}: {exc.strerror or exc}")
    click.echo(_render(report, fmt), nl=False)
    sys.exit(Exit.OK if report.passed else Exit.FAILED)


@main.command("rules")
@click.option("--markdown", is_flag=True, help="Print the rule reference as Markdown.")
def rules_command(markdown: bool) -> None:
    """List every rule: code, name, category, default severity, summary."""
    from termqa.checks import ALL_RULES  # noqa: PLC0415
    from termqa.report.rules_doc import rules_markdown  # noqa: PLC0415

    if markdown:
        click.echo(rules_markdown(ALL_RULES), nl=False)
        return
    for rule in ALL_RULES:
        click.echo(
            f"{rule.code}  {rule.name:<28} {rule.category:<12} {rule.severity:<8} {rule.summary}"
        )


@main.command("rule")
@click.argument("code")
def rule_command(code: str) -> None:
    """Print one rule's documentation."""
    from termqa.checks import RULES_BY_CODE  # noqa: PLC0415
    from termqa.report.rules_doc import rule_text  # noqa: PLC0415

    rule = RULES_BY_CODE.get(code.upper())
    if rule is None:
        _fail(f"unknown rule code '{code}' (see 'termqa rules')")
    click.echo(rule_text(rule), nl=False)


def _render(report: Report, fmt: str) -> str:
    from termqa.report.formats import json as json_format  # noqa: PLC0415
    from termqa.report.formats import text as text_format  # noqa: PLC0415

    if fmt == "json":
        return json_format.render(report)
    lines = {r.path: _lines(r.path) for r in report.files if r.findings}
    return text_format.render(report, lines=lines, colour=sys.stdout.isatty())


def _lines(path: str) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8-sig", errors="replace").split("\n")
    except OSError:
        return []


def _fail(message: str) -> NoReturn:
    click.echo(f"termqa: error: {message}", err=True)
    sys.exit(Exit.ERROR)


_register_glossary()
