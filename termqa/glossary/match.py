"""Compiled multi-pattern matchers: one Aho-Corasick automaton per kind of item.

Texts are matched in a length-preserving fold (letters lower-cased, full-width ASCII
half-width), so offsets into the fold are offsets into the text. The automaton finds every
candidate in one pass; boundaries, case and plurals are then checked per candidate, so the
cost follows the text and its matches, not the glossary's size.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import ahocorasick

from termqa.glossary.fold import fold, is_japanese, latin_char, width_fold, word_char
from termqa.glossary.tables import LEFT, PLURAL_ES, PLURAL_S, RIGHT, SENSITIVE, SEP, Items

if TYPE_CHECKING:
    from termqa.glossary.model import Entry
    from termqa.text.ja import Token

Found = tuple[int, int, int]  # start, end, entry index
_CONNECTORS = "-.+"


@dataclass(frozen=True, slots=True)
class TermMatch:
    """An occurrence of a glossary entry's form in a text (offsets into that text)."""

    entry: Entry
    start: int
    end: int
    text: str


class KeyIndex:
    """An automaton over the items' keys; its value is the first item with that key, and
    `chain` links the other items that share the key (ints only: quick to build)."""

    def __init__(self, items: Items) -> None:
        self.items = items
        keys = items.keys
        first = dict(zip(reversed(keys), range(len(keys) - 1, -1, -1), strict=True))
        self._next: dict[int, int] = {}
        if len(first) < len(keys):
            self._link(keys)
        self.auto: Any = None
        if first:
            self.auto = ahocorasick.Automaton(ahocorasick.STORE_INTS)
            for key, i in first.items():
                self.auto.add_word(key, i)
            self.auto.make_automaton()

    def _link(self, keys: list[str]) -> None:
        shared = {k for k, n in Counter(keys).items() if n > 1}
        last: dict[str, int] = {}
        for i, key in enumerate(keys):
            if key in shared:
                if key in last:
                    self._next[last[key]] = i
                last[key] = i

    def group(self, i: int) -> Iterator[int]:
        """Item i and every later item with the same key."""
        while i >= 0:
            yield i
            i = self._next.get(i, -1)


class FormMatcher:
    """Finds entries' English forms (terms and aliases) in English or Japanese text."""

    def __init__(self, items: Items) -> None:
        self._index = KeyIndex(items)

    def find(
        self, text: str, *, latin_only: bool, strict_case: bool, overlapping: bool = False
    ) -> list[Found]:
        """Leftmost-longest, non-overlapping, word-bounded matches (all, if `overlapping`).

        `latin_only`: only Latin letters and digits count as word characters (Japanese text,
        where `RAGを` is a match); otherwise any letter or digit does (English text).
        `strict_case`: case-sensitive forms must match their case exactly.
        """
        if self._index.auto is None or not text:
            return []
        folded = fold(text)
        exact = width_fold(text)
        scan = _Scan(folded, exact, latin_char if latin_only else word_char, strict_case)
        found = [
            hit
            for last, first in self._index.auto.iter(folded)
            if (hit := scan.pick(self._index, first, last + 1)) is not None
        ]
        return sorted(found) if overlapping else leftmost_longest(found)


@dataclass(frozen=True, slots=True)
class _Scan:
    folded: str
    exact: str
    is_word: Callable[[str], bool]
    strict_case: bool

    def pick(self, index: KeyIndex, first: int, end: int) -> Found | None:
        """The best form ending at `end` that passes boundary and case checks (exact case first)."""
        items = index.items
        start = end - len(items.exacts[first])
        if items.flags[first] & LEFT and start > 0 and self.is_word(self.folded[start - 1]):
            return None
        best: Found | None = None
        for i in index.group(first):
            flags = items.flags[i]
            same_case = self.exact[start:end] == items.exacts[i]
            if self.strict_case and flags & SENSITIVE and not same_case:
                continue
            stop = self._right_edge(end, flags)
            if stop is None:
                continue
            if same_case:
                return (start, stop, items.entries[i])
            best = best or (start, stop, items.entries[i])
        return best

    def _right_edge(self, end: int, flags: int) -> int | None:
        """Where the match ends (after a plural suffix), or None if no boundary follows."""
        if not flags & RIGHT:
            return end
        for suffix in self._suffixes(end, flags):
            stop = end + len(suffix)
            if self._boundary_after(stop):
                return stop
        return None

    def _suffixes(self, end: int, flags: int) -> Iterator[str]:
        if flags & PLURAL_ES and self.folded.startswith("es", end):
            yield "es"
        if (flags & PLURAL_ES and self.folded.startswith("s", end)) or (
            flags & PLURAL_S and self.exact.startswith("s", end)
        ):
            yield "s"
        yield ""

    def _boundary_after(self, stop: int) -> bool:
        if stop >= len(self.folded):
            return True
        if self.is_word(self.folded[stop]):
            return False
        # `GPT-4` is not in `GPT-4o`, `GPT-4.5` or `GPT-4-Turbo`: a connector carries it on.
        nxt = self.exact[stop + 1 : stop + 2]
        return not (self.folded[stop] in _CONNECTORS and nxt and (nxt.isdigit() or nxt.isupper()))


