"""The lint's checks over parsed entries: duplicates, conflicts, casing, forbidden = approved.

Entries come in layer order (file by file, each in file order). Every check is a pure
function; an issue about two entries is reported at the later one and names the earlier.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import combinations

from termqa.glossary.fold import fold, width_fold
from termqa.glossary.lint_model import Level, LintIssue
from termqa.glossary.model import Entry, Kind


def where(entry: Entry, other: Entry) -> str:
    """Where `entry` is, as seen from `other`'s file: `line 12` or `team.yaml:12`."""
    return f"line {entry.line}" if entry.path == other.path else f"{entry.path}:{entry.line}"


def kind_name(kind: Kind) -> str:
    return "do-not-translate" if kind is Kind.KEEP else "translated"


def issue(entry: Entry, code: str, level: Level, message: str) -> LintIssue:
    return LintIssue(entry.path, entry.line, code, level, message)


def layer(files: Sequence[Sequence[Entry]]) -> tuple[list[Entry], list[LintIssue]]:
    """The entries in effect after layering, and the issues of duplicates and overrides.

    A term repeated in one file is a duplicate (the first stays in effect); a term repeated
    in a later file overrides the earlier entry, as `check` does.
    """
    issues: list[LintIssue] = []
    effective: dict[str, Entry] = {}
    for entries in files:
        seen: dict[str, Entry] = {}
        for entry in entries:
            first = _same_term(seen, entry)
            if first is not None:
                spelled = "" if first.term == entry.term else f" as '{first.term}'"
                message = f"duplicate term '{entry.term}' (first at line {first.line}{spelled})"
                issues.append(issue(entry, "duplicate-term", Level.ERROR, message))
                continue
            seen[entry.term] = entry
            seen.setdefault(fold(entry.term), entry)
            earlier = effective.pop(entry.term, None)
            if earlier is not None:
                issues.extend(_override(earlier, entry))
            effective[entry.term] = entry
    return list(effective.values()), issues


def _same_term(seen: dict[str, Entry], entry: Entry) -> Entry | None:
    """An earlier entry of the same file with the same term (ignoring case where allowed)."""
    exact = seen.get(entry.term)
    if exact is not None and exact.term == entry.term:
        return exact
    folded = seen.get(fold(entry.term))
    if folded is not None and not (folded.case_sensitive and entry.case_sensitive):
        return folded
    return None


def _override(old: Entry, new: Entry) -> Iterator[LintIssue]:
    if old.kind is not new.kind:
        message = (
            f"'{new.term}' is {kind_name(new.kind)} here but {kind_name(old.kind)} "
            f"at {where(old, new)}"
        )
        yield issue(new, "kind-conflict", Level.ERROR, message)
    elif old.ja != new.ja:
        message = (
            f"'{new.term}' overrides the approved renderings {_list(old.ja)} at "
            f"{where(old, new)} with {_list(new.ja)}"
        )
        yield issue(new, "conflict", Level.WARNING, message)


def _list(strings: Sequence[str]) -> str:
    return "[" + ", ".join(strings) + "]" if strings else "none"


def form_issues(entries: Sequence[Entry]) -> list[LintIssue]:
    """English forms (terms and aliases) shared by two entries, or differing only in case."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for i, entry in enumerate(entries):
        for form in dict.fromkeys(width_fold(f.strip()) for f in entry.english_forms):
            groups.setdefault(fold(form), []).append((i, form))
    issues: list[LintIssue] = []
    reported: set[tuple[int, int]] = set()
    for group in groups.values():
        if len(group) < 2:
            continue
        for (i, form_i), (j, form_j) in combinations(group, 2):
            if i != j and (i, j) not in reported:
                found = _form_pair(entries[i], form_i, entries[j], form_j)
                if found is not None:
                    reported.add((i, j))
                    issues.append(found)
    return issues


def _form_pair(first: Entry, form_a: str, later: Entry, form_b: str) -> LintIssue | None:
    """Two entries whose forms fold alike; `later` comes after `first` in layer order."""
    what = describe(later, form_b)
    other = f"{describe(first, form_a)} at {where(first, later)}"
    shared = form_a == form_b or not (first.case_sensitive and later.case_sensitive)
    if not shared:
        if first.kind is not later.kind:
            return None  # `Transformer` (the name) and `transformer` (the word): deliberate
        message = f"{what} differs only in case from {other}"
        return issue(later, "casing-conflict", Level.WARNING, message)
    if first.path == later.path:
        return issue(later, "duplicate-alias", Level.ERROR, f"{what} duplicates {other}")
    if first.kind is not later.kind:
        message = f"{what} is {kind_name(later.kind)} but {other} is {kind_name(first.kind)}"
        return issue(later, "kind-conflict", Level.ERROR, message)
    return issue(later, "conflict", Level.WARNING, f"{what} duplicates {other}")


def describe(entry: Entry, form: str) -> str:
    """`'LLMs' (alias of 'LLM')`, or just `'LLM'` for the term itself."""
    if form == width_fold(entry.term.strip()):
        return f"'{form}'"
    return f"'{form}' (alias of '{entry.term}')"


def forbidden_issues(entries: Sequence[Entry]) -> list[LintIssue]:
    """Forbidden renderings that are also approved: by the same entry or by another one."""
    approved: dict[str, list[Entry]] = {}
    for entry in entries:
        for rendering in dict.fromkeys(fold(r) for r in entry.ja):
            approved.setdefault(rendering, []).append(entry)
    issues: list[LintIssue] = []
    for entry in entries:
        for forbidden in dict.fromkeys(entry.forbidden):
            others = approved.get(fold(forbidden), ())
            issues.extend(_forbidden_pair(entry, forbidden, other) for other in others)
    return issues


def _forbidden_pair(entry: Entry, forbidden: str, other: Entry) -> LintIssue:
    if other is entry:
        message = f"'{forbidden}' is both forbidden and approved for '{entry.term}'"
        return issue(entry, "forbidden-approved", Level.ERROR, message)
    message = (
        f"'{forbidden}' is forbidden for '{entry.term}' but approved for '{other.term}' "
        f"at {where(other, entry)}"
    )
    return issue(entry, "forbidden-approved", Level.WARNING, message)
