"""Data for the HTML report: digest dates, pandas aggregation, and highlighted context."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from termqa.model import Finding, Severity
from termqa.report.formats.csv import finding_rows, summary_rows
from termqa.report.model import Report

if TYPE_CHECKING:
    import pandas as pd

_FRONT_MATTER = re.compile(r"\A\ufeff?---\r?\n(.*?)\r?\n---\r?\n", re.DOTALL)
_FM_DATE = re.compile(r"^date:\s*['\"]?(\d{4})-(\d{2})-(\d{2})", re.MULTILINE)
_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d)")
CONTEXT_CHARS = 60


def digest_date(path: str, text: str) -> date | None:
    """From front matter `date: YYYY-MM-DD`, else the file name (YYYY-MM-DD or YYYYMMDD)."""
    front = _FRONT_MATTER.match(text)
    found = _FM_DATE.search(front.group(1)) if front else None
    if found is None:
        found = _NAME_DATE.search(Path(path).name)
    if found is None:
        return None
    try:
        return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        return None


def summary_frame(report: Report, dates: dict[str, str]) -> pd.DataFrame:
    """One row per file: the summary CSV's columns."""
    import pandas as pd  # noqa: PLC0415

    frame = pd.DataFrame(summary_rows(report, dates))
    frame["date"] = pd.to_datetime(frame["date"].replace("", None), errors="coerce")
    return frame


def category_counts(report: Report) -> pd.DataFrame:
    """Findings per category (rows) and severity (columns), most findings first."""
    import pandas as pd  # noqa: PLC0415

    severities = [str(s) for s in Severity]
    rows = finding_rows(report)
    if not rows:
        return pd.DataFrame(columns=severities)
    table = pd.crosstab(pd.DataFrame(rows)["category"], pd.DataFrame(rows)["severity"])
    table = table.reindex(columns=severities, fill_value=0)
    return table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]


def score_series(frame: pd.DataFrame) -> list[tuple[str, float, str]]:
    """(ISO date, score, path) of the dated files, in date then path order."""
    dated = frame.dropna(subset=["date"]).sort_values(["date", "path"], kind="stable")
    return [
        (d.date().isoformat(), float(s), str(p))
        for d, s, p in zip(dated["date"], dated["score"], dated["path"], strict=True)
    ]


@dataclass(frozen=True, slots=True)
class Context:
    """The finding's line split around its span (empty span: an omission point)."""

    before: str
    span: str
    after: str


def finding_context(f: Finding, lines: list[str]) -> Context | None:
    if not 0 < f.line <= len(lines):
        return None
    line = lines[f.line - 1].rstrip("\r\n")
    start = min(max(f.column - 1, 0), len(line))
    stop = f.end_column - 1 if f.end_line == f.line else len(line)
    stop = min(max(stop, start), len(line))
    before, after = line[:start], line[stop:]
    if len(before) > CONTEXT_CHARS:
        before = "…" + before[-CONTEXT_CHARS:]
    if len(after) > CONTEXT_CHARS:
        after = after[:CONTEXT_CHARS] + "…"
    return Context(before, line[start:stop], after)
