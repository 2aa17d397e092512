"""The self-contained HTML report of `termqa report --html`: score cards, a findings-by-category
chart, a sortable findings table with context, and a score-over-time overview. Everything is
inline (CSS, JS, SVG) and every piece of text is HTML-escaped."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from termqa.model import Finding
from termqa.report.breakdown import severity_counts
from termqa.report.html_assets import CSS, JS
from termqa.report.html_data import (
    category_counts,
    finding_context,
    score_series,
    summary_frame,
)
from termqa.report.html_svg import SEVERITY_COLOURS, score_line, stacked_bars
from termqa.report.model import FileResult, Report

_COLUMNS = ("file", "line", "col", "code", "name", "category", "severity", "message", "context")


def render_html(
    report: Report,
    *,
    lines: Mapping[str, list[str]],
    dates: Mapping[str, str],
    title: str = "termqa report",
) -> str:
    """`lines` maps a path to its lines (for context); `dates` a path to its ISO date."""
    frame = summary_frame(report, dict(dates))
    s = report.summary()
    body = [
        f"<h1>{escape(title)}</h1>",
        '<div class="totals">'
        f"<span>{s['files']} digest(s)</span><span>{s['findings']} finding(s)</span>"
        f"<span>{s['passed']} passed</span><span>{s['failed']} failed</span>"
        f"<span>mean score {_mean(frame['score'].tolist()):.2f}</span></div>",
    ]
    points = score_series(frame)
    if len(report.files) > 1 and len(points) > 1:
        body += [
            "<h2>Score per digest over time</h2>",
            f'<div class="chart">{score_line(points)}</div>',
        ]
    body += ["<h2>Digests</h2>", '<div class="cards">']
    body += [_card(r, dates.get(r.path)) for r in report.files]
    body += ["</div>", "<h2>Findings by category</h2>", _legend()]
    counts = category_counts(report)
    bars = [(str(cat), {str(k): int(v) for k, v in row.items()}) for cat, row in counts.iterrows()]
    body.append(f'<div class="chart">{stacked_bars(bars)}</div>')
    body += ["<h2>Findings</h2>", _findings_table(report, lines)]
    return _page(title, "\n".join(body))


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"{body}\n<script>{JS}</script>\n</body>\n</html>\n"
    )


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 100.0


def _card(result: FileResult, when: str | None) -> str:
    badge = (
        '<span class="badge pass">passed</span>'
        if result.passed
        else ('<span class="badge fail">FAILED</span>')
    )
    counts = " ".join(
        f'<span class="sev {sev if n else "zero"}">{n} {sev}</span>'
        for sev, n in severity_counts(result).items()
    )
    meta = f"{escape(result.layout)}, {result.segments} segments, size {result.size}"
    if when:
        meta = f"{escape(when)} · {meta}"
    return (
        f'<div class="card"><div class="path">{escape(result.path)}</div>'
        f'<div class="score">{result.score:.2f} {badge}</div>'
        f'<div class="counts">{counts}</div><div class="meta counts">{meta}</div></div>'
    )


def _legend() -> str:
    items = "".join(
        f'<span><i style="background:{colour}"></i>{sev}</span>'
        for sev, colour in SEVERITY_COLOURS.items()
    )
    return f'<div class="legend">{items}</div>'


def _findings_table(report: Report, lines: Mapping[str, list[str]]) -> str:
    if not any(r.findings for r in report.files):
        return '<p class="empty">No findings.</p>'
    head = "".join(f"<th>{c}</th>" for c in _COLUMNS)
    rows = [_row(f, lines.get(result.path, [])) for result in report.files for f in result.findings]
    return (
        f'<table class="sortable" id="findings"><thead><tr>{head}</tr></thead>'
        f"<tbody>\n{''.join(rows)}</tbody></table>"
    )


def _row(f: Finding, lines: list[str]) -> str:
    message = escape(f.message)
    if f.suggestion is not None:
        message += f' <span class="meta">(suggestion: {escape(f.suggestion)})</span>'
    cells = (
        f"<td>{escape(f.path)}</td>",
        f'<td class="num">{f.line}</td>',
        f'<td class="num">{f.column}</td>',
        f"<td>{escape(f.code)}</td>",
        f"<td>{escape(f.name)}</td>",
        f"<td>{escape(str(f.category))}</td>",
        f'<td data-sort="{f.severity.rank}">{_severity(str(f.severity))}</td>',
        f"<td>{message}</td>",
        f'<td class="ctx">{_context(f, lines)}</td>',
    )
    return f"<tr>{''.join(cells)}</tr>\n"


def _context(f: Finding, lines: list[str]) -> str:
    ctx = finding_context(f, lines)
    if ctx is None:
        return escape(f.target)
    if ctx.span:
        mark = f"<mark>{escape(ctx.span)}</mark>"
    else:
        mark = '<mark class="omission" title="missing here">‸</mark>'
    return f"{escape(ctx.before)}{mark}{escape(ctx.after)}"


def _severity(severity: str) -> str:
    return f'<span class="sev {severity}">{severity}</span>'
