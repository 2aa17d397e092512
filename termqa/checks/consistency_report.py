"""Shared by the consistency rules: occurrences of one thing spelled several ways, the form a
post prefers, and one hit per occurrence of every other form."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from termqa.model import Document, Hit, Segment


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One place where a word (or a term's rendering) is written one particular way.

    `form` identifies the spelling being compared (occurrences with equal `form` are the same
    spelling); `shown` is how it is quoted; `fix` is whether replacing the span with the
    preferred form's `shown` text is safe.
    """

    seg: Segment
    start: int
    end: int
    form: str
    shown: str
    fix: bool = False
    norm: str = ""  # what the group's compatibility test needs (a normalized form), if any


@dataclass(frozen=True, slots=True)
class Form:
    """One spelling within a group: its occurrences, in document order."""

    form: str
    places: tuple[Occurrence, ...]

    @property
    def shown(self) -> str:
        return self.places[0].shown

    @property
    def count(self) -> int:
        return len(self.places)


# Why the preferred form is preferred, as the message says it.
MOSTLY = "this post mostly writes '{}'"
FIRST = "this post writes '{}' first"
APPROVED = "the glossary approves '{}'"
LISTED = "the glossary lists '{}' first"


def forms_of(group: Iterable[Occurrence]) -> list[Form]:
    """The distinct forms of a group in order of first appearance."""
    places: dict[str, list[Occurrence]] = {}
    for occ in group:
        places.setdefault(occ.form, []).append(occ)
    return [Form(form, tuple(occs)) for form, occs in places.items()]


def preferred(
    forms: list[Form],
    approved: Callable[[str], bool] | None = None,
    listed_first: str | None = None,
) -> tuple[Form, str]:
    """The form the others are measured against, and why: the only glossary-approved one if
    exactly one is `approved`, else the most frequent; on a tie the form `listed_first` by
    the glossary, else the first seen."""
    if approved is not None:
        chosen = [f for f in forms if approved(f.shown)]
        if len(chosen) == 1:
            return chosen[0], APPROVED
    top = max(f.count for f in forms)
    tied = [f for f in forms if f.count == top]
    if len(tied) == 1:
        return tied[0], MOSTLY
    listed = [f for f in tied if f.form == listed_first]
    return (listed[0], LISTED) if listed else (tied[0], FIRST)


def line_of(doc: Document, occ: Occurrence) -> int:
    """1-based line of an occurrence in the file as read."""
    offset = occ.seg.target.file_offset(occ.start)
    return doc.text.count("\n", 0, offset) + 1


def report(
    doc: Document,
    forms: list[Form],
    best: Form,
    why: str,
    describe: Callable[[Form, Form], str],
) -> Iterator[tuple[Segment, Hit]]:
    """One hit per occurrence of every form but `best`, each naming both forms' counts and
    where `best` first occurs. `describe(form, best)` says what the two forms are."""
    reason = why.format(best.shown)
    where = line_of(doc, best.places[0])
    for form in forms:
        if form is best:
            continue
        message = f"{describe(form, best)}; {reason} (first at line {where})"
        for occ in form.places:
            fix = best.shown if occ.fix and best.places[0].fix else None
            yield occ.seg, Hit(occ.start, occ.end, message, suggestion=best.shown, fix=fix)


def counted(form: Form) -> str:
    """`'ユーザ' (2×)`."""
    return f"'{form.shown}' ({form.count}×)"
