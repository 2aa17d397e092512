"""Where a file's score went: counts and penalty points per severity, category and rule."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from termqa.model import Category, Finding, Severity
from termqa.report.model import FileResult
from termqa.report.score import WEIGHTS


@dataclass(frozen=True, slots=True)
class Line:
    """One row of a breakdown: `key` is a category or a rule code."""

    key: str
    count: int
    penalty: float
    label: str = ""  # the rule's name, for rule rows


def severity_counts(result: FileResult) -> dict[str, int]:
    """Findings per severity, every severity present (0 when none)."""
    counts = {str(s): 0 for s in Severity}
    for f in result.findings:
        counts[str(f.severity)] += 1
    return counts


def by_category(findings: Iterable[Finding]) -> list[Line]:
    """Per category, in the order of `Category`, only categories with findings."""
    lines = _group(findings, lambda f: str(f.category))
    order = {str(c): i for i, c in enumerate(Category)}
    return sorted(lines, key=lambda line: order[line.key])


def by_rule(findings: Iterable[Finding]) -> list[Line]:
    """Per rule, largest penalty first, then most frequent, then by code."""
    lines = _group(findings, lambda f: f.code, labelled=True)
    return sorted(lines, key=lambda line: (-line.penalty, -line.count, line.key))


def _group(
    findings: Iterable[Finding], key: Callable[[Finding], str], *, labelled: bool = False
) -> list[Line]:
    counts: dict[str, int] = {}
    penalties: dict[str, float] = {}
    labels: dict[str, str] = {}
    for f in findings:
        k = key(f)
        counts[k] = counts.get(k, 0) + 1
        penalties[k] = penalties.get(k, 0.0) + WEIGHTS[f.severity]
        labels.setdefault(k, f.name)
    return [Line(k, counts[k], penalties[k], labels[k] if labelled else "") for k in counts]
