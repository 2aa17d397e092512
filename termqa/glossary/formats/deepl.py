"""DeepL glossary entries: TSV rows `source<TAB>target`, no header.

DeepL's rules for entries: a term is not empty, has no leading or trailing whitespace, no C0
or C1 control character (tab and newline included) and no Unicode line or paragraph
separator; each source appears once.

Export: a keep entry's term and each alias map to themselves (`RAG<TAB>RAG`); a translate
entry's term and each alias map to its first approved rendering. What DeepL cannot hold is
reported: other renderings, forbidden renderings, keep glosses, case, scope, expansion, note,
examples; aliases become entries of their own. A pair that breaks a rule is dropped and
reported, so is a source an earlier entry already took.

Import: a row whose target equals its source becomes a keep entry, any other a translate
entry with that one rendering. Any row that breaks a rule is refused with its line; blank
lines are skipped, and a final CR (Windows line ends) is removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from termqa.errors import TermqaError
from termqa.glossary.formats._common import Losses, settle_case, shown
from termqa.glossary.formats.csv_tsv import pair_entry
from termqa.glossary.model import Entry, Kind, Scope

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def term_problem(term: str) -> str | None:
    """Why DeepL refuses `term`, or None."""
    if not term:
        return "empty term"
    bad = _CONTROL.search(term)
    if bad is not None:
        return f"control character U+{ord(bad.group()):04X}"
    if term != term.strip():
        return "leading or trailing whitespace"
    return None


def write_deepl(entries: Sequence[Entry]) -> tuple[str, list[str]]:
    losses = Losses("deepl")
    rows: dict[str, str] = {}
    for entry in entries:
        _note_losses(entry, losses)
        for source, target in _pairs(entry):
            problem = term_problem(source) or term_problem(target)
            if problem is not None:
                losses.entry(entry, f"'{shown(source)}' → '{shown(target)}' dropped: {problem}")
            elif rows.setdefault(source, target) != target:
                losses.entry(
                    entry, f"'{source}' dropped: an earlier entry maps it to '{rows[source]}'"
                )
    text = "".join(f"{source}\t{target}\n" for source, target in rows.items())
    return text, losses.render()


def _pairs(entry: Entry) -> Iterator[tuple[str, str]]:
    for form in entry.english_forms:
        if entry.kind is Kind.KEEP:
            yield form, form
        elif entry.ja:
            yield form, entry.ja[0]


def _note_losses(entry: Entry, losses: Losses) -> None:
    keep = entry.kind is Kind.KEEP
    dropped = {
        "the ja glosses of keep entries": keep and bool(entry.ja),
        "renderings after the first": not keep and len(entry.ja) > 1,
        "forbidden renderings": bool(entry.forbidden),
        "forbidden_scope": entry.forbidden_scope is not Scope.ALWAYS,
        "case": entry.case_sensitive != keep,
        "aliases (each is written as an entry of its own)": bool(entry.aliases),
        "expansion": entry.expansion is not None,
        "note": entry.note is not None,
        "examples": bool(entry.bad or entry.good),
    }
    for name, lost in dropped.items():
        if lost:
            losses.field(name, entry)
    if not keep and entry.ja and entry.ja[0] == entry.term:
        losses.entry(entry, "its rendering equals the term, so it reads back as a keep entry")


def read_deepl(text: str, path: str) -> tuple[list[Entry], list[str]]:
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.removeprefix("\ufeff").split("\n"), start=1):
        row = raw.removesuffix("\r")
        if not row:
            continue
        source, target = _split(row, path, number)
        if source in seen:
            raise TermqaError(
                f"duplicate source '{source}' (first at line {seen[source]})", path, number
            )
        seen[source] = number
        entries.append(pair_entry(source, target, path, number))
    return settle_case(entries), []


def _split(row: str, path: str, line: int) -> tuple[str, str]:
    cells = row.split("\t")
    if len(cells) != 2:
        raise TermqaError(
            f"expected 'source<TAB>target', found {len(cells) - 1} tabs "
            "(DeepL entries: one tab, no header)",
            path,
            line,
        )
    for what, cell in zip(("source", "target"), cells, strict=True):
        problem = term_problem(cell)
        if problem is not None:
            raise TermqaError(f"{what} '{shown(cell)}': {problem}", path, line)
    return cells[0], cells[1]
