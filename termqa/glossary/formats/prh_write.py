"""Glossary entries to a prh dictionary (textlint-rule-prh YAML), the inverse of prh.py.

An entry becomes a rule:
- keep: `expected` is the term; with forbidden renderings and case-sensitive, the patterns
  are the term's case variants (`lora`, `LORA`, `Lora`) then the forbidden renderings;
  without forbidden renderings there is no pattern, so prh checks the term's case itself.
- translate: `expected` is the first rendering, the patterns are the forbidden renderings,
  and the comment's first line is `en: <term>`.
- `prh:` comment: the note, less its `prh.*` lines, which give back regex patterns,
  `regexpMustEmpty`, `options` and verbatim specs (see prh.py).
- specs from examples: a bad example `from` with `to` = what prh makes of it; a good example
  with `to` = `from`. Examples prh would not reproduce are left out (reported).
An entry with regex patterns (from a prh import) gets its regexes back as they were: with the
forbidden strings and the verbatim specs in one rule when prh allows it, else in rules of
their own (prh refuses a rule whose patterns differ in the `i` flag; examples need a rule
without regexes for exact specs). The reader merges rules of one term back into one entry.
Literal patterns that prh would misread (`/x/`, or `-` and `¥`, which prh 5.4 escapes into a
regex its `u` flag refuses) are written as escaped regexes, and read back as literals.
prh has no place for aliases, expansion, a keep entry's glosses, renderings after the first,
`forbidden_scope: source` (prh checks everywhere), an example's English side, case-insensitive
keep terms without forbidden renderings, or case-sensitive translate entries: reported.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from termqa.glossary.formats._common import Losses
from termqa.glossary.formats.prh_match import (
    EN_LINE,
    REGEX,
    REWRITE,
    apply,
    compile_plain,
    has_special,
    latin,
    written,
)
from termqa.glossary.formats.yaml_out import dump_yaml
from termqa.glossary.model import Entry, Kind, Scope

_DIRECTIVE_KEYS = ("pattern", "regexpMustEmpty", "options", "spec")


def write_prh(entries: Sequence[Entry]) -> tuple[str, list[str]]:
    losses = Losses("prh")
    rules: list[dict[str, Any]] = []
    for entry in entries:
        rules += _rules(entry, losses)
    return dump_yaml({"version": 1, "rules": rules}), losses.render()


def split_note(note: str | None) -> tuple[list[str], dict[str, list[str]]]:
    """A note's free lines, and its `prh.<key>: value` lines by key."""
    free: list[str] = []
    directives: dict[str, list[str]] = {key: [] for key in _DIRECTIVE_KEYS}
    for line in (note or "").split("\n") if note else []:
        key, sep, value = line.partition(": ")
        name = key.removeprefix("prh.")
        if sep and key.startswith("prh.") and name in directives:
            directives[name].append(value)
        else:
            free.append(line)
    return free, directives


def _rules(entry: Entry, losses: Losses) -> list[dict[str, Any]]:
    keep = entry.kind is Kind.KEEP
    expected = entry.term if keep else entry.ja[0]
    if REWRITE.search(expected):
        losses.entry(entry, f"dropped: prh reads '{expected}' as replacement syntax")
        return []
    free, directives = split_note(entry.note)
    regexes = directives["pattern"]
    _field_losses(entry, bool(regexes), losses)
    forbidden = [written(f) for f in entry.forbidden]
    variants = [written(v) for v in _variants(entry.term)] if keep else []
    plain = variants + forbidden if keep and entry.case_sensitive and forbidden else forbidden
    if not plain and not regexes and has_special(expected):
        plain = variants or [written(expected)]  # the default pattern would be a broken regex
    header = [] if keep else [f"en: {entry.term}"]
    if keep and free and EN_LINE.match(free[0]):
        free = ["", *free]  # a keep rule's comment must not read as an English term
    comment = header + free
    options = {"options": directives["options"]}
    strict = [p for p in regexes if "i" not in _flags(p)]
    loose = [p for p in regexes if "i" in _flags(p)]
    joins = bool(forbidden and strict)  # forbidden strings share the rule of regexes without `i`
    rules = []
    if not regexes or entry.bad or entry.good or (forbidden and not joins):
        specs = _plain_specs(entry, expected, plain, directives, losses)
        rules.append(_finish(expected, plain, options, specs, comment))
    # prh refuses one rule whose patterns differ in the `i` flag: such regexes get rules
    # of their own, and the reader merges rules of one term back into one entry.
    groups = [g for g in ([*forbidden, *strict] if joins else strict, loose) if g]
    if len(groups) > 1 and directives["spec"]:
        losses.entry(entry, "prh.spec lines dropped: its regexes need two prh rules")
    for group in groups:
        specs = [json.loads(line) for line in directives["spec"]] if len(groups) == 1 else []
        rules.append(_finish(expected, group, directives, specs, header if rules else comment))
    return rules


