"""CSV and TSV: our column layout, or a two-column source/target file.

Layout (a header row names the columns; `term` and `kind` are required, the others optional
and in any order; unknown columns are ignored with a warning):

    term, kind, ja, forbidden, forbidden_scope, case, aliases, expansion, note

List columns (`ja`, `forbidden`, `aliases`) hold their items separated by `|`; an item's own
`|` or backslash is written `\\|` or `\\\\`. Items are trimmed, empty items skipped. An empty
`case` or `forbidden_scope` cell means the default (see README, "Glossary format"). Quoting is
the csv module's minimal quoting (Excel's): a cell holding the delimiter, a quote or a line
break is quoted, quotes doubled; TSV is the same with a tab delimiter (what spreadsheets
save as "tab-delimited text"). Export writes every column and is lossless except `examples`.

Import also takes a file of two columns, English source and Japanese target (DeepL's CSV
entries, or `source,target` / `en,ja` with that header): a row whose target equals its
source becomes a `keep` entry, any other a `translate` entry; a source on several rows
collects its targets in order (an identity row among them makes the entry `keep`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import replace

from termqa.errors import TermqaError
from termqa.glossary.formats._common import (
    Losses,
    check_unique,
    dedupe,
    default_case,
    merge_entries,
    settle_case,
)
from termqa.glossary.model import Entry, Kind, Scope

COLUMNS = (
    "term",
    "kind",
    "ja",
    "forbidden",
    "forbidden_scope",
    "case",
    "aliases",
    "expansion",
    "note",
)
_LISTS = ("ja", "forbidden", "aliases")
_CASES = {"sensitive": True, "insensitive": False}
_PAIR_HEADERS = {
    ("source", "target"),
    ("en", "ja"),
    ("english", "japanese"),
    ("term", "translation"),
}

Row = tuple[int, list[str]]  # a record and the line it starts on


def read_csv(text: str, path: str) -> tuple[list[Entry], list[str]]:
    return _read(text, path, ",")


def read_tsv(text: str, path: str) -> tuple[list[Entry], list[str]]:
    return _read(text, path, "\t")


def write_csv(entries: Sequence[Entry]) -> tuple[str, list[str]]:
    return _write(entries, ",", "csv")


def write_tsv(entries: Sequence[Entry]) -> tuple[str, list[str]]:
    return _write(entries, "\t", "tsv")


def join_items(items: Sequence[str]) -> str:
    return "|".join(item.replace("\\", "\\\\").replace("|", "\\|") for item in items)


def split_items(cell: str) -> tuple[str, ...]:
    items: list[str] = []
    current: list[str] = []
    chars = iter(cell)
    for c in chars:
        if c == "\\":
            current.append(next(chars, "\\"))
        elif c == "|":
            items.append("".join(current))
            current = []
        else:
            current.append(c)
    items.append("".join(current))
    return dedupe(item.strip() for item in items)


def _write(entries: Sequence[Entry], delimiter: str, fmt: str) -> tuple[str, list[str]]:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(COLUMNS)
    losses = Losses(fmt)
    for entry in entries:
        if entry.bad or entry.good:
            losses.field("examples", entry)
        if any(item != item.strip() for item in (*entry.ja, *entry.forbidden, *entry.aliases)):
            losses.entry(entry, "list items with surrounding spaces are trimmed")
        writer.writerow(_cells(entry))
    return out.getvalue(), losses.render()


def _cells(entry: Entry) -> list[str]:
    return [
        entry.term,
        str(entry.kind),
        join_items(entry.ja),
        join_items(entry.forbidden),
        str(entry.forbidden_scope),
        "sensitive" if entry.case_sensitive else "insensitive",
        join_items(entry.aliases),
        entry.expansion or "",
        entry.note or "",
    ]


def _rows(text: str, path: str, delimiter: str) -> Iterator[Row]:
    stream = io.StringIO(text.removeprefix("\ufeff"), newline="")
    reader = csv.reader(stream, delimiter=delimiter, strict=True)
    line = 1
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                yield line, record
            line = reader.line_num + 1
    except csv.Error as exc:
        raise TermqaError(f"malformed {_name(delimiter)}: {exc}", path, line) from None


def _name(delimiter: str) -> str:
    return "TSV" if delimiter == "\t" else "CSV"


def _read(text: str, path: str, delimiter: str) -> tuple[list[Entry], list[str]]:
    rows = list(_rows(text, path, delimiter))
    if not rows:
        return [], []
    line, first = rows[0]
    header = [cell.strip().lower() for cell in first]
    if "term" in header and "kind" in header:
        return _read_columns(header, rows, path)
    if len(header) == 2:
        body = rows[1:] if tuple(header) in _PAIR_HEADERS else rows
        return _read_pairs(body, path, delimiter), []
    raise TermqaError(
        f"expected a header row with 'term' and 'kind' columns ({', '.join(COLUMNS)}) "
        "or two columns, source and target",
        path,
        line,
    )


def _read_columns(header: list[str], rows: list[Row], path: str) -> tuple[list[Entry], list[str]]:
    warnings = [
        f"{path}:{rows[0][0]}: column '{name}' is not part of the glossary layout: ignored"
        for name in header
        if name not in COLUMNS
    ]
    for name in COLUMNS:
        if header.count(name) > 1:
            raise TermqaError(f"column '{name}' appears twice in the header", path, rows[0][0])
    entries = []
    for line, record in rows[1:]:
        if len(record) > len(header):
            raise TermqaError(f"row has {len(record)} cells, the header {len(header)}", path, line)
        cells = dict(zip(header, (cell.strip() for cell in record), strict=False))
        entries.append(_entry(cells, path, line))
    check_unique(entries, path)
    return entries, warnings


def _entry(cells: dict[str, str], path: str, line: int) -> Entry:
    term = cells.get("term", "")
    if not term:
        raise TermqaError("row has no term", path, line)
    kind_text = cells.get("kind", "")
    if kind_text not in tuple(Kind):
        raise TermqaError(
            f"entry '{term}': kind '{kind_text}' is not keep or translate", path, line
        )
    kind = Kind(kind_text)
    lists = {name: split_items(cells.get(name, "")) for name in _LISTS}
    if kind is Kind.TRANSLATE and not lists["ja"]:
        raise TermqaError(f"entry '{term}': a translate entry needs a 'ja' rendering", path, line)
    return Entry(
        term=term,
        kind=kind,
        ja=lists["ja"],
        forbidden=lists["forbidden"],
        forbidden_scope=_scope(cells.get("forbidden_scope", ""), term, path, line),
        case_sensitive=_case(cells.get("case", ""), kind, term, path, line),
        aliases=lists["aliases"],
        expansion=cells.get("expansion") or None,
        note=cells.get("note") or None,
        path=path,
        line=line,
    )


def _scope(text: str, term: str, path: str, line: int) -> Scope:
    if not text:
        return Scope.ALWAYS
    if text not in tuple(Scope):
        raise TermqaError(
            f"entry '{term}': forbidden_scope '{text}' is not always or source", path, line
        )
    return Scope(text)


def _case(text: str, kind: Kind, term: str, path: str, line: int) -> bool:
    if not text:
        return default_case(kind)
    if text not in _CASES:
        raise TermqaError(
            f"entry '{term}': case '{text}' is not sensitive or insensitive", path, line
        )
    return _CASES[text]


def _read_pairs(rows: list[Row], path: str, delimiter: str) -> list[Entry]:
    entries: dict[str, Entry] = {}
    for line, record in rows:
        cells = [cell.strip() for cell in record]
        if len(cells) != 2 or not all(cells):
            raise TermqaError(
                f"expected two non-empty cells, source and target, got {len(cells)} "
                f"({_name(delimiter)} of source/target pairs)",
                path,
                line,
            )
        entry = pair_entry(cells[0], cells[1], path, line)
        first = entries.get(entry.term)
        entries[entry.term] = entry if first is None else _merge_pair(first, entry)
    return settle_case(list(entries.values()))


def pair_entry(source: str, target: str, path: str, line: int) -> Entry:
    """A source/target pair as an entry: identity means keep."""
    if source == target:
        return Entry(term=source, kind=Kind.KEEP, path=path, line=line)
    return Entry(
        term=source,
        kind=Kind.TRANSLATE,
        ja=(target,),
        case_sensitive=default_case(Kind.TRANSLATE),
        path=path,
        line=line,
    )


def _merge_pair(first: Entry, later: Entry) -> Entry:
    merged = merge_entries(first, later)
    if Kind.KEEP in (first.kind, later.kind) and merged.kind is not Kind.KEEP:
        return replace(merged, kind=Kind.KEEP, case_sensitive=default_case(Kind.KEEP))
    return merged
