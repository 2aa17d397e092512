"""Consistency rules: one word or one term written several ways in one post.

CN01 reports orthographic variants of one word, in any layout (spellings the glossary forbids
are left to the glossary rules). CN02 and CN03 report one glossary term rendered by several
of its approved renderings: CN02 in posts without an English source, counting the renderings
that are evidence by themselves (not short kanji words such as `学習`, which have senses of
their own); CN03 in bilingual posts, counting a rendering only in segments whose source has
the term, as often as the source has it. A post is one or the other, so the two never report
the same rendering; renderings that differ only in spelling are CN01's. One term may render
different senses in different papers of a digest, so where no section mixes renderings only
a clear minority is reported.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import partial

from termqa.checks.base import Context, Rule
from termqa.checks.consistency_okurigana import candidates, kanji_words
from termqa.checks.consistency_okurigana import compatible as okurigana_compatible
from termqa.checks.consistency_report import (
    Form,
    Occurrence,
    counted,
    forms_of,
    preferred,
    report,
)
from termqa.checks.consistency_terms import (
    Rendered,
    preferred_rendering,
    rendered,
    source_renderings,
    target_renderings,
)
from termqa.checks.consistency_variants import compatible as katakana_compatible
from termqa.checks.consistency_variants import compound_parts, katakana_runs
from termqa.checks.glossary import source_terms
from termqa.glossary.fold import fold
from termqa.glossary.model import Entry
from termqa.model import Category, Document, Hit, Segment, Severity

_Describe = Callable[[Entry, Form, Form], str]


def orthographic_variant(doc: Document, ctx: Context) -> Iterator[tuple[Segment, Hit]]:
    """One word is spelled two ways in one post.

    Why: `ユーザ` next to `ユーザー`, or `行なう` next to `行う`, reads as careless and makes
    a post harder to search; a post should settle on one spelling (the glossary's, if it
    approves exactly one).

    Bad:
        target: ユーザーは設定を保存できます。ユーザが変更した値はユーザーごとに保持されます。
    Good:
        target: ユーザーは設定を保存できます。ユーザーが変更した値はユーザーごとに保持されます。
    """
    hits: list[tuple[Segment, Hit]] = []
    for key, occs in _variant_groups(doc, ctx):
        forms = forms_of(occs)
        best, why = preferred(forms, approved=lambda s: bool(ctx.glossary.approves(s)))
        kept = [f for f in forms if f is best or _variant(key, best, f, ctx)]
        if len(kept) > 1:
            hits.extend(report(doc, kept, best, why, _one_word))
    yield from _outermost(hits)


def _variant_groups(doc: Document, ctx: Context) -> Iterator[tuple[str, list[Occurrence]]]:
    """Occurrences grouped by what makes them one word, for groups of several spellings."""
    groups: dict[str, list[Occurrence]] = {}
    for seg in doc.segments:
        for key, occ in ctx.memo("consistency.katakana", seg, katakana_runs):
            groups.setdefault(key, []).append(occ)
    for key, occ in list(compound_parts(groups, ctx.ja.splits_at)):
        groups[key].append(occ)
    segs, live = candidates(doc, ctx)
    for key, occ in kanji_words(segs, live, ctx) if live else ():
        groups.setdefault(key, []).append(occ)
    for key, occs in groups.items():
        if any(o.form != occs[0].form for o in occs):
            yield key, occs


def _variant(key: str, best: Form, form: Form, ctx: Context) -> bool:
    """A spelling to report: one word with `best`, and not a rendering the glossary forbids
    (the glossary rules report those)."""
    if key.startswith("k:"):
        if not katakana_compatible(key, best.shown, form.shown, ctx):
            return False
    elif not okurigana_compatible(best.shown, form.shown):
        return False
    occ = form.places[0]
    text = occ.shown
    found = ctx.glossary.find_forbidden(text, ctx.ja.tokens(text), occ.seg.source_text)
    return not any(m.start == 0 and m.end == len(text) for m in found)


def _outermost(hits: list[tuple[Segment, Hit]]) -> Iterator[tuple[Segment, Hit]]:
    """Hits not inside another hit (a word inside a compound already reported as a whole)."""
    spans = {(seg.index, hit.start, hit.end) for seg, hit in hits}
    for seg, hit in hits:
        if not any(
            i == seg.index and s <= hit.start and hit.end <= e and (s, e) != (hit.start, hit.end)
            for i, s, e in spans
        ):
            yield seg, hit


def _one_word(form: Form, best: Form) -> str:
    return f"{counted(form)} and {counted(best)} are one word spelled two ways"


def inconsistent_rendering(doc: Document, ctx: Context) -> Iterator[tuple[Segment, Hit]]:
    """One glossary term is rendered two ways in a post without a source.

    Why: the glossary allows several renderings of some terms (`fine-tuning`:
    `ファインチューニング`, `微調整`), but one post should use one of them, or readers take
    them for two concepts.

    Bad:
        target: モデルをファインチューニングしました。微調整には1時間かかります。
    Good:
        target: モデルをファインチューニングしました。ファインチューニングは1時間です。
    """
    if doc.bilingual:
        return
    found = (r for seg in doc.segments for r in ctx.memo("consistency.target", seg, _in_target))
    yield from _renderings(doc, found, _both_render)


def _both_render(entry: Entry, form: Form, best: Form) -> str:
    return f"{counted(form)} and {counted(best)} both render '{entry.term}'"


def inconsistent_source_rendering(doc: Document, ctx: Context) -> Iterator[tuple[Segment, Hit]]:
    """One English term of the source is translated two ways across a bilingual post.

    Why: where the source says the same thing, the translation should too; a term rendered
    `ファインチューニング` in one sentence and `微調整` in the next reads as two concepts.

    Bad:
        source: Fine-tuning is stable, and fine-tuning is also cheap.
        target: ファインチューニングは安定しており、微調整は安価でもあります。
    Good:
        source: Fine-tuning is stable, and fine-tuning is also cheap.
        target: ファインチューニングは安定しており、ファインチューニングは安価でもあります。
    """
    if not doc.bilingual:
        return
    yield from _renderings(doc, _sourced(doc, ctx), _source_renders)


def _in_target(seg: Segment, ctx: Context) -> list[Rendered]:
    return rendered(seg, ctx, target_renderings(ctx))


def _sourced(doc: Document, ctx: Context) -> Iterator[Rendered]:
    """Renderings of terms that the segment's source holds, where the target renders a term
    no more often than the source has it (else some of them translate other words)."""
    found = source_renderings(ctx)
    for seg in doc.segments:
        items = rendered(seg, ctx, found) if seg.source_text.strip() else []
        if not items:
            continue
        in_source = Counter(fold(m.entry.term) for m in source_terms(seg, ctx))
        in_target = Counter(fold(r.entry.term) for r in items)
        yield from (r for r in items if 0 < in_target[t := fold(r.entry.term)] <= in_source[t])


def _source_renders(entry: Entry, form: Form, best: Form) -> str:
    return f"source term '{entry.term}' is rendered {counted(form)} and {counted(best)}"


def _renderings(
    doc: Document, found: Iterable[Rendered], describe: _Describe
) -> Iterator[tuple[Segment, Hit]]:
    """Renderings grouped by entry. Where no section (paper) mixes two renderings, each may
    render its own sense of the term (a bias term `バイアス` in one paper, a statistical bias
    `偏り` in another): only renderings in a clear minority (half the preferred one's count
    or less) are reported then."""
    groups: dict[str, tuple[Entry, list[Occurrence]]] = {}
    for item in found:
        groups.setdefault(fold(item.entry.term), (item.entry, []))[1].append(item.occurrence)
    for entry, group in groups.values():
        forms = forms_of(group)
        if len(forms) < 2:
            continue
        best, why = preferred(forms, listed_first=preferred_rendering(entry))
        if not _mixed_in_a_section(forms):
            forms = [f for f in forms if f is best or 2 * f.count <= best.count]
        if len(forms) > 1:
            yield from report(doc, forms, best, why, partial(describe, entry))


def _mixed_in_a_section(forms: list[Form]) -> bool:
    seen: dict[int, str] = {}
    for form in forms:
        for occ in form.places:
            if seen.setdefault(occ.seg.section, form.form) != form.form:
                return True
    return False


RULES = (
    Rule(
        "CN01",
        "orthographic-variant",
        Category.CONSISTENCY,
        Severity.MINOR,
        check_document=orthographic_variant,
    ),
    Rule(
        "CN02",
        "inconsistent-rendering",
        Category.CONSISTENCY,
        Severity.MINOR,
        check_document=inconsistent_rendering,
    ),
    Rule(
        "CN03",
        "inconsistent-source-rendering",
        Category.CONSISTENCY,
        Severity.MINOR,
        check_document=inconsistent_source_rendering,
    ),
)
