"""Inline suppressions: HTML comments that silence named rules on a line, a block or a file.

    <!-- termqa-disable-next-line NM02 GL -->   the next non-blank line
    <!-- termqa-disable TY -->  …  <!-- termqa-enable [TY] -->   a block (to the end of the
                                                  file when not closed; a bare enable closes all)
    <!-- termqa-disable-file CS01 -->            the whole file

A directive is a comment alone on its line, outside fenced code blocks (one in inline code
or mid-sentence is text). Codes (or family prefixes, e.g. `GL`) are required. A directive
without codes, with a code that names no rule, or an enable without a matching disable is an
SP01 finding; a code that silenced nothing is an SP02 finding (only when rules it names ran).
Pure: text and findings in, kept findings plus suppression findings out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from termqa.model import Finding

_DIRECTIVE = re.compile(
    r"^[ \t]*<!--\s*termqa-(?P<verb>disable-next-line|disable-file|disable|enable)\b"
    r"(?P<codes>[^>\n]*?)\s*-->[ \t]*\r?$",
    re.MULTILINE,
)
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})", re.MULTILINE)
_CODE = re.compile(r"^[A-Z]{2}(?:\d{1,2})?$")

Report = Callable[[str, int, int, str], Finding]  # (code, start, end, message) -> Finding


@dataclass(slots=True)
class _Rule:
    """One code of one directive: where it applies and whether it silenced something."""

    code: str
    start: int  # offsets into the file text where the directive applies
    end: int
    at: tuple[int, int]  # the directive's own span, for reporting
    used: bool = False


@dataclass(slots=True)
class _Parsed:
    rules: list[_Rule] = field(default_factory=list)
    problems: list[tuple[int, int, str]] = field(default_factory=list)


def apply_suppressions(
    text: str,
    findings: Sequence[Finding],
    *,
    known: Iterable[str],
    active: Iterable[str],
    report: Report,
) -> list[Finding]:
    """`findings` minus the suppressed ones, plus SP01/SP02 findings made with `report`.

    `known` are all rule codes (a code matching none is invalid); `active` are the codes
    that ran (an unused code is reported only when it names one of them)."""
    if "termqa-" not in text:
        return list(findings)
    parsed = _parse(text, tuple(known))
    kept = [f for f in findings if not _silenced(f, parsed.rules)]
    active_codes = tuple(active)
    extra = [report("SP01", s, e, msg) for s, e, msg in parsed.problems]
    for rule in parsed.rules:
        if not rule.used and any(c.startswith(rule.code) for c in active_codes):
            message = f"suppression of '{rule.code}' silences no finding"
            extra.append(report("SP02", *rule.at, message))
    return kept + extra


def _silenced(finding: Finding, rules: list[_Rule]) -> bool:
    hit = False
    for rule in rules:
        if rule.start <= finding.offset < rule.end and finding.code.startswith(rule.code):
            rule.used = True
            hit = True
    return hit


def _parse(text: str, known: tuple[str, ...]) -> _Parsed:
    parsed = _Parsed()
    open_blocks: list[_Rule] = []
    fences = _fenced(text)
    for m in _DIRECTIVE.finditer(text):
        if any(start <= m.start() < end for start, end in fences):
            continue
        verb, at = m.group("verb"), (m.start(), m.end())
        codes = _codes(m.group("codes"), at, known, parsed, verb)
        if verb == "enable":
            _enable(codes, open_blocks, at, parsed)
            continue
        if codes is None:
            continue
        start, end = _extent(text, verb, m.end())
        for code in codes:
            rule = _Rule(code, start, end, at)
            parsed.rules.append(rule)
            if verb == "disable":
                open_blocks.append(rule)
    return parsed


def _fenced(text: str) -> list[tuple[int, int]]:
    """Offsets of fenced code blocks (an unclosed fence runs to the end of the text)."""
    ranges: list[tuple[int, int]] = []
    opened: re.Match[str] | None = None
    for m in _FENCE.finditer(text):
        if opened is None:
            opened = m
        elif m.group(1)[0] == opened.group(1)[0] and len(m.group(1)) >= len(opened.group(1)):
            ranges.append((opened.start(), m.end()))
            opened = None
    if opened is not None:
        ranges.append((opened.start(), len(text)))
    return ranges


def _codes(
    raw: str, at: tuple[int, int], known: tuple[str, ...], parsed: _Parsed, verb: str
) -> list[str] | None:
    """The directive's codes; None (and an SP01 problem) when they are missing or unknown."""
    codes = [c.upper() for c in re.split(r"[\s,]+", raw.strip()) if c]
    if not codes:
        if verb != "enable":
            parsed.problems.append((*at, f"'termqa-{verb}' names no rule codes"))
        return None if verb != "enable" else []
    bad = [c for c in codes if not _CODE.match(c) or not any(k.startswith(c) for k in known)]
    if bad:
        parsed.problems.append((*at, f"'termqa-{verb}' names unknown rule code '{bad[0]}'"))
        return None
    return codes


def _enable(
    codes: list[str] | None, open_blocks: list[_Rule], at: tuple[int, int], parsed: _Parsed
) -> None:
    if codes is None:
        return
    targets = [r for r in open_blocks if not codes or r.code in codes]
    missing = [c for c in codes if all(r.code != c for r in open_blocks)]
    if not open_blocks or missing:
        what = f"'{missing[0]}'" if missing else "any rule"
        parsed.problems.append((*at, f"'termqa-enable' of {what} without a 'termqa-disable'"))
    for rule in targets:
        rule.end = at[0]
        open_blocks.remove(rule)


def _extent(text: str, verb: str, after: int) -> tuple[int, int]:
    """File offsets a directive ending at `after` covers."""
    if verb == "disable-file":
        return 0, len(text)
    if verb == "disable":
        return after, len(text)
    pos = text.find("\n", after)
    while pos >= 0:
        end = text.find("\n", pos + 1)
        end = len(text) if end < 0 else end
        if text[pos + 1 : end].strip():
            return pos + 1, end
        pos = end if end < len(text) else -1
    return len(text), len(text)
