"""Acronym and identifier rules: names in the source must reach the target verbatim."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from termqa.checks.base import Context, Rule
from termqa.glossary.index import TermMatch
from termqa.glossary.model import Entry, Kind
from termqa.model import Category, Hit, Segment, Severity
from termqa.text.tokens import (
    Run,
    core,
    digit_sequence,
    find_token,
    fold_width,
    is_clear_name,
    is_identifier,
    is_shouted_word,
    latin_runs,
    name_runs,
    plural_base,
    spells_no_word,
    split_slash,
)

_PARTICLES = re.compile(r"[\u3040-\u309f]+")
# Long vowels, middle dots, hyphens and spaces spell one katakana word several ways.
_LOOSE = str.maketrans("", "", "ー-－‐・･ 　")


@dataclass(frozen=True, slots=True)
class SourceId:
    """An identifier of the source: its form as written, its glossary entry, if any, and
    whether the source spells it out in parentheses after its expansion (`… model (VLM)`)."""

    form: str
    entry: Entry | None
    defined: bool = False


@dataclass(frozen=True, slots=True)
class Missing:
    """A source identifier the target lacks, with the target run that nearly spells it."""

    ident: SourceId
    near: Run | None
    canonical: str


def source_identifiers(seg: Segment, ctx: Context) -> list[SourceId]:
    """The identifiers of the segment's source, glossary keep terms first, without repeats."""
    return ctx.memo("acronyms.source", seg, _source_identifiers)


def target_runs(seg: Segment, ctx: Context) -> list[Run]:
    """The Latin runs of the segment's target (shared by the acronym and casing rules)."""
    return ctx.memo("acronyms.target_runs", seg, lambda s, _: latin_runs(s.text))


def _source_identifiers(seg: Segment, ctx: Context) -> list[SourceId]:
    text = fold_width(seg.source_text)
    runs = [core(p) for run in name_runs(text) for p in split_slash(run)]
    found: dict[str, SourceId] = {}
    spans: list[tuple[int, int]] = []
    for match in _keep_terms(text, runs, ctx):
        _add(
            found, SourceId(match.text, match.entry, _in_parentheses(text, match.start, match.end))
        )
        spans.append((match.start, match.end))
    for run in runs:
        if any(s <= run.start and run.end <= e for s, e in spans) or not is_identifier(run.folded):
            continue
        entry = _entry(run.folded, ctx)
        if entry is not None or not is_shouted_word(run.folded):
            defined = _in_parentheses(text, run.start, run.end)
            _add(found, SourceId(run.folded, entry, defined))
    return list(found.values())


def _add(found: dict[str, SourceId], ident: SourceId) -> None:
    known = found.get(ident.form)
    if known is None or (ident.defined and not known.defined):
        found[ident.form] = ident


def _in_parentheses(text: str, start: int, end: int) -> bool:
    """`(VLM)` or `(VLMs, …`: an abbreviation introduced beside its expansion."""
    i, j = start - 1, end
    while i >= 0 and text[i] == " ":
        i -= 1
    while j < len(text) and text[j] == " ":
        j += 1
    return i >= 0 and text[i] == "(" and j < len(text) and text[j] in "),;"


def _keep_terms(text: str, runs: list[Run], ctx: Context) -> Iterator[TermMatch]:
    """Do-not-translate glossary terms of the source, unless a longer identifier holds them
    (`Llama` in `Llama-3-8B`). In a lower-cased source only names no English word spells
    count: `lora`, `rlhf` or `gpt-4o` is a name, `math` or `drop` may be a word."""
    lowered = ctx.doc.source_lowercased
    for match in ctx.glossary.find_english(text, strict_case=not lowered):
        if match.entry.kind is not Kind.KEEP:
            continue
        term = match.entry.term
        if lowered and not (is_clear_name(term) or spells_no_word(term)):
            continue
        if not any(_holds(r, match) for r in runs):
            yield match


def _holds(run: Run, match: TermMatch) -> bool:
    longer = (
        run.start <= match.start and match.end <= run.end and run.end - run.start > len(match.text)
    )
    return longer and is_identifier(run.folded)


def _entry(form: str, ctx: Context) -> Entry | None:
    entry = ctx.glossary.lookup(form)
    base = plural_base(form)
    if entry is None and base is not None:
        entry = ctx.glossary.lookup(base)
    return entry


def _present(ident: SourceId, target: str, ctx: Context) -> bool:
    """The identifier (or its plural/singular, or any case of it) is in the target, or the
    glossary tells that the target rendered it acceptably (approved Japanese) or that the
    glossary rules will report it (a forbidden rendering)."""
    base = plural_base(ident.form)
    forms = [ident.form, ident.form + "s", *([base] if base else [])]
    if any(find_token(target, f, ignore_case=True) >= 0 for f in forms):
        return True  # a different case is a casing finding, not a missing name
    return any(_entry_present(e, ident, target, ctx) for e in _entries(ident, ctx))


def _entries(ident: SourceId, ctx: Context) -> list[Entry]:
    """The entries the form may stand for: `Transformers` is the library, or the plural of
    `Transformer`."""
    form = ident.form
    found = [ident.entry, ctx.glossary.lookup(form)]
    if form.endswith("s") and len(form) > 3:
        found.append(ctx.glossary.lookup(form[:-1]))
    return [e for i, e in enumerate(found) if e is not None and e not in found[:i]]


