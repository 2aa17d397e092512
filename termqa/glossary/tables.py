"""The matcher items of a list of entries, as flat columns that cache and layer cheaply.

Turning 10,000 entries into automaton items costs tens of milliseconds of Python, and parsing
them back from JSON as one small list per item costs as much again; the items are therefore
computed once per glossary file (and cached with it) as parallel columns of strings and ints,
and a layered glossary is assembled from its files' columns with entry indices renumbered.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from termqa.glossary.fold import fold, is_japanese, width_fold, word_char
from termqa.glossary.model import Entry, Example, Kind, Scope

# Flags of an English form: case-sensitive, acronym plural `s`, word plural `s`/`es`, a word
# character at its start / end (a boundary is needed there).
SENSITIVE, PLURAL_S, PLURAL_ES, LEFT, RIGHT = 1, 2, 4, 8, 16
SEP = "\x00"  # joins normalized tokens in keys and in the text they are matched against


@dataclass(slots=True)
class Items:
    """Automaton items as columns: folded key, entry index, exact string, flags (or count)."""

    keys: list[str] = field(default_factory=list)
    entries: list[int] = field(default_factory=list)
    exacts: list[str] = field(default_factory=list)
    flags: list[int] = field(default_factory=list)

    def add(self, key: str, entry: int, exact: str = "", flags: int = 0) -> None:
        self.keys.append(key)
        self.entries.append(entry)
        self.exacts.append(exact)
        self.flags.append(flags)

    def extend(self, other: Items, index: Sequence[int] | int) -> None:
        """Append `other`, its entry i renumbered index[i] (dropped if -1), or shifted by an int."""
        if isinstance(index, int):
            self.keys += other.keys
            self.entries += [i + index for i in other.entries] if index else other.entries
            self.exacts += other.exacts
            self.flags += other.flags
            return
        for k, i, x, f in zip(other.keys, other.entries, other.exacts, other.flags, strict=True):
            if index[i] >= 0:
                self.add(k, index[i], x, f)


@dataclass(slots=True)
class Tables:
    """Items of one list of entries; every entry index is into that list."""

    terms: list[str] = field(default_factory=list)
    forms: Items = field(default_factory=Items)  # English terms and aliases
    approved: Items = field(default_factory=Items)  # approved Japanese renderings
    surface: Items = field(default_factory=Items)  # forbidden renderings; flags: SENSITIVE
    normal: Items = field(default_factory=Items)  # their normalized tokens; flags: count

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"terms": self.terms}
        for name in _ITEM_TABLES:
            items: Items = getattr(self, name)
            out[name] = [items.keys, items.entries, items.exacts, items.flags]
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Tables:
        return cls(data["terms"], *(Items(*data[name]) for name in _ITEM_TABLES))

    def extend(self, other: Tables, index: Sequence[int] | int) -> None:
        for name in _ITEM_TABLES:
            getattr(self, name).extend(getattr(other, name), index)


_ITEM_TABLES = tuple(f.name for f in fields(Tables) if f.name != "terms")


def build_tables(entries: Sequence[Entry], norms: Mapping[str, Sequence[str]]) -> Tables:
    """Items for `entries`; `norms` gives the folded normalized tokens of forbidden strings."""
    tables = Tables()
    for i, entry in enumerate(entries):
        tables.terms.append(entry.term)
        for form in entry.english_forms:
            _add_form(tables.forms, i, form, entry.case_sensitive)
        for rendering in entry.ja:
            tables.approved.add(fold(rendering), i)
        for string in entry.forbidden:
            flag = SENSITIVE if entry.case_sensitive else 0
            tables.surface.add(fold(string), i, width_fold(string), flag)
            parts = norms.get(string)
            if parts and is_japanese(string):
                tables.normal.add(SEP + SEP.join(parts) + SEP, i, "", len(parts))
    return tables


def _add_form(items: Items, entry: int, form: str, sensitive: bool) -> None:
    """One English form (plus `-ies` for a word ending in consonant + y)."""
    exact = width_fold(form.strip())
    if not exact:
        return
    flags = (SENSITIVE if sensitive else 0) | _plural_flag(exact, sensitive)
    flags |= (LEFT if word_char(exact[0]) else 0) | (RIGHT if word_char(exact[-1]) else 0)
    items.add(fold(exact), entry, exact, flags)
    if flags & PLURAL_ES and len(exact) > 2 and exact[-1] == "y" and exact[-2] not in "aeiou":
        plural = exact[:-1] + "ies"
        items.add(fold(plural), entry, plural, flags)


def _plural_flag(form: str, sensitive: bool) -> int:
    last = form[-1]
    if last.isupper() and sum(c.isupper() for c in form) >= 2:
        return PLURAL_S
    if not sensitive and last.isalpha() and last.islower():
        return PLURAL_ES
    return 0


def entry_row(e: Entry) -> str:
    """One entry as a line of JSON, decoded only when the entry is first needed."""
    row = [
        e.term,
        str(e.kind),
        e.ja,
        e.forbidden,
        str(e.forbidden_scope),
        e.case_sensitive,
        e.aliases,
        e.expansion,
        e.note,
        [[x.ja, x.en] for x in e.bad],
        [[x.ja, x.en] for x in e.good],
        e.line,
    ]
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"))


_KINDS = {str(k): k for k in Kind}
_SCOPES = {str(s): s for s in Scope}


def row_entry(text: str, path: str) -> Entry:
    return _entry(json.loads(text), path)


def rows_entries(rows: Sequence[str], paths: Sequence[str]) -> list[Entry]:
    """Many rows at once: one JSON parse is several times faster than one per row."""
    decoded = json.loads("[" + ",".join(rows) + "]")
    return [_entry(row, path) for row, path in zip(decoded, paths, strict=True)]


def _entry(row: list[Any], path: str) -> Entry:
    return Entry(
        row[0],
        _KINDS[row[1]],
        tuple(row[2]),
        tuple(row[3]),
        _SCOPES[row[4]],
        row[5],
        tuple(row[6]),
        row[7],
        row[8],
        tuple(Example(x[0], x[1]) for x in row[9]) if row[9] else (),
        tuple(Example(x[0], x[1]) for x in row[10]) if row[10] else (),
        path,
        row[11],
    )
