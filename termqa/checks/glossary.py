"""Glossary rules: do-not-translate terms, forbidden renderings, unapproved renderings."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz

from termqa.checks.base import Context, Rule
from termqa.glossary.fold import fold, is_japanese
from termqa.glossary.index import TermMatch
from termqa.glossary.model import Entry, Kind
from termqa.model import Category, Hit, Segment, SegmentKind, Severity

# Marks that spell one word several ways (long vowels, middle dots, hyphens, spaces) and
# particles that join the parts of a compound (の, な): ignored when looking for an approved
# rendering.
_LOOSE = str.maketrans("", "", "ー-－‐・･ 　のな")
# A definite determiner right before a term: a mention of something already introduced.
_DEFINITE = re.compile(r"\b(?:the|this|that|these|those|such)\s+(?:\w+\s+)?$", re.IGNORECASE)


def _strict(ctx: Context) -> bool:
    """Whether the English source's case can be trusted (it is not a lower-cased copy)."""
    return not ctx.doc.source_lowercased


@dataclass(frozen=True, slots=True)
class _Forbidden:
    """A forbidden rendering in the target and the entries it is forbidden for."""

    start: int
    end: int
    text: str
    entries: tuple[Entry, ...]
    source: str  # how the first entry's term appears in the source, or ''

    def of_kind(self, kind: Kind) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.kind is kind)


def _forbidden(seg: Segment, ctx: Context) -> list[_Forbidden]:
    """Forbidden renderings, one per span. When several entries forbid the same text
    (`バート` for BERT and BART), those whose term is in the source are preferred."""
    text = seg.text
    found = ctx.glossary.find_forbidden(
        text, ctx.ja.tokens(text), _scope_text(seg, ctx), strict_case=_strict(ctx)
    )
    if not found:
        return []
    in_source = {m.entry.term: m.text for m in source_terms(seg, ctx)}
    spans: dict[tuple[int, int], list[Entry]] = {}
    for match in found:
        if not _approved_elsewhere(match, seg, in_source, ctx):
            spans.setdefault((match.start, match.end), []).append(match.entry)
    out = []
    for (start, end), entries in spans.items():
        present = [e for e in entries if e.term in in_source] or entries
        source = in_source.get(present[0].term, "")
        out.append(_Forbidden(start, end, text[start:end], tuple(present), source))
    return out


def _scope_text(seg: Segment, ctx: Context) -> str:
    """What decides `forbidden_scope: source`: the English source, or, in a post with no
    source at all, the post itself (`ラグ` is RAG in a post that writes RAG elsewhere, and may
    be plain "lag" in one that never does)."""
    if ctx.doc.bilingual:
        return seg.source_text
    return ctx.memo_doc("glossary.post_terms", _post_terms)


def _post_terms(ctx: Context) -> str:
    """The glossary terms a post writes in Latin script, as an English 'source' to match."""
    terms = {m.text for s in ctx.doc.segments for m in ctx.glossary.find_in_target(s.text)}
    return " . ".join(sorted(terms))


def _approved_elsewhere(
    match: TermMatch, seg: Segment, in_source: dict[str, str], ctx: Context
) -> bool:
    """The text is an approved rendering of another entry that may be what is meant: without
    a source it might be, with one it is when that entry's term is in it."""
    others = [e for e in ctx.glossary.approves(match.text) if e is not match.entry]
    if not others:
        return False
    return not seg.source_text.strip() or any(e.term in in_source for e in others)


def source_terms(seg: Segment, ctx: Context) -> list[TermMatch]:
    """Glossary terms in the source, leftmost-longest (`prompt tuning`, not `prompt`); memoized
    per segment and shared with the consistency rules."""
    return ctx.memo(
        "glossary.source",
        seg,
        lambda s, c: c.glossary.find_english(s.source_text, strict_case=_strict(c)),
    )


def _terms(entries: tuple[Entry, ...]) -> str:
    return " or ".join(f"'{e.term}'" for e in entries)


def translated_keep_term(seg: Segment, ctx: Context) -> Iterator[Hit]:
    """A do-not-translate term is rendered in katakana or kanji instead of kept verbatim.

    Why: names, acronyms and products stay in Latin script in the house style; a
    transliteration such as `グーグル` or a common word spelled by the acronym hides the name.

    Bad:
        source: The search engine was built by Google.
        target: その検索エンジンはグーグルが開発しました。
    Good:
        source: The search engine was built by Google.
        target: その検索エンジンはGoogleが開発しました。
    """
    for found in ctx.memo("glossary.forbidden", seg, _forbidden):
        entries = found.of_kind(Kind.KEEP)
        if entries:
            term = entries[0].term
            yield Hit(
                found.start,
                found.end,
                f"'{found.text}' renders do-not-translate term {_terms(entries)}",
                source=found.source,
                suggestion=term,
                fix=term if len(entries) == 1 else None,
            )