def _entry_present(entry: Entry, ident: SourceId, target: str, ctx: Context) -> bool:
    ignore_case = ctx.doc.source_lowercased
    if any(find_token(target, f, ignore_case=ignore_case) >= 0 for f in entry.english_forms):
        return True
    if any(f in target for f in entry.forbidden if f):
        return True  # the glossary rules report this rendering
    # An abbreviation the source defines beside its expansion must survive next to the
    # expansion's translation; one used alone may be rendered by the translation.
    return not ident.defined and any(_rendered(r, target) for r in entry.ja if r)


def _rendered(rendering: str, target: str) -> bool:
    """The rendering is in the target, or all its content words are, whatever particles
    join them (`人間のフィードバックを用いた強化学習` for `人間のフィードバックによる強化学習`)."""
    if rendering in target:
        return True
    loose_target = target.translate(_LOOSE)
    words = [w.translate(_LOOSE) for w in _PARTICLES.split(rendering)]
    words = [w for w in words if w]
    return bool(words) and all(w in loose_target for w in words)


def _near_miss(
    ident: SourceId, target_runs: list[Run], others: set[str], ctx: Context
) -> Run | None:
    """The target run that looks like a mangled spelling of the identifier, if one does."""
    form = ident.form.casefold()
    if len(form) <= 3:
        return None
    limit = 1 if len(form) <= 6 else 2
    best: tuple[int, Run] | None = None
    for run in target_runs:
        cand = run.folded.casefold()
        if cand == form or cand in others or digit_sequence(cand) != digit_sequence(form):
            continue
        known = ctx.glossary.lookup(run.folded)
        if known is not None and known != ident.entry:
            continue  # another known name: the target names something else
        dist = Levenshtein.distance(form, cand, score_cutoff=limit)
        if dist <= limit and (best is None or dist < best[0]):
            best = (dist, run)
    return best[1] if best else None


def _canonical(form: str, ctx: Context) -> str:
    """The form to suggest: the source's, unless the source is lower-cased; then the
    glossary's casing, else the target's majority spelling, else the source form."""
    if not ctx.doc.source_lowercased:
        return form
    glossary_form = ctx.glossary.canonical_case(form)
    if glossary_form is not None:
        return glossary_form
    spellings: Counter[str] = ctx.memo_doc("acronyms.spellings", _target_spellings)
    seen = [(n, s) for s, n in spellings.items() if s.casefold() == form.casefold()]
    return max(seen)[1] if seen else form


def _target_spellings(ctx: Context) -> Counter[str]:
    return Counter(
        p.folded for seg in ctx.doc.segments for r in latin_runs(seg.text) for p in split_slash(r)
    )


def _missing(seg: Segment, ctx: Context) -> list[Missing]:
    # A name kept inside inline code or a URL of the target is kept all the same: look for
    # it in the unmasked text. Near misses are only sought in the checked (masked) text.
    target = fold_width(seg.target.raw)
    idents = source_identifiers(seg, ctx)
    runs = [p for r in target_runs(seg, ctx) for p in split_slash(r)]
    known = set(runs)  # a set: a list lookup per run made long lines quadratic
    runs += [c for c in map(core, runs) if c not in known]
    others = {i.form.casefold() for i in idents}
    out = []
    for ident in idents:
        if not _present(ident, target, ctx):
            near = _near_miss(ident, runs, others, ctx)
            out.append(Missing(ident, near, _canonical(ident.form, ctx)))
    return out


def missing_identifier(seg: Segment, ctx: Context) -> Iterator[Hit]:
    """An acronym, model name or other identifier of the source is missing from the target.

    Why: names, acronyms and versioned identifiers are kept verbatim in Japanese ML text; one
    that vanishes usually means a dropped clause or a name translated away.

    Bad:
        source: We evaluate the VLM on three benchmarks.
        target: 3つのベンチマークで評価する。
    Good:
        source: We evaluate the VLM on three benchmarks.
        target: VLMを3つのベンチマークで評価する。
    """
    for miss in ctx.memo("acronyms.missing", seg, _missing):
        if miss.near is None:
            form = miss.ident.form
            yield Hit(0, 0, f"'{form}' in source is missing from target", source=form)


def mangled_identifier(seg: Segment, ctx: Context) -> Iterator[Hit]:
    """A source identifier appears in the target with a letter or hyphen changed.

    Why: a near miss such as 'Lama-3-8B' for 'Llama-3-8B' names nothing; readers cannot search
    for it and may take it for another model. Differing version digits are a different name,
    not a near miss.

    Bad:
        source: We fine-tune Llama-3-8B with LoRA.
        target: Lama-3-8BをLoRAでファインチューニングする。
    Good:
        source: We fine-tune Llama-3-8B with LoRA.
        target: Llama-3-8BをLoRAでファインチューニングする。
    """
    for miss in ctx.memo("acronyms.missing", seg, _missing):
        if miss.near is not None:
            near, canonical = miss.near, miss.canonical
            yield Hit(
                near.start,
                near.end,
                f"'{near.text}' is a mangled form of '{miss.ident.form}' in source",
                source=miss.ident.form,
                suggestion=canonical,
                fix=canonical,
            )


RULES = (
    Rule(
        "AC01",
        "missing-identifier",
        Category.ACRONYM,
        Severity.MAJOR,
        check=missing_identifier,
        needs_source=True,
    ),
    Rule(
        "AC02",
        "mangled-identifier",
        Category.ACRONYM,
        Severity.MAJOR,
        check=mangled_identifier,
        needs_source=True,
    ),
)
