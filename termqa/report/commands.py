"""`termqa report`: check digests and write an HTML report and CSV tables for analysis."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from termqa.errors import TermqaError

if TYPE_CHECKING:
    from termqa.config import Config
    from termqa.report.model import Report

LAYOUTS = ("auto", "interleaved", "target-only", "separate", "tsv", "csv")


@click.command("report")
@click.argument("paths", nargs=-1, required=True)
@click.option("--html", "html_path", type=click.Path(dir_okay=False), help="Write an HTML report.")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False), help="Write findings as CSV.")
@click.option(
    "--summary-csv", type=click.Path(dir_okay=False), help="Write one CSV row per digest."
)
@click.option("--glossary", "glossaries", multiple=True, help="Extra glossary (repeatable).")
@click.option("--no-default-glossary", is_flag=True, help="Do not load the shipped glossary.")
@click.option("--layout", type=click.Choice(LAYOUTS), default="auto", show_default=True)
@click.option("--style", default="jtf", show_default=True, help="House-style preset.")
@click.option("--jobs", type=click.IntRange(min=1), help="Worker processes (default: cores).")
@click.option("--title", default="termqa report", show_default=True, help="HTML page title.")
@click.option("--max-file-size", help="Largest file to read: bytes or 512K, 16M (0: no limit).")
def report_command(  # noqa: PLR0917  (click passes one parameter per option)
    paths: tuple[str, ...],
    html_path: str | None,
    csv_path: str | None,
    summary_csv: str | None,
    glossaries: tuple[str, ...],
    no_default_glossary: bool,
    layout: str,
    style: str,
    jobs: int | None,
    title: str,
    max_file_size: str | None,
) -> None:
    """Check digests and write a report: --html, --csv findings, --summary-csv per digest.

    Prints one line per digest (score and verdict); exits 0 when every digest passes the
    gate, 1 when one fails, 2 on a usage or input error.
    """
    from termqa.config import Config, parse_size  # noqa: PLC0415
    from termqa.readers.decode import DEFAULT_MAX_FILE_SIZE  # noqa: PLC0415
    from termqa.style import resolve_style  # noqa: PLC0415

    try:
        resolve_style(style)
        config = Config(
            glossaries=glossaries,
            default_glossary=not no_default_glossary,
            style=style,
            max_file_size=parse_size(max_file_size) if max_file_size else DEFAULT_MAX_FILE_SIZE,
        )
        report = _run(paths, config, layout, jobs)
        write_outputs(
            report, html_path=html_path, csv_path=csv_path, summary_csv=summary_csv, title=title
        )
    except TermqaError as exc:
        _fail(exc.render())
    except OSError as exc:
        _fail(f"{exc.filename or ''}: {exc.strerror or exc}")
    for r in report.files:
        verdict = "passed" if r.passed else "FAILED"
        click.echo(f"{r.path}: score {r.score:.2f}, {verdict}, {len(r.findings)} finding(s)")
    s = report.summary()
    click.echo(f"{s['files']} digest(s): {s['passed']} passed, {s['failed']} failed")
    sys.exit(0 if report.passed else 1)


def _run(paths: tuple[str, ...], config: Config, layout: str, jobs: int | None) -> Report:
    """Check in `jobs` processes (default: the core count); progress on stderr if a TTY."""
    from termqa.runner import run  # noqa: PLC0415

    return run(paths, config=config, layout=layout, jobs=jobs, progress=None)


def write_outputs(
    report: Report,
    *,
    html_path: str | None = None,
    csv_path: str | None = None,
    summary_csv: str | None = None,
    title: str = "termqa report",
) -> None:
    from termqa.report.formats import csv as csv_format  # noqa: PLC0415

    lines = {r.path: read_lines(r.path) for r in report.files}
    dates = digest_dates(report, lines)
    if csv_path is not None:
        _write(csv_path, csv_format.render(report))
    if summary_csv is not None:
        _write(summary_csv, csv_format.render_summary(report, dates))
    if html_path is not None:
        from termqa.report.html import render_html  # noqa: PLC0415

        _write(html_path, render_html(report, lines=lines, dates=dates, title=title))


def digest_dates(report: Report, lines: dict[str, list[str]]) -> dict[str, str]:
    from termqa.report.html_data import digest_date  # noqa: PLC0415

    dates: dict[str, str] = {}
    for r in report.files:
        found = digest_date(r.path, "\n".join(lines.get(r.path, [])[:40]))
        if found is not None:
            dates[r.path] = found.isoformat()
    return dates


def read_lines(path: str) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8-sig", errors="replace").split("\n")
    except OSError:
        return []


def _write(path: str, text: str) -> None:
    from termqa.glossary.atomic import write_atomic  # noqa: PLC0415

    write_atomic(path, text)


def _fail(message: str) -> NoReturn:
    click.echo(f"termqa: error: {message}", err=True)
    sys.exit(2)


if __name__ == "__main__":  # `python -m termqa.report.commands` until cli.py registers it
    report_command()
