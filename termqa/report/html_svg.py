"""Inline SVG charts for the HTML report: stacked bars and a score-over-time line."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

SEVERITY_COLOURS = {
    "critical": "#7f1d1d",
    "major": "#dc2626",
    "minor": "#f59e0b",
    "info": "#3b82f6",
}


def stacked_bars(rows: Sequence[tuple[str, dict[str, int]]], *, width: int = 640) -> str:
    """Horizontal bars, one per label, stacked by severity."""
    if not rows:
        return '<p class="empty">No findings.</p>'
    label_w, bar_h, gap = 120, 22, 8
    top = max(sum(parts.values()) for _, parts in rows) or 1
    scale = (width - label_w - 50) / top
    height = len(rows) * (bar_h + gap) + gap
    out = [_svg_open(width, height, "Findings by category")]
    for i, (label, parts) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        out.append(_text(label_w - 8, y + bar_h * 0.7, label, anchor="end"))
        x = float(label_w)
        for severity, count in parts.items():
            if count:
                w = count * scale
                tip = f"{label}: {count} {severity}"
                out.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                    f'fill="{SEVERITY_COLOURS.get(severity, "#888")}">'
                    f"<title>{escape(tip)}</title></rect>"
                )
                x += w
        out.append(_text(x + 6, y + bar_h * 0.7, str(sum(parts.values()))))
    out.append("</svg>")
    return "".join(out)


def score_line(points: Sequence[tuple[str, float, str]], *, width: int = 900) -> str:
    """Score (0-100) against date; one dot per digest, a line through them in date order."""
    height, left, right, top, bottom = 260, 44, 16, 12, 34
    days = [date.fromisoformat(d).toordinal() for d, _, _ in points]
    lo, hi = min(days), max(days)
    span = max(hi - lo, 1)

    def px(day: int) -> float:
        return left + (day - lo) / span * (width - left - right)

    def py(score: float) -> float:
        return top + (100 - score) / 100 * (height - top - bottom)

    out = [_svg_open(width, height, "Score per digest over time")]
    for tick in (0, 25, 50, 75, 100):
        y = py(tick)
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
        )
        out.append(_text(left - 6, y + 4, str(tick), anchor="end"))
    out.append(_text(left, height - 10, points[0][0]))
    out.append(_text(width - right, height - 10, points[-1][0], anchor="end"))
    coords = [(px(day), py(s)) for day, (_, s, _) in zip(days, points, strict=True)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    out.append(f'<polyline points="{path}" class="trend"/>')
    for (x, y), (d, s, p) in zip(coords, points, strict=True):
        tip = escape(f"{p} ({d}): {s:.2f}")
        out.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" class="dot"><title>{tip}</title></circle>'
        )
    out.append("</svg>")
    return "".join(out)


def _svg_open(width: int, height: int, title: str) -> str:
    return (
        f'<svg viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}">'
    )


def _text(x: float, y: float, text: str, *, anchor: str = "start") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{escape(text)}</text>'
