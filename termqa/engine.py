"""Runs the selected rules over a document and turns their hits into findings."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence

from termqa.checks.base import Context, Rule
from termqa.model import Document, Finding, Hit, Segment, SegmentKind, Span
from termqa.suppress import apply_suppressions

_NEWLINE = re.compile("\n")


class LineIndex:
    """Maps file offsets to 1-based (line, column) in characters of the file as read."""

    def __init__(self, text: str) -> None:
        self._starts = [0]
        self._starts.extend(m.end() for m in _NEWLINE.finditer(text))

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def run_rules(doc: Document, ctx: Context, rules: Sequence[Rule]) -> list[Finding]:
    index = LineIndex(doc.text)
    findings: dict[tuple[str, int, int, str], Finding] = {}
    for rule in rules:
        for seg, hit in _hits(rule, doc, ctx):
            finding = _finding(rule, seg, hit, index=index, ctx=ctx)
            findings.setdefault(
                (finding.code, finding.offset, finding.end_offset, hit.message), finding
            )
    kept = _suppress(doc, ctx, rules, list(findings.values()), index)
    return sorted(kept, key=lambda f: (f.offset, f.end_offset, f.code, f.message))


def _suppress(
    doc: Document, ctx: Context, rules: Sequence[Rule], found: list[Finding], index: LineIndex
) -> list[Finding]:
    """Apply `termqa-disable…` comments (termqa/suppress.py); adds SP01/SP02 findings."""
    from termqa.checks import RULES_BY_CODE  # noqa: PLC0415  (the registry imports checks)
    from termqa.checks.suppression import RULES as SP_RULES  # noqa: PLC0415

    own = {r.code: r for r in SP_RULES}
    whole = Segment(0, SegmentKind.PARAGRAPH, Span(doc.text, doc.text, 0))

    def report(code: str, start: int, end: int, message: str) -> Finding:
        return _finding(own[code], whole, Hit(start, end, message), index=index, ctx=ctx)

    kept = apply_suppressions(
        doc.text,
        found,
        known=(*RULES_BY_CODE, *own),
        active=[r.code for r in rules],
        report=report,
    )
    return [f for f in kept if f.code not in own or ctx.config.selects(f.code)]


def _hits(rule: Rule, doc: Document, ctx: Context) -> Iterator[tuple[Segment, Hit]]:
    if rule.check_document is not None:
        yield from rule.check_document(doc, ctx)
        return
    if rule.check is None:
        return
    for seg in doc.segments:
        if rule.needs_source and seg.source is None:
            continue
        hits: Iterable[Hit] = rule.check(seg, ctx)
        for hit in hits:
            yield seg, hit


def _finding(rule: Rule, seg: Segment, hit: Hit, *, index: LineIndex, ctx: Context) -> Finding:
    doc = ctx.doc
    span = seg.target
    start = span.file_offset(max(0, min(hit.start, len(span))))
    end = span.file_offset(max(0, min(hit.end, len(span))))
    end = max(end, start)
    line, column = index.position(start)
    end_line, end_column = index.position(end)
    return Finding(
        code=rule.code,
        name=rule.name,
        category=rule.category,
        severity=ctx.config.severity.get(rule.code, rule.severity),
        path=doc.path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        message=hit.message,
        target=doc.text[start:end],
        source=hit.source,
        suggestion=hit.suggestion,
        fix=hit.fix,
        offset=start,
        end_offset=end,
    )
