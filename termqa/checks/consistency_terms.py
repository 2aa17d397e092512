"""Approved renderings of glossary terms in target text (CN02, CN03).

Only entries that approve several renderings matter, and only renderings that one translated
entry alone approves (`精度` renders both accuracy and precision, so it is evidence of
neither). Their renderings go into one automaton, with every longer approved rendering that
holds one of them (`機械学習`, holding `学習`), so that leftmost-longest matching hides the
inner one; a match must be a whole word (`注意` is not in `注意点`), judged by the scripts
of its neighbours, so that no segment is tokenized. Spellings that differ only in long vowels,
middle dots or spaces count as one rendering here: those are orthographic variants (CN01).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

import ahocorasick

from termqa.checks.base import Context
from termqa.checks.consistency_report import Occurrence
from termqa.glossary.fold import fold, is_japanese
from termqa.glossary.model import Entry, Kind
from termqa.model import Segment

if TYPE_CHECKING:
    from termqa.glossary.index import Glossary

_LOOSE = str.maketrans("", "", "ー・･ 　")
_PREFIXES = "各全再"  # kanji that may precede a kanji rendering without making a new word
_SUFFIXES = "済後前時中用"  # and that may follow one


@dataclass(frozen=True, slots=True)
class Renderings:
    """An automaton over renderings as written; its values index `lengths` and `entries`
    (None for a longer approved rendering that only hides the ones inside it)."""

    auto: Any
    lengths: tuple[int, ...]
    entries: tuple[Entry | None, ...]


@dataclass(frozen=True, slots=True)
class Rendered:
    """A rendering of `entry` found in a segment's target."""

    entry: Entry
    occurrence: Occurrence


def target_renderings(ctx: Context) -> Renderings:
    """The renderings that are evidence without a source (see `distinctive`)."""
    return ctx.memo_doc("consistency.renderings.target", partial(_build, distinct=True))


def source_renderings(ctx: Context) -> Renderings:
    return ctx.memo_doc("consistency.renderings.source", partial(_build, distinct=False))


def _build(ctx: Context, *, distinct: bool) -> Renderings:
    keys, entries = _approved_table(ctx.glossary)
    counts = Counter(entries)
    found: dict[str, Entry | None] = {}
    for i in (i for i, n in counts.items() if n > 1):
        entry = _entry(ctx.glossary, i)
        if not _has_choices(entry):
            continue
        for rendering in entry.ja:
            wanted = is_japanese(rendering) and (distinctive(rendering) or not distinct)
            if wanted and _choice(ctx.glossary.approves(rendering)) is entry:
                found[rendering] = entry
    if not found:
        return Renderings(None, (), ())
    found.update(dict.fromkeys(_containing(found, keys)))
    auto = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for i, rendering in enumerate(found):
        auto.add_word(rendering, i)
    auto.make_automaton()
    return Renderings(auto, tuple(map(len, found)), tuple(found.values()))


def _containing(found: dict[str, Entry | None], keys: Iterable[str]) -> list[str]:
    """Approved renderings that hold one of `found` and are not among them (`機械学習`)."""
    inner = ahocorasick.Automaton(ahocorasick.STORE_LENGTH)
    for rendering in found:
        inner.add_word(rendering)
    inner.make_automaton()
    return [k for k in set(keys) if k not in found and next(inner.iter(k), None) is not None]


def _approved_table(glossary: Glossary) -> tuple[list[str], list[int]]:
    """Every approved rendering (folded) and the index of its entry, from the glossary's
    compiled table, so that only the entries that matter are decoded (a team glossary may
    hold tens of thousands). Glossary has no public accessor for it yet."""
    table = glossary._tables.approved
    return table.keys, table.entries


def _entry(glossary: Glossary, i: int) -> Entry:
    return glossary._entry(i)  # private, like the table: see _approved_table


def _choice(entries: Iterable[Entry]) -> Entry | None:
    """The one translated entry a rendering stands for (a kept acronym whose gloss it is,
    `ICL` for `文脈内学習`, names the same concept)."""
    translated = [e for e in entries if e.kind is Kind.TRANSLATE]
    return translated[0] if len(translated) == 1 else None


def distinctive(rendering: str) -> bool:
    """Whether a rendering is evidence without a source: not a short kanji word such as
    `学習` or `調整`, which ordinary Japanese uses in senses of its own."""
    return len(rendering) >= 3 or not all("\u3400" <= c <= "\u9fff" for c in rendering)


def rendered(
    seg: Segment, ctx: Context, found: Renderings, terms: set[str] | None = None
) -> list[Rendered]:
    """Renderings in the segment's target (of entries whose folded term is in `terms`, if
    given) that are whole words and inside no longer approved rendering."""
    text = seg.text
    if found.auto is None:
        return []
    spans = [(end + 1 - found.lengths[i], end + 1, i) for end, i in found.auto.iter(text)]
    out = []
    for start, end, i in _leftmost_longest([s for s in spans if _bounded(text, s[0], s[1])]):
        entry = found.entries[i]
        if entry is not None and _wanted(entry, terms):
            shown = text[start:end]
            occ = Occurrence(seg, start, end, shown.translate(_LOOSE), shown)
            out.append(Rendered(entry, occ))
    return out


def _bounded(text: str, start: int, end: int) -> bool:
    """A whole word: no kanji glued to a kanji end (`学習率`, `注意点`) unless it is a common
    affix (`微調整済み`, `各層`), no katakana glued to a katakana end, no Latin to Latin.
    Cheaper than tokenizing, and stricter where Sudachi would split a compound."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return _apart(before, text[start], _PREFIXES) and _apart(text[end - 1], after, _SUFFIXES)


def _apart(left: str, right: str, affixes: str) -> bool:
    if not left or not right:
        return True
    a, b = _script(left), _script(right)
    return a != b or a == "h" or (a == "k" and (left in affixes or right in affixes))


def _script(c: str) -> str:
    if "\u3400" <= c <= "\u9fff" or c == "々":
        return "k"
    if "ァ" <= c <= "ヺ" or c == "ー":
        return "t"
    if "ぁ" <= c <= "ゖ":
        return "h"
    return "l" if c.isascii() and c.isalnum() else "o"


def _wanted(entry: Entry | None, terms: set[str] | None) -> bool:
    return entry is not None and (terms is None or fold(entry.term) in terms)


def _has_choices(entry: Entry) -> bool:
    if entry.kind is not Kind.TRANSLATE:
        return False
    return len({r.translate(_LOOSE) for r in entry.ja if is_japanese(r)}) > 1


def _leftmost_longest(spans: list[tuple[int, int, int]]) -> Iterator[tuple[int, int, int]]:
    spans.sort(key=lambda s: (s[0], -s[1]))
    reach = 0
    for span in spans:
        if span[0] >= reach:
            reach = span[1]
            yield span


def preferred_rendering(entry: Entry) -> str:
    """The entry's first Japanese rendering, loosely spelled (for tie-breaking)."""
    return next((r.translate(_LOOSE) for r in entry.ja if is_japanese(r)), "")
