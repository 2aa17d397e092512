"""What the exchange formats share: loss reports, entry labels, checks on imported entries."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from termqa.errors import TermqaError
from termqa.glossary.model import Entry, Kind

_SHOWN = 5  # terms named in one aggregated warning


class Losses:
    """What an export could not write: per-field counts (one warning per field) and
    per-entry messages, rendered as the lines printed after `warning: `."""

    def __init__(self, fmt: str) -> None:
        self._fmt = fmt
        self._fields: dict[str, list[str]] = {}
        self._items: list[str] = []

    def field(self, name: str, entry: Entry) -> None:
        self._fields.setdefault(name, []).append(entry.term)

    def entry(self, entry: Entry, message: str) -> None:
        self._items.append(f"{label(entry)}: {message}")

    def render(self) -> list[str]:
        out = [
            f"{self._fmt} cannot hold {name} ({len(terms)} "
            f"{'entry' if len(terms) == 1 else 'entries'}: {_some(terms)})"
            for name, terms in self._fields.items()
        ]
        return out + self._items


def _some(terms: Sequence[str]) -> str:
    shown = ", ".join(terms[:_SHOWN])
    return shown + (", …" if len(terms) > _SHOWN else "")


def label(entry: Entry) -> str:
    """`entry 'RAG' (ml.yaml:465)`: how messages name an entry."""
    where = f" ({entry.path}:{entry.line})" if entry.line else ""
    return f"entry '{shown(entry.term)}'{where}"


def shown(text: str) -> str:
    """`text` with control characters escaped, fit for a one-line message."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def default_case(kind: Kind) -> bool:
    """The `case` an entry has when its file does not say (see README, "Glossary format")."""
    return kind is Kind.KEEP


def dedupe(items: Iterable[str]) -> tuple[str, ...]:
    """Items in first-seen order, each once, empty ones left out."""
    return tuple(dict.fromkeys(item for item in items if item))


def check_unique(entries: Sequence[Entry], path: str) -> None:
    """Refuse two entries with one term, as the YAML loader would (case-folded when either
    entry is case-insensitive), naming the later one's line."""
    seen: dict[str, Entry] = {}
    for entry in entries:
        first = seen.get(entry.term) or seen.get(entry.term.casefold())
        if first is not None and (first.term == entry.term or not first.case_sensitive):
            raise TermqaError(
                f"duplicate term '{entry.term}' (first at line {first.line})", path, entry.line
            )
        seen.setdefault(entry.term, entry)
        if not entry.case_sensitive:
            seen.setdefault(entry.term.casefold(), entry)


def merge_entries(first: Entry, later: Entry) -> Entry:
    """One entry from two with the same term (a dictionary that repeats a term): the first
    entry's fields, extended with the later one's renderings, forbidden forms and examples."""
    note = first.note
    if later.note and later.note != first.note:
        note = f"{first.note}\n{later.note}" if first.note else later.note
    return replace(
        first,
        ja=dedupe((*first.ja, *later.ja)),
        forbidden=dedupe((*first.forbidden, *later.forbidden)),
        aliases=dedupe((*first.aliases, *later.aliases)),
        note=note,
        bad=tuple(dict.fromkeys((*first.bad, *later.bad))),
        good=tuple(dict.fromkeys((*first.good, *later.good))),
    )


def settle_case(entries: list[Entry]) -> list[Entry]:
    """Make entries whose terms differ only in case case-sensitive (a source/target file may
    map `Attention` and `attention` apart; case-insensitive entries would collide)."""
    folded: dict[str, int] = {}
    for entry in entries:
        key = entry.term.casefold()
        folded[key] = folded.get(key, 0) + 1
    return [
        replace(entry, case_sensitive=True)
        if folded[entry.term.casefold()] > 1 and not entry.case_sensitive
        else entry
        for entry in entries
    ]