def _finish(
    expected: str,
    patterns: list[str],
    directives: dict[str, list[str]],
    specs: list[dict[str, str]],
    comment: list[str],
) -> dict[str, Any]:
    rule: dict[str, Any] = {"expected": expected}
    if len(patterns) == 1:
        rule["pattern"] = patterns[0]
    elif patterns:
        rule["patterns"] = patterns
    if directives.get("regexpMustEmpty"):
        rule["regexpMustEmpty"] = directives["regexpMustEmpty"][0]
    if directives.get("options"):
        rule["options"] = json.loads(directives["options"][0])
    if specs:
        rule["specs"] = specs
    text = "\n".join(comment).rstrip("\n")
    if text:
        rule["prh"] = text
    return rule


def _flags(pattern: str) -> str:
    match = REGEX.match(pattern)
    return match.group(2) if match else ""


def _variants(term: str) -> list[str]:
    """Other casings of a term, for patterns prh matches case-sensitively."""
    forms = (term.lower(), term.upper(), term[:1].upper() + term[1:].lower())
    return [form for form in dict.fromkeys(forms) if form != term]


def _field_losses(entry: Entry, has_regex: bool, losses: Losses) -> None:
    keep = entry.kind is Kind.KEEP
    lost = {
        "aliases": bool(entry.aliases),
        "expansion": entry.expansion is not None,
        "the ja glosses of keep entries": keep and bool(entry.ja),
        "renderings after the first": not keep and len(entry.ja) > 1,
        "forbidden_scope: source (prh checks everywhere)": entry.forbidden_scope
        is not Scope.ALWAYS,
        "case (case-sensitive translate entries)": not keep and entry.case_sensitive,
        "case (case-insensitive keep entries without forbidden renderings or with regexes)": keep
        and not entry.case_sensitive
        and (not entry.forbidden or has_regex),
        "the English side of examples": any(e.en for e in (*entry.bad, *entry.good)),
    }
    for name, dropped in lost.items():
        if dropped:
            losses.field(name, entry)
    if keep and any(f.casefold() == entry.term.casefold() for f in entry.forbidden):
        losses.entry(entry, "forbidden case variants of the term read back as a case check")
    if keep and not latin(entry.term):
        losses.entry(entry, "a keep term not in Latin script reads back as a translate entry")


def _plain_specs(
    entry: Entry,
    expected: str,
    plain: list[str],
    directives: dict[str, list[str]],
    losses: Losses,
) -> list[dict[str, str]]:
    if not entry.bad and not entry.good:
        return []
    options = json.loads(directives["options"][0]) if directives["options"] else {}
    regex = compile_plain(expected, plain or None, word_boundary=bool(options.get("wordBoundary")))
    if regex is None:
        if entry.bad or entry.good:
            losses.entry(entry, "examples dropped: its patterns do not compile")
        return []
    specs = []
    for example in entry.bad:
        to = apply(regex, expected, example.ja)
        if to == example.ja:
            losses.entry(entry, f"bad example '{example.ja}' dropped: prh would not change it")
        else:
            specs.append({"from": example.ja, "to": to})
    fixed = {spec["to"] for spec in specs}
    for example in entry.good:
        if apply(regex, expected, example.ja) != example.ja:
            losses.entry(entry, f"good example '{example.ja}' dropped: prh would change it")
        elif example.ja not in fixed:
            specs.append({"from": example.ja, "to": example.ja})
    return specs
