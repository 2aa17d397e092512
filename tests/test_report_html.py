"""The HTML report (structure, escaping, no network assets), its data helpers, and the
`termqa report` command end to end."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT

from termqa.model import Category, Finding, Severity
from termqa.report.commands import report_command
from termqa.report.html import render_html
from termqa.report.html_data import digest_date, finding_context
from termqa.report.model import FileResult, Report

TITLE = "スパース注意の再考 / Rethinking Sparse Attention\n"
BAD = TITLE + "- KVキャッシュを45%削減する。\nreduces the KV cache by 40%.\n"
CLEAN = TITLE + "- KVキャッシュを40%削減する。\nreduces the KV cache by 40%.\n"


def finding(path: str, line: int, column: int, end: int, message: str) -> Finding:
    return Finding(
        "NM02", "changed-number", Category.NUMBER, Severity.MAJOR, path,
        line, column, line, end, message, "45%", "40%", None,
    )  # fmt: skip


def sample_report() -> Report:
    a = FileResult(
        "2024-08-01-digest.md",
        "interleaved",
        3,
        100,
        (
            finding("2024-08-01-digest.md", 2, 11, 14, "'45%' <b>does not</b> match '40%'"),
            finding("2024-08-01-digest.md", 2, 1, 1, "omission & more"),
        ),
        90.0,
        False,
    )
    b = FileResult("20240808.md", "target-only", 2, 50, (), 100.0, True)
    return Report(files=(a, b))


LINES = {"2024-08-01-digest.md": ["title", "- KVキャッシュを45%削減する<script>x</script>。"]}
DATES = {"2024-08-01-digest.md": "2024-08-01", "20240808.md": "2024-08-08"}


def test_html_structure_and_self_containment() -> None:
    html = render_html(sample_report(), lines=LINES, dates=DATES)
    assert html.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(src|href)\s*=|@import|url\(|https?:""", html)
    assert "<script src" not in html
    body = html.split('<table class="sortable" id="findings">', 1)[1].split("</table>", 1)[0]
    assert body.count("<tr>") == 1 + 2  # header + one row per finding
    assert "Score per digest over time" in html
    assert html.count('class="card"') == 2
    assert "<b>does not</b>" not in html
    assert "&lt;b&gt;does not&lt;/b&gt;" in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "<mark>45%</mark>" in html
    assert 'class="omission"' in html  # an empty span marks the omission point


def test_html_without_findings_or_dates() -> None:
    report = Report(files=(FileResult("a.md", "target-only", 1, 10, (), 100.0, True),))
    html = render_html(report, lines={}, dates={})
    assert "No findings." in html
    assert "over time" not in html


def test_digest_date_sources() -> None:
    front = "---\ntitle: x\ndate: 2024-08-05\n---\n本文\n"
    assert digest_date("digest-2023-01-01.md", front) == date(2024, 8, 5)
    assert digest_date("posts/digest-2024-07-29.md", "本文") == date(2024, 7, 29)
    assert digest_date("20240729_weekly.md", "") == date(2024, 7, 29)
    assert digest_date("digest-2024-13-45.md", "") is None
    assert digest_date("digest-12.md", "date: 2024-01-01\n") is None  # not front matter


def test_finding_context_splits_and_truncates() -> None:
    line = "あ" * 100 + "45%" + "い" * 100
    ctx = finding_context(finding("p", 1, 101, 104, "m"), [line])
    assert ctx is not None
    assert ctx.span == "45%"
    assert ctx.before.startswith("…")
    assert len(ctx.before) == 61
    assert ctx.after.endswith("…")
    assert finding_context(finding("p", 5, 1, 2, "m"), [line]) is None


def test_report_command_writes_html_and_csvs(tmp_path: Path) -> None:
    (tmp_path / "digest-2024-08-01.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "digest-2024-08-08.txt").write_text(CLEAN, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    args = [str(tmp_path / "digest-2024-08-01.txt"), str(tmp_path / "digest-2024-08-08.txt")]
    args += ["--html", str(out / "r.html"), "--csv", str(out / "f.csv")]
    args += ["--summary-csv", str(out / "s.csv")]
    result = CliRunner().invoke(report_command, args)
    assert result.exit_code == 1, result.output
    assert "FAILED" in result.output
    assert "passed" in result.output
    html = (out / "r.html").read_text(encoding="utf-8")
    assert "NM02" in html
    assert "<mark>45%</mark>" in html
    findings = list(csv.DictReader(io.StringIO((out / "f.csv").read_text(encoding="utf-8"))))
    assert {row["code"] for row in findings} >= {"NM02"}
    summary = list(csv.DictReader(io.StringIO((out / "s.csv").read_text(encoding="utf-8"))))
    assert [row["date"] for row in summary] == ["2024-08-01", "2024-08-08"]
    assert [row["passed"] for row in summary] == ["False", "True"]


def test_report_command_errors_are_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(report_command, [str(tmp_path / "missing.md")])
    assert result.exit_code == 2
    assert result.output.startswith("termqa: error: ")
    bad_style = CliRunner().invoke(report_command, [str(tmp_path), "--style", "nope"])
    assert bad_style.exit_code == 2


def test_report_module_keeps_pandas_lazy() -> None:
    code = "import sys, termqa.report.commands; print('pandas' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.strip() == "False"
