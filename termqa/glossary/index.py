"""The compiled glossary that checks read: entries plus their matchers and lookup tables."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, cast

from termqa.glossary.fold import fold, is_japanese, width_fold
from termqa.glossary.match import ForbiddenMatcher, FormMatcher, TermMatch, leftmost_longest
from termqa.glossary.model import Entry, Kind, Scope
from termqa.glossary.tables import SENSITIVE, Tables, build_tables, row_entry, rows_entries

if TYPE_CHECKING:
    from termqa.text.ja import JaTools, Token

__all__ = ["Glossary", "Layer", "TermMatch"]

# One glossary file as the loader hands it over: its entries (or their cached JSON rows,
# decoded on first use), its path, and its matcher items.
Layer = tuple[Sequence[Entry | str], str, Tables]


class Glossary:
    """Entries (later layers already applied) compiled once into multi-pattern matchers.

    `norms` maps forbidden renderings to their folded Sudachi normalized token forms; any that
    is missing (and holds kana or kanji) is computed here, with `ja` or a shared tokenizer.
    Entries with the same term override earlier ones, as layers do.
    """

    def __init__(
        self,
        entries: Iterable[Entry],
        *,
        norms: Mapping[str, Sequence[str]] | None = None,
        ja: JaTools | None = None,
    ) -> None:
        items = tuple(entries)
        full = _complete_norms(norms or {}, (f for e in items for f in e.forbidden), ja)
        self._assemble([(items, "<memory>", build_tables(items, full))])

    @classmethod
    def layered(cls, layers: Sequence[Layer]) -> Glossary:
        """A glossary from several files' layers, the later overriding the earlier by term."""
        glossary = cls.__new__(cls)
        glossary._assemble(layers)
        return glossary

    @classmethod
    def empty(cls) -> Glossary:
        return cls(())

    def _assemble(self, layers: Sequence[Layer]) -> None:
        winner: dict[str, tuple[int, int]] = {}
        for p, (_, _, tables) in enumerate(layers):
            winner.update((term, (p, i)) for i, term in enumerate(tables.terms))
        self._items: list[Entry | str] = []
        self._paths: list[str] = []
        self._entries: tuple[Entry, ...] | None = None
        merged = Tables()
        if len(winner) == sum(len(tables.terms) for _, _, tables in layers):
            for items, path, tables in layers:  # no overrides: indices shift by an offset
                merged.extend(tables, len(self._items))
                self._items += items
                self._paths += [path] * len(items)
        else:
            index = [[-1] * len(tables.terms) for _, _, tables in layers]
            for g, (p, i) in enumerate(winner.values()):
                index[p][i] = g
                self._items.append(layers[p][0][i])
                self._paths.append(layers[p][1])
            for (_, _, tables), numbers in zip(layers, index, strict=True):
                merged.extend(tables, numbers)
        self._tables = merged
        self._forms = FormMatcher(merged.forms)
        self._forbidden = ForbiddenMatcher(merged.surface, merged.normal)

    @cached_property
    def _exact(self) -> dict[str, int]:
        forms = self._tables.forms
        return dict(zip(reversed(forms.exacts), reversed(forms.entries), strict=True))

    @cached_property
    def _folded(self) -> dict[str, int]:
        forms = self._tables.forms
        pairs = zip(forms.keys, forms.entries, forms.flags, strict=True)
        return dict(reversed([(k, i) for k, i, f in pairs if not f & SENSITIVE]))

    @cached_property
    def _cased(self) -> dict[str, set[str]]:
        forms = self._tables.forms
        out: dict[str, set[str]] = {}
        for key, exact, flags in zip(forms.keys, forms.exacts, forms.flags, strict=True):
            if flags & SENSITIVE and key != exact.upper():
                out.setdefault(key, set()).add(exact)
        return out

    @cached_property
    def _approved(self) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for key, i in zip(self._tables.approved.keys, self._tables.approved.entries, strict=True):
            out.setdefault(key, []).append(i)
        return out

    @property
    def entries(self) -> tuple[Entry, ...]:
        if self._entries is None:
            pending = [i for i, item in enumerate(self._items) if isinstance(item, str)]
            rows = [cast("str", self._items[i]) for i in pending]
            built = rows_entries(rows, [self._paths[i] for i in pending])
            for i, entry in zip(pending, built, strict=True):
                self._items[i] = entry
            self._entries = tuple(cast("list[Entry]", self._items))
        return self._entries

    def _entry(self, i: int) -> Entry:
        item = self._items[i]
        if isinstance(item, str):
            item = self._items[i] = row_entry(item, self._paths[i])
        return item

    def __len__(self) -> int:
        return len(self._items)

    def lookup(self, form: str) -> Entry | None:
        """The entry whose term or alias is `form` (exactly, or ignoring case where allowed)."""
        i = self._exact.get(width_fold(form))
        if i is None:
            i = self._folded.get(fold(form))
        return None if i is None else self._entry(i)

    def canonical_case(self, token: str) -> str | None:
        """The canonical spelling of a case-sensitive form that `token` equals except for case.

        None when no such form exists, when `token` already has the right case, or when several
        forms fold alike and `token` matches none of them. An acronym's plural s is kept.
        """
        canonical = self._canonical(token)
        if canonical is None and len(token) > 2 and token[-1] in "sｓ":
            base = self._canonical(token[:-1])
            if base is not None and base[-1].isupper():
                return base + "s" if width_fold(token) != base + "s" else None
        return canonical

    def _canonical(self, token: str) -> str | None:
        spellings = self._cased.get(fold(token))
        if not spellings or width_fold(token) in spellings or len(spellings) > 1:
            return None
        return next(iter(spellings))

    def approves(self, rendering: str) -> tuple[Entry, ...]:
        """Entries that list `rendering` among their approved Japanese renderings."""
        return tuple(self._entry(i) for i in self._approved.get(fold(rendering), ()))

    def find_english(
        self, text: str, *, strict_case: bool = False, overlapping: bool = False
    ) -> list[TermMatch]:
        """Entries' English forms in English text: word-bounded, leftmost-longest.

        Case is ignored for every entry (an English source may be lower-cased) unless
        `strict_case`, when case-sensitive entries must match their case exactly.
        `overlapping` also reports forms inside longer ones (`reward` in `reward model`).
        """
        found = self._forms.find(
            text, latin_only=False, strict_case=strict_case, overlapping=overlapping
        )
        return self._matches(text, found)

    def find_in_target(self, text: str, *, strict_case: bool = True) -> list[TermMatch]:
        """Entries' English forms kept in Japanese text (`RAGを`, `LoRAで`; not in `FRAGMENT`).

        Case-sensitive entries match their case exactly unless `strict_case` is False.
        """
        return self._matches(text, self._forms.find(text, latin_only=True, strict_case=strict_case))

    def find_forbidden(
        self, text: str, tokens: Sequence[Token], source: str, *, strict_case: bool = False
    ) -> list[TermMatch]:
        """Forbidden renderings in target `text`, by surface and by normalized form.

        Matches lie on token boundaries of `tokens` (Sudachi tokens of `text`). Entries whose
        forbidden scope is `source` count only when their English form occurs in `source`
        (`strict_case` as in find_english).
        """
        found = self._forbidden.find(text, tokens)
        if any(self._entry(i).forbidden_scope is Scope.SOURCE for _, _, i in found):
            present = self._present(source, strict_case=strict_case)
            found = [
                m
                for m in found
                if m[2] in present or self._entry(m[2]).forbidden_scope is not Scope.SOURCE
            ]
        return self._matches(text, found)

    def _present(self, source: str, *, strict_case: bool) -> set[int]:
        """Entries whose term occurs in `source` in its own right: leftmost-longest matches,
        and names inside a longer kept name (`Llama` in `Llama 3`), but not words inside a
        longer translated term (`prompt` in `prompt tuning` is not the noun `prompt`)."""
        every = self._forms.find(
            source, latin_only=False, strict_case=strict_case, overlapping=True
        )
        longest = leftmost_longest(list(every))
        kept = [(s, e) for s, e, i in longest if self._entry(i).kind is Kind.KEEP]
        present = {i for _, _, i in longest}
        present.update(i for s, e, i in every if any(a <= s and e <= b for a, b in kept))
        return present

    def _matches(self, text: str, found: Iterable[tuple[int, int, int]]) -> list[TermMatch]:
        return [TermMatch(self._entry(i), s, e, text[s:e]) for s, e, i in found]


def _complete_norms(
    norms: Mapping[str, Sequence[str]], strings: Iterable[str], ja: JaTools | None
) -> dict[str, Sequence[str]]:
    out = dict(norms)
    missing = sorted({s for s in strings if s not in out and is_japanese(s)})
    if missing:
        from termqa.glossary.normalize import normalize_all  # noqa: PLC0415  (loads Sudachi)

        out.update(normalize_all(missing, ja))
    return out