def leftmost_longest(found: list[Found]) -> list[Found]:
    found.sort(key=lambda m: (m[0], -m[1]))
    kept: list[Found] = []
    edge = -1
    for match in found:
        if match[0] >= edge:
            kept.append(match)
            edge = match[1]
    return kept


class ForbiddenMatcher:
    """Finds forbidden renderings by surface and by Sudachi normalized forms, on token bounds."""

    def __init__(self, surface: Items, normal: Items) -> None:
        self._surface = KeyIndex(surface)
        self._normal = KeyIndex(normal)

    def find(self, text: str, tokens: Sequence[Token]) -> list[Found]:
        """Forbidden renderings, leftmost-longest (all entries sharing the winning span)."""
        found: list[Found] = []
        if self._surface.auto is not None and text:
            found.extend(self._by_surface(text, tokens))
        if self._normal.auto is not None and tokens:
            found.extend(self._by_normal(text, tokens))
        return _dedupe(found)

    def _by_surface(self, text: str, tokens: Sequence[Token]) -> Iterator[Found]:
        folded = fold(text)
        exact = width_fold(text)
        bounds = {t.start for t in tokens} | {t.end for t in tokens}
        items = self._surface.items
        for last, first in self._surface.auto.iter(folded):
            end = last + 1
            start = end - len(items.keys[first])
            if tokens and (start not in bounds or end not in bounds):
                continue
            if not tokens and not _latin_bounded(folded, start, end):
                continue
            for i in self._surface.group(first):
                if not items.flags[i] & SENSITIVE or exact[start:end] == items.exacts[i]:
                    yield (start, end, items.entries[i])

    def _by_normal(self, text: str, tokens: Sequence[Token]) -> Iterator[Found]:
        joined, index_at = _joined_normals(tokens)
        items = self._normal.items
        for last, first in self._normal.auto.iter(joined):
            count = items.flags[first]
            head = _first_token(joined, index_at, last, count)
            if head is None or not _contiguous(tokens, head, count):
                continue
            start, end = tokens[head].start, tokens[head + count - 1].end
            if is_japanese(text[start:end]):
                yield from ((start, end, items.entries[i]) for i in self._normal.group(first))


def _joined_normals(tokens: Sequence[Token]) -> tuple[str, dict[int, int]]:
    """The tokens' folded normalized forms joined by SEP, and where each token starts."""
    parts = [SEP]
    index_at: dict[int, int] = {}
    size = 1
    for i, token in enumerate(tokens):
        index_at[size] = i
        norm = fold(token.normalized)
        parts.append(norm + SEP)
        size += len(norm) + 1
    return "".join(parts), index_at


def _latin_bounded(folded: str, start: int, end: int) -> bool:
    before = start == 0 or not latin_char(folded[start - 1])
    return before and (end >= len(folded) or not latin_char(folded[end]))


def _first_token(joined: str, index_at: dict[int, int], last: int, count: int) -> int | None:
    pos = last
    for _ in range(count):
        pos = joined.rfind(SEP, 0, pos)
    return index_at.get(pos + 1)


def _contiguous(tokens: Sequence[Token], first: int, count: int) -> bool:
    return all(tokens[i].end == tokens[i + 1].start for i in range(first, first + count - 1))


def _dedupe(found: list[Found]) -> list[Found]:
    """Leftmost-longest spans; every entry matching a winning span is kept."""
    spans = leftmost_longest([(s, e, -1) for s, e in {(s, e) for s, e, _ in found}])
    keep = {(s, e) for s, e, _ in spans}
    return sorted({m for m in found if (m[0], m[1]) in keep})
