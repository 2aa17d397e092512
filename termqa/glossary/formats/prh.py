"""prh dictionaries (textlint-rule-prh YAML) to glossary entries; writing is in prh_write.py.

A rule becomes an entry:
- `term` and `kind`: when the rule's `prh:` comment starts with a line `en: <term>` (what the
  writer puts there), a translate entry with that term; else, when `expected` is in Latin
  script, a keep entry whose term is `expected`; else a translate entry whose term is
  `expected` itself (prh has no English term; the entry still works: its forbidden
  renderings are checked everywhere). Such rules are counted in one warning.
- `ja`: `[expected]` for a translate entry.
- `forbidden`: the literal patterns (a `/…/` regex that is only an escaped literal counts
  as literal), except `expected` itself and, for keep entries, its case variants: those
  make the entry case-sensitive, as does a rule with no pattern (prh then checks the case of
  `expected`) or with a regex; a keep rule with literal patterns and no case variant is
  case-insensitive.
- `note`: the rest of the comment, then one line per prh-only datum our schema has no field
  for, so that export gives them back: `prh.pattern: /regex/flags` (each regex pattern, kept
  as such), `prh.regexpMustEmpty: $1`, `prh.options: {"wordBoundary": true}` and, for a rule
  with regex patterns, `prh.spec: {"from": …, "to": …}` (its specs, verbatim: termqa runs
  no regexes, so as examples they would fail the glossary lint).
- `examples`, for rules without regex patterns: a spec whose `from` equals `to` is a good
  example; any other spec gives a bad example (`from`) and a good one (`to`).
Rules that rewrite with capture groups (`expected: $1の`) or delete text are no terms:
skipped, reported. Rules of one term are merged into one entry (reported): the case is
checked if either rule checks it. `imports` are followed, `ignoreRules` and `disableImports`
honoured (prh_rules.py). The `prh.` note lines are reserved for these data.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace

from termqa.glossary.formats._common import dedupe, default_case, merge_entries, settle_case
from termqa.glossary.formats.prh_match import EN_LINE, REWRITE, is_regex, latin, literal_of
from termqa.glossary.formats.prh_rules import Reader, Rule, parse_rules
from termqa.glossary.formats.prh_write import split_note, write_prh
from termqa.glossary.model import Entry, Example, Kind

_SHOWN = 8

__all__ = ["read_prh", "write_prh"]


def read_prh(text: str, path: str, *, read: Reader | None = None) -> tuple[list[Entry], list[str]]:
    parsed = parse_rules(text, path, read)
    warnings = list(parsed.warnings)
    skipped: list[Rule] = []
    unnamed: list[Rule] = []
    merged: list[Entry] = []
    entries: dict[str, Entry] = {}
    for rule in parsed.rules:
        warnings += [
            f"{rule.path}:{rule.line}: rule key '{key}' is not prh's: ignored"
            for key in rule.unknown
        ]
        if not rule.expected or REWRITE.search(rule.expected):
            skipped.append(rule)
            continue
        entry = rule_entry(rule)
        if entry.kind is Kind.TRANSLATE and not EN_LINE.match(rule.comment or ""):
            unnamed.append(rule)
        first = entries.get(entry.term)
        if first is not None:
            merged.append(entry)
            entry = _merge(first, entry)
        entries[entry.term] = entry
    warnings += _summary(skipped, "rewriting with capture groups or deleting text: skipped")
    warnings += _summary(
        unnamed, "without an 'en: <term>' comment line: the term is the expected Japanese text"
    )
    warnings += _summary(merged, "repeating an earlier rule's term: merged into it")
    return settle_case(list(entries.values())), warnings


def _summary(items: Sequence[Rule | Entry], what: str) -> list[str]:
    """One warning for many rules: `prh rules <what> (3: a.yml:4, a.yml:9, …)`."""
    if not items:
        return []
    lines = ", ".join(f"{item.path}:{item.line}" for item in items[:_SHOWN])
    more = ", …" if len(items) > _SHOWN else ""
    return [f"prh rules {what} ({len(items)}: {lines}{more})"]


def _merge(first: Entry, later: Entry) -> Entry:
    """Two rules of one term (the writer splits regexes into rules of their own): the case
    is checked if either rule checks it; the note is the free lines, then the `prh.*` lines
    in the writer's order, each once."""
    merged = merge_entries(first, later)
    free, directives = split_note(merged.note)
    lines = [f"prh.{key}: {value}" for key, values in directives.items() for value in values]
    note = "\n".join([*free, *dict.fromkeys(lines)]).strip("\n") or None
    return replace(merged, case_sensitive=first.case_sensitive or later.case_sensitive, note=note)


def rule_entry(rule: Rule) -> Entry:
    """One rule as an entry (see the module docstring)."""
    comment = (rule.comment or "").split("\n")
    english = EN_LINE.fullmatch(comment[0])
    if english is not None:
        comment = comment[1:]
    regexes = [p for p in rule.patterns or () if is_regex(p) and literal_of(p) is None]
    plain = [literal_of(p) or p for p in rule.patterns or () if p not in regexes]
    plain = [p for p in plain if p != rule.expected]
    keep = english is None and latin(rule.expected)
    variants = [p for p in plain if p.casefold() == rule.expected.casefold()] if keep else []
    forbidden = dedupe(p for p in plain if p not in variants)
    # prh checks a keep term's case unless its patterns are all other (forbidden) strings
    loose = bool(forbidden) and not variants and not regexes and _cased(rule.expected)
    case = not loose if keep else default_case(Kind.TRANSLATE)
    bad, good = _examples(rule) if not regexes else ((), ())
    kind = Kind.KEEP if keep else Kind.TRANSLATE
    return Entry(
        term=english.group(1).strip() if english else rule.expected,
        kind=kind,
        ja=() if keep else (rule.expected,),
        forbidden=forbidden,
        case_sensitive=case,
        note="\n".join([*comment, *_directives(rule, regexes)]).strip("\n") or None,
        bad=bad,
        good=good,
        path=rule.path,
        line=rule.line,
    )


def _cased(text: str) -> bool:
    return text.lower() != text.upper()


def _directives(rule: Rule, regexes: list[str]) -> list[str]:
    lines = [f"prh.pattern: {p}" for p in regexes]
    if rule.must_empty is not None:
        lines.append(f"prh.regexpMustEmpty: {rule.must_empty}")
    if rule.options:
        lines.append(f"prh.options: {json.dumps(rule.options)}")
    if regexes:
        lines += [
            "prh.spec: " + json.dumps({"from": a, "to": b}, ensure_ascii=False)
            for a, b in rule.specs
        ]
    return lines


def _examples(rule: Rule) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    changed = [(a, b) for a, b in rule.specs if a != b]
    bad = dedupe(a for a, _ in changed)
    good = dedupe([b for _, b in changed] + [a for a, b in rule.specs if a == b])
    return tuple(Example(ja=a) for a in bad), tuple(Example(ja=b) for b in good)
