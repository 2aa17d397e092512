"""CSV output: one row per finding (every JSON field plus the file's score and verdict), and a
per-file summary for `termqa report --summary-csv`. Standard quoting, so pandas and
spreadsheets read it as is."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence

from termqa.report.breakdown import severity_counts
from termqa.report.model import Report

FINDING_COLUMNS = (
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "code",
    "name",
    "category",
    "severity",
    "message",
    "target",
    "source",
    "suggestion",
    "file_score",
    "file_passed",
)
SUMMARY_COLUMNS = (
    "path",
    "date",
    "layout",
    "segments",
    "size",
    "score",
    "passed",
    "findings",
    "critical",
    "major",
    "minor",
    "info",
)


def render(report: Report) -> str:
    """Findings CSV; a file without findings has no row (see the summary CSV for it)."""
    return _table(FINDING_COLUMNS, finding_rows(report))


def render_summary(report: Report, dates: Mapping[str, str] | None = None) -> str:
    """One row per file; `dates` maps a path to its ISO date, when one is known."""
    return _table(SUMMARY_COLUMNS, summary_rows(report, dates or {}))


def finding_rows(report: Report) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for result in report.files:
        for f in result.findings:
            row = f.to_json()
            row["file_score"] = result.score
            row["file_passed"] = result.passed
            rows.append(row)
    return rows


def summary_rows(report: Report, dates: Mapping[str, str]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for r in report.files:
        row: dict[str, object] = {
            "path": r.path,
            "date": dates.get(r.path, ""),
            "layout": r.layout,
            "segments": r.segments,
            "size": r.size,
            "score": r.score,
            "passed": r.passed,
            "findings": len(r.findings),
        }
        row.update(severity_counts(r))
        rows.append(row)
    return rows


def _table(columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(row.get(key)) for key in columns})
    return buffer.getvalue()


def _cell(value: object) -> object:
    return "" if value is None else value
