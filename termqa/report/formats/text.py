"""Human-readable output: `path:line:col: CODE [severity] message`, the line, a caret."""

from __future__ import annotations

import unicodedata

from termqa.model import Finding
from termqa.report.model import FileResult, Report

_COLOURS = {"critical": "\x1b[1;31m", "major": "\x1b[31m", "minor": "\x1b[33m", "info": "\x1b[36m"}
_RESET = "\x1b[0m"


def render(
    report: Report, *, lines: dict[str, list[str]] | None = None, colour: bool = False
) -> str:
    """`lines` maps a path to its lines, for the snippet under each finding."""
    out: list[str] = []
    for result in report.files:
        out.extend(_file_block(result, (lines or {}).get(result.path), colour))
    out.append(_summary(report))
    return "\n".join(out) + "\n"


def _file_block(result: FileResult, lines: list[str] | None, colour: bool) -> list[str]:
    out: list[str] = []
    for f in result.findings:
        out.append(_headline(f, colour))
        if lines is not None and 0 < f.line <= len(lines):
            out.extend(_snippet(f, lines[f.line - 1]))
    verdict = "passed" if result.passed else "FAILED"
    out.append(
        f"{result.path}: {len(result.findings)} finding(s), score {result.score:.1f}, "
        f"{verdict} [{result.layout}, {result.segments} segments]"
    )
    out.append("")
    return out


def _headline(f: Finding, colour: bool) -> str:
    severity = f"[{f.severity}]"
    if colour:
        severity = f"{_COLOURS[str(f.severity)]}{severity}{_RESET}"
    text = f"{f.path}:{f.line}:{f.column}: {f.code} {severity} {f.message}"
    if f.suggestion is not None:
        text += f" (suggestion: {f.suggestion})"
    return text


def _snippet(f: Finding, line: str) -> list[str]:
    line = line.rstrip("\r\n")
    start = f.column - 1
    stop = f.end_column - 1 if f.end_line == f.line else len(line)
    pad = _width(line[:start])
    caret = "^" * max(1, _width(line[start:stop]))
    return [f"    {line}", f"    {' ' * pad}{caret}"]


def _width(text: str) -> int:
    """Display width: East Asian wide and full-width characters take two cells."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _summary(report: Report) -> str:
    s = report.summary()
    return (
        f"{s['files']} file(s) checked: {s['findings']} finding(s), "
        f"{s['passed']} passed, {s['failed']} failed"
    )