def forbidden_rendering(seg: Segment, ctx: Context) -> Iterator[Hit]:
    """A term is rendered with a translation the glossary forbids.

    Why: the everyday sense of an ML term (`ablation` as `切除`, `weights` as `重さ`) misleads
    readers; the glossary lists the renderings that are wrong in ML text.

    Bad:
        source: We run an ablation on the learning rate.
        target: 学習率について切除実験を行います。
    Good:
        source: We run an ablation on the learning rate.
        target: 学習率についてアブレーション実験を行います。
    """
    for found in ctx.memo("glossary.forbidden", seg, _forbidden):
        entries = found.of_kind(Kind.TRANSLATE)
        if entries:
            preferred = entries[0].ja[0] if entries[0].ja else None
            literal = fold(found.text) in {fold(f) for f in entries[0].forbidden}
            yield Hit(
                found.start,
                found.end,
                f"'{found.text}' is a forbidden rendering of {_terms(entries)}",
                source=found.source,
                suggestion=preferred,
                fix=preferred if literal and len(entries) == 1 else None,
            )


def unapproved_rendering(seg: Segment, ctx: Context) -> Iterator[Hit]:
    """A glossary term in the source is rendered with none of its approved translations.

    Why: the glossary fixes how each ML term is translated so that a post, and every post,
    reads consistently; a free rendering of a listed term is likely a mistranslation.

    Bad:
        source: We run an ablation on the learning rate.
        target: 学習率について除去実験を行います。
    Good:
        source: We run an ablation on the learning rate.
        target: 学習率についてアブレーション実験を行います。
    """
    text = seg.text
    # Titles are adapted rather than translated term by term; a missing term there is style.
    if seg.kind is SegmentKind.HEADING or not is_japanese(text):
        return
    wanted: dict[str, tuple[Entry, str, int]] = {}
    for match in source_terms(seg, ctx):
        if match.entry.kind is Kind.TRANSLATE and match.entry.ja:
            wanted.setdefault(match.entry.term, (match.entry, match.text, match.start))
    if not wanted:
        return
    done, expansions = _accounted_for(seg, ctx)
    loose = _loose(text)
    anchor = len(text) - len(text.lstrip())
    for term, (entry, surface, start) in wanted.items():
        key = fold(term)
        if key in done or any(key in x for x in expansions) or _rendered(entry, loose):
            continue
        if _left_implicit(seg, ctx, entry, start):
            continue
        yield Hit(
            anchor,
            anchor,
            f"'{surface}' in source has no approved rendering in target",
            source=surface,
            suggestion=entry.ja[0],
        )


def _left_implicit(seg: Segment, ctx: Context, entry: Entry, start: int) -> bool:
    """Whether a definite mention (`the agent`, `this model`) of a term the previous segment
    already renders is left implicit: Japanese drops a subject the reader has just been given
    (zero anaphora), so that is no missing rendering."""
    before = seg.source_text[max(0, start - 8) : start]
    if not _DEFINITE.search(before) or seg.index == 0:
        return False
    previous = ctx.doc.segments[seg.index - 1]
    return previous.section == seg.section and _rendered(entry, _loose(previous.text))


def _accounted_for(seg: Segment, ctx: Context) -> tuple[set[str], list[str]]:
    """Folded terms the target already answers for, and folded expansions of the acronyms it
    keeps: a term reported as forbidden (GL02), a term kept in English (in code too), and any
    term inside a kept acronym's expansion (`language model` when `LLM` stands for `large
    language models`)."""
    forbidden = ctx.memo("glossary.forbidden", seg, _forbidden)
    done = {fold(e.term) for found in forbidden for e in found.entries}
    expansions = []
    for match in ctx.glossary.find_in_target(seg.target.raw, strict_case=False):
        done.add(fold(match.entry.term))
        if match.entry.expansion:
            expansions.append(fold(match.entry.expansion))
    return done | {_singular(t) for t in done}, expansions


def _singular(term: str) -> str:
    return term[:-1] if term.endswith("s") and not term.endswith("ss") else term


def _loose(text: str) -> str:
    """Folded text without the marks and particles that vary between equivalent renderings
    (long vowels, middle dots, hyphens, spaces, の and な: `大規模な言語モデル`)."""
    return fold(text).translate(_LOOSE)


def _rendered(entry: Entry, loose_target: str) -> bool:
    """An approved rendering, or a close variant of one of four or more characters
    (`ジェイルブレイキング` for `ジェイルブレイク`), occurs in the target."""
    for rendering in entry.ja:
        wanted = _loose(rendering)
        if not wanted:
            continue
        if wanted in loose_target:
            return True
        if len(wanted) >= 4 and fuzz.partial_ratio(wanted, loose_target, score_cutoff=70):
            return True
    return False


RULES = (
    Rule(
        "GL01",
        "translated-keep-term",
        Category.TERMINOLOGY,
        Severity.MAJOR,
        check=translated_keep_term,
    ),
    Rule(
        "GL02",
        "forbidden-rendering",
        Category.TERMINOLOGY,
        Severity.MAJOR,
        check=forbidden_rendering,
    ),
    Rule(
        "GL03",
        "unapproved-rendering",
        Category.TERMINOLOGY,
        Severity.MINOR,
        check=unapproved_rendering,
        needs_source=True,
    ),
)
