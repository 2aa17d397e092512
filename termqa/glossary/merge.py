"""`termqa glossary merge A B`: the union of two glossaries, every conflict named.

The result is A's text as written (its comments, order and formatting) with B's entries that
A lacks appended in B's order, each carrying its own comments and re-indented like A. An entry
in both with the same fields is kept once. One with differing fields is a conflict, reported
field by field; nothing is overwritten silently: without `prefer` the caller refuses to write,
with `prefer` the preferred side's entry wins wholesale, in A's position.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from termqa.errors import TermqaError
from termqa.glossary import roundtrip
from termqa.glossary.model import Entry, Example
from termqa.glossary.roundtrip import Doc

# YAML key -> Entry attribute, in the order conflicts are reported.
FIELDS = {
    "kind": "kind",
    "ja": "ja",
    "forbidden": "forbidden",
    "forbidden_scope": "forbidden_scope",
    "case": "case_sensitive",
    "aliases": "aliases",
    "expansion": "expansion",
    "note": "note",
    "examples": "examples",
}


@dataclass(frozen=True, slots=True)
class Conflict:
    """One field of one term that A and B give differently."""

    term: str
    field: str
    a: str
    b: str
    a_where: str  # path:line
    b_where: str

    def render(self, prefer: str | None = None) -> str:
        text = f"conflict: '{self.term}': {self.field} {self.a} ({self.a_where})"
        text += f" vs {self.b} ({self.b_where})"
        return text + (f"; kept {prefer}" if prefer else "")


@dataclass(frozen=True, slots=True)
class Merge:
    text: str  # the merged document (meant to be written only if no conflict or `prefer`)
    conflicts: tuple[Conflict, ...]
    from_a: int  # entries of A in the result
    new_from_b: int
    identical: int
    replaced: int  # entries of A replaced by B's (prefer B)

    def summary(self) -> str:
        parts = [f"{self.from_a} from A", f"{self.new_from_b} new from B"]
        parts += [f"{self.identical} identical", f"{len(self.conflicts)} conflicting field(s)"]
        if self.replaced:
            parts.append(f"{self.replaced} entr{'y' if self.replaced == 1 else 'ies'} taken from B")
        return ", ".join(parts)


def merge_texts(
    a_text: str, a_path: str, b_text: str, b_path: str, prefer: str | None = None
) -> Merge:
    """Merge glossary B into glossary A; `prefer` is None, "A" or "B"."""
    a = roundtrip.read_doc(a_text, a_path)
    b = roundtrip.read_doc(b_text, b_path)
    positions = {span.term: i for i, span in enumerate(a.spans)}
    conflicts: list[Conflict] = []
    new: list[int] = []
    replace: dict[int, int] = {}
    identical = 0
    for j, entry in enumerate(b.entries):
        i = positions.get(entry.term)
        if i is None:
            new.append(j)
            continue
        found = list(_conflicts(a, i, b, j))
        identical += not found
        conflicts += found
        if found and prefer == "B":
            replace[i] = j
    text = _assemble(a, b, new, replace)
    expected = [b.entries[replace[i]] if i in replace else e for i, e in enumerate(a.entries)]
    _verify(text, a_path, [*expected, *(b.entries[j] for j in new)])
    from_a = len(a.entries) - len(replace)
    return Merge(text, tuple(conflicts), from_a, len(new), identical, len(replace))


def _assemble(a: Doc, b: Doc, new: list[int], replace: dict[int, int]) -> str:
    """A's lines with B's new entries appended, then preferred entries of B spliced in."""
    appended = roundtrip.dump_entries(a, [roundtrip.load_entry(b, j) for j in new])
    lines, _ = roundtrip.append_entries(a, a.lines, appended)
    for i in sorted(replace, reverse=True):  # bottom up, so earlier line numbers hold
        span = a.spans[i]
        lines[span.first : span.last + 1] = roundtrip.dump_entries(
            a, [roundtrip.load_entry(b, replace[i])]
        )
    return a.render(lines)


def _conflicts(a: Doc, i: int, b: Doc, j: int) -> list[Conflict]:
    first, second = a.entries[i], b.entries[j]
    found = []
    implicit = "case" not in a.spans[i].keys and "case" not in b.spans[j].keys
    for name, attribute in FIELDS.items():
        value_a, value_b = _value(first, attribute), _value(second, attribute)
        if name == "case" and implicit:
            continue  # both follow their kind's default; a kind conflict says it all
        if value_a != value_b:
            where_a = f"{a.path}:{a.spans[i].keys.get(name, first.line)}"
            where_b = f"{b.path}:{b.spans[j].keys.get(name, second.line)}"
            found.append(
                Conflict(first.term, name, _show(value_a), _show(value_b), where_a, where_b)
            )
    return found


def _value(entry: Entry, attribute: str) -> object:
    if attribute == "examples":
        return (entry.bad, entry.good)
    if attribute == "case_sensitive":
        return "sensitive" if entry.case_sensitive else "insensitive"
    return getattr(entry, attribute)


def _show(value: object) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, tuple) for v in value):
        bad, good = value
        if all(isinstance(e, Example) for e in (*bad, *good)):
            return f"bad {_list([e.ja for e in bad])}, good {_list([e.ja for e in good])}"
    if isinstance(value, tuple):
        return _list([str(v) for v in value])
    return str(value)


def _list(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


def _verify(text: str, path: str, expected: list[Entry]) -> None:
    """Refuse a merged text whose entries are not exactly the expected ones (lint names
    errors in a text that does not parse, such as the same term in another case)."""
    after = roundtrip.entries_of(text, path)
    if after is None:
        return
    keys = [dataclasses.replace(e, path="", line=0) for e in after]
    if keys != [dataclasses.replace(e, path="", line=0) for e in expected]:
        raise TermqaError("internal error: the merge did not apply cleanly; nothing written", path)
