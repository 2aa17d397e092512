"""Casing rules: names spelled with the wrong capitals, against the glossary, the source and
the rest of the post."""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from termqa.checks.acronyms import source_identifiers, target_runs
from termqa.checks.base import Context, Rule
from termqa.model import Category, Document, Hit, Segment, SegmentKind, Severity
from termqa.text.tokens import (
    Run,
    core,
    find_token,
    fold_width,
    hyphen_parts,
    in_latin_phrase,
    is_clear_name,
    is_common_word,
    split_slash,
)

# Marks of a path, file or module name in a lower-case run.
_PATH = re.compile(r"[/_]|\.[a-z]")


@dataclass(frozen=True, slots=True)
class _Candidate:
    run: Run
    part: bool  # a hyphen part of a compound (`Deepseek` in `Deepseek-V3`)


def _segment_candidates(seg: Segment, ctx: Context) -> list[_Candidate]:
    return [cand for run in target_runs(seg, ctx) for cand in _candidates(run)]


def _candidates(run: Run) -> list[_Candidate]:
    """The run, then its prefixes, core and parts: `Deepseek-V3-Base`, then `Deepseek-V3`,
    `Deepseek`, then `V3` and `Base`.

    A lower-case path, file or module name (`a/b`, `x_y`, `nn.functional`) is only taken
    whole, and so is an English compound (`Zero-shot`: words only, one in lower case)."""
    whole = [_Candidate(run, part=False)]
    folded = run.folded
    if ("-" not in folded and "/" not in folded) or (folded.islower() and _PATH.search(folded)):
        return whole
    out: list[_Candidate] = []
    for piece in split_slash(run):
        out.append(_Candidate(piece, part=False))
        parts = hyphen_parts(piece)
        words = [p.folded for p in parts if p.folded.isalpha()]
        if len(words) == len(parts) and any(map(str.islower, words)):
            continue
        out.extend(
            _Candidate(_span(piece, parts[0], last), part=last is parts[0])
            for last in parts[-2::-1]
        )
        inner = core(piece)
        if inner != piece:
            out.append(_Candidate(inner, part=False))
        out.extend(_Candidate(p, part=True) for p in parts[1:])  # parts[0] is a prefix
    return whole + [c for c in out if c.run != run]


def _span(run: Run, first: Run, last: Run) -> Run:
    """The part of `run` from `first` to `last` (two of its parts)."""
    lo, hi = first.start - run.start, last.end - run.start
    return Run(first.start, last.end, run.text[lo:hi], run.folded[lo:hi])


def _weak(token: str, canonical: str) -> bool:
    """Only the first letter differs in kind: `python`/`Python`, `Pandas`/`pandas`."""
    return token[1:] == canonical[1:] and token[:1].casefold() == canonical[:1].casefold()


def _source_form(token: str, sources: list[str]) -> str | None:
    same = [s for s in sources if s.casefold() == token.casefold()]
    return None if not same or token in same else same[0]


def _expected(token: str, sources: list[str], ctx: Context) -> str | None:
    """The canonical spelling when `token` differs from it only in case, else None.

    The glossary wins; among its accepted forms, the one the source uses is preferred."""
    entry = ctx.glossary.lookup(token)
    if entry is not None and token in entry.english_forms:
        return None
    glossary_form = ctx.glossary.canonical_case(token)
    if glossary_form is None:
        return _source_form(token, sources)
    for form in sources:
        known = ctx.glossary.lookup(form)
        if form.casefold() == token.casefold() and known and form in known.english_forms:
            return None if form == token else form
    return None if glossary_form == token else glossary_form


def _excused(cand: _Candidate, canonical: str, seg: Segment, text: str) -> bool:
    """Word-like casings that English, compound names or the source itself account for."""
    run = cand.run
    if cand.part and canonical.isupper() and run.folded.istitle():
        return True  # `Flan` in `Flan-PaLM`: a compound may title-case an acronym (FLAN)
    if in_latin_phrase(text, run) and (not is_clear_name(canonical) or is_common_word(run.folded)):
        return True  # `Python`, `Math`, `bloom`, `Hmm` inside an English sentence or title
    return _weak(run.folded, canonical) and find_token(fold_width(seg.source_text), run.folded) >= 0


