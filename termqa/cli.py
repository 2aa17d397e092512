"""Command line: parse options, call the API, print, exit. Nothing else lives here."""

from __future__ import annotations

import sys
from enum import IntEnum
from typing import Any, NoReturn

import click

from termqa.errors import TermqaError

LAYOUTS = ("auto", "interleaved", "target-only", "separate", "tsv", "csv")


class Exit(IntEnum):
    OK = 0
    FAILED = 1
    ERROR = 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="termqa")
def main() -> None:
    """termqa: terminology-aware QA for Japanese translations of English ML digests."""


def _register_subcommands() -> None:
    from termqa.glossary.commands import glossary_group  # noqa: PLC0415
    from termqa.report.commands import report_command  # noqa: PLC0415
    from termqa.translate.commands import translate_command  # noqa: PLC0415

    main.add_command(glossary_group)
    main.add_command(report_command)
    main.add_command(translate_command)


FORMATS = ("text", "json", "sarif", "github", "csv")
SEVERITIES = ("critical", "major", "minor", "info")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--source", help="English source file for a single target file.")
@click.option("--layout", type=click.Choice(LAYOUTS), default="auto", show_default=True)
@click.option("--glossary", "glossaries", multiple=True, help="Extra glossary (repeatable).")
@click.option("--no-default-glossary", is_flag=True, help="Do not load the shipped glossary.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("-o", "--output", help="Write the report to FILE instead of stdout.")
@click.option("--style", help="House-style preset (docs/style.md; default jtf).")
@click.option("--select", help="Comma-separated rule codes or prefixes to run (default: all).")
@click.option("--ignore", help="Comma-separated rule codes or prefixes to skip.")
@click.option(
    "--fail-on", type=click.Choice(SEVERITIES), help="Lowest severity that fails a file (major)."
)
@click.option("--min-score", type=click.FloatRange(0, 100), help="A file scoring below fails.")
@click.option("--config", "config_file", help="Configuration file (default: found upwards).")
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
@click.option("--baseline", help="Baseline file: report only findings not recorded in it.")
@click.option("--update-baseline", is_flag=True, help="Record today's findings in --baseline.")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files, then check them.")
@click.option("--diff", is_flag=True, help="Print the safe fixes as a diff; write nothing.")
@click.option("--jobs", type=click.IntRange(1), help="Processes (default: the core count).")
@click.option("--max-file-size", help="Largest file to read: bytes or 512K, 16M (0: no limit).")
def check(**options: Any) -> None:
    """Check digests (files or directories) and report findings."""
    from termqa.cli_check import CheckOptions, run_check, write_output  # noqa: PLC0415

    opts = CheckOptions(**options)
    try:
        text, passed = run_check(opts)
        if opts.output is not None:
            write_output(opts.output, text)
        else:
            click.echo(text, nl=False)
    except TermqaError as exc:
        _fail(exc.render())
    except OSError as exc:
        _fail(f"{exc.filename or ''}: {exc.strerror or exc}")
    sys.exit(Exit.OK if passed else Exit.FAILED)


@main.command("init")
@click.option("--force", is_flag=True, help="Overwrite an existing termqa.toml.")
@click.argument("directory", default=".")
def init_command(directory: str, force: bool) -> None:
    """Write a commented starter termqa.toml into DIRECTORY (default: here)."""
    from termqa.config_file import write_starter  # noqa: PLC0415

    try:
        path = write_starter(directory, force=force)
    except TermqaError as exc:
        _fail(exc.render())
    click.echo(f"wrote {path}")


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


def _fail(message: str) -> NoReturn:
    click.echo(f"termqa: error: {message}", err=True)
    sys.exit(Exit.ERROR)


_register_subcommands()