def wrong_case_hits(seg: Segment, ctx: Context) -> list[Hit]:
    """CS01's findings for one segment (shared with CS02, which must not repeat them)."""
    text = fold_width(seg.text)
    sources = []
    if seg.source_text and not ctx.doc.source_lowercased:
        sources = [i.form for i in source_identifiers(seg, ctx)]
    hits: list[Hit] = []
    taken: list[tuple[int, int]] = []
    for cand in ctx.memo("casing.candidates", seg, _segment_candidates):
        token = cand.run
        if _overlaps(taken, token.start, token.end):
            continue
        expected = _expected(token.folded, sources, ctx)
        if expected is None and ctx.glossary.lookup(token.folded) is not None:
            insort(taken, (token.start, token.end))  # a known name: its parts are its own
        if expected is None or _excused(cand, expected, seg, text):
            continue
        insort(taken, (token.start, token.end))
        message = f"'{token.text}' should be cased '{expected}'"
        hits.append(Hit(token.start, token.end, message, "", expected, expected))
    return hits


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps a span of `taken`: sorted spans that never overlap each
    other, so the last one starting before `end` decides (a scan made long lines quadratic)."""
    before = bisect_left(taken, (end,))
    return before > 0 and taken[before - 1][1] > start


def wrong_case(seg: Segment, ctx: Context) -> Iterator[Hit]:
    """A name is spelled with other capitals than the glossary or the source gives it.

    Why: product, model and library names have one spelling ('PyTorch', 'LoRA', 'GPT-4o');
    'Pytorch' or 'lora' looks careless and defeats search.

    Bad:
        target: Pytorchで学習し、Deepseek-V3と比較した。
    Good:
        target: PyTorchで学習し、DeepSeek-V3と比較した。
    """
    yield from ctx.memo("casing.wrong", seg, wrong_case_hits)


@dataclass(frozen=True, slots=True)
class _Use:
    seg: Segment
    run: Run
    heading: bool


def _identifier_like(token: str) -> bool:
    """A capital after the first letter of some hyphen part: `GPT`, `DeepSeek`, `8B`."""
    return any(any(c.isupper() for c in part[1:]) for part in token.split("-"))


def _counted(token: str, text: str, run: Run) -> bool:
    """Whether a use takes part in the vote: in an English phrase or title, only spellings
    that English capitalization cannot explain (`GPT`, `DeepSeek`) do."""
    if token[0].isdigit() or not any(c.isalpha() for c in token):
        return False  # quantities (`7B`/`7b`) are the number rules' business
    return _identifier_like(token) or not in_latin_phrase(text, run)


def _uses(doc: Document, ctx: Context) -> dict[str, list[_Use]]:
    groups: dict[str, list[_Use]] = {}
    for seg in doc.segments:
        heading = seg.kind is SegmentKind.HEADING
        text = fold_width(seg.text)
        for cand in ctx.memo("casing.candidates", seg, _segment_candidates):
            token = cand.run
            if _counted(token.folded, text, token):
                groups.setdefault(token.folded.casefold(), []).append(_Use(seg, token, heading))
    return groups


def _majority(uses: list[_Use]) -> str:
    counts = Counter(u.run.folded for u in uses)
    top = max(counts.values())
    tied = [u for u in uses if counts[u.run.folded] == top]
    first_heading = next((u for u in tied if u.heading), tied[0])
    return first_heading.run.folded


def _shouting(spellings: set[str]) -> bool:
    """`INTRODUCTION` beside `Introduction`: emphasis or a heading style, not a name."""
    word = next(iter(spellings))
    forms = {word.upper(), word.capitalize(), word.lower()}
    return len(word) >= 5 and word.isalpha() and spellings <= forms


def inconsistent_case(doc: Document, ctx: Context) -> Iterator[tuple[Segment, Hit]]:
    """One name is spelled with different capitals in one post, and the glossary is silent.

    Why: 'OpenVLA' in one paragraph and 'Openvla' in the next tells the reader one of them is
    wrong; the majority spelling is taken as the post's own.

    Bad:
        target: OpenVLAを評価した。OpenVLAは強い。一方でOpenvlaは遅い。
    Good:
        target: OpenVLAを評価した。OpenVLAは強い。一方でOpenVLAも速い。
    """
    reported: dict[int, list[tuple[int, int]]] = {}
    for use, majority, count in sorted(_minorities(doc, ctx), key=_position):
        spans = reported.setdefault(use.seg.index, [])
        if any(s < use.run.end and use.run.start < e for s, e in spans):
            continue  # `Deepseek` inside an already reported `Deepseek-V3`
        spans.append((use.run.start, use.run.end))
        message = f"'{use.run.text}' is cased differently from '{majority}' ({count} uses)"
        yield use.seg, Hit(use.run.start, use.run.end, message, "", majority, majority)


def _position(item: tuple[_Use, str, int]) -> tuple[int, int, int]:
    use = item[0]
    return (use.seg.index, use.run.start, use.run.start - use.run.end)


def _minorities(doc: Document, ctx: Context) -> Iterator[tuple[_Use, str, int]]:
    """Each use of a minority spelling, with the majority spelling and its count."""
    for uses in _uses(doc, ctx).values():
        spellings = {u.run.folded for u in uses}
        if len(spellings) < 2 or not any(_identifier_like(s) for s in spellings):
            continue
        if _shouting(spellings) or any(_known(s, ctx) for s in spellings):
            continue
        majority = _majority(uses)
        count = sum(u.run.folded == majority for u in uses)
        for use in uses:
            if use.run.folded != majority and not _flagged(use, ctx):
                yield use, majority, count


def _known(token: str, ctx: Context) -> bool:
    """The glossary knows this name (CS01 judges its casing then)."""
    return ctx.glossary.lookup(token) is not None or ctx.glossary.canonical_case(token) is not None


def _flagged(use: _Use, ctx: Context) -> bool:
    hits = ctx.memo("casing.wrong", use.seg, wrong_case_hits)
    return any(h.start < use.run.end and use.run.start < h.end for h in hits)


RULES = (
    Rule("CS01", "wrong-case", Category.CASING, Severity.MINOR, check=wrong_case),
    Rule(
        "CS02",
        "inconsistent-case",
        Category.CASING,
        Severity.MINOR,
        check_document=inconsistent_case,
    ),
)
