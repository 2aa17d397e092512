"""`termqa translate` end to end: split, protect, translate (cached, batched), assemble,
write atomically, then check the result against its source with every rule.

Nothing is written unless every unit was translated: a failed request leaves no output file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from termqa.api import Checker
from termqa.checks.acronyms import source_identifiers
from termqa.checks.base import Context
from termqa.document import parse_text
from termqa.glossary.model import Kind
from termqa.model import Document, Segment, SegmentKind, Span
from termqa.report.model import Report
from termqa.translate.batch import batches
from termqa.translate.cache import Cache, cache_key
from termqa.translate.markdown import Line, Unit, split_markdown
from termqa.translate.protect import protect, unprotect

LAYOUTS = ("separate", "interleaved")


class Translator(Protocol):
    def translate(self, texts: Sequence[str]) -> list[str]: ...


@dataclass(frozen=True, slots=True)
class Job:
    source_path: str
    output_path: str
    layout: str = "separate"
    cache_fields: tuple[tuple[str, str | None], ...] = ()


def protected_texts(units: Sequence[Unit], checker: Checker) -> list[str]:
    """The XML of each unit, with keep terms and source identifiers wrapped."""
    segments = tuple(
        Segment(i, SegmentKind.PARAGRAPH, Span(u.plain, u.plain, 0), Span(u.plain, u.plain, 0))
        for i, u in enumerate(units)
    )
    doc = Document(path="<translate>", text="", layout="separate", segments=segments)
    ctx = Context(doc=doc, glossary=checker.glossary, config=checker.config, ja=checker.ja)
    return [protect(u, _keep_spans(seg, ctx)) for u, seg in zip(units, segments, strict=True)]


def _keep_spans(seg: Segment, ctx: Context) -> list[tuple[int, int]]:
    text = seg.source_text
    spans = [(m.start, m.end) for m in ctx.glossary.find_english(text) if m.entry.kind is Kind.KEEP]
    for ident in source_identifiers(seg, ctx):
        pattern = rf"(?<![A-Za-z0-9]){re.escape(ident.form)}(?![A-Za-z0-9])"
        spans.extend(m.span() for m in re.finditer(pattern, text))
    return spans


def translate_texts(
    texts: Sequence[str], translator: Translator, cache: Cache, fields: dict[str, str | None]
) -> list[str]:
    """Translations of `texts`: cached ones from the cache, the rest from DeepL in batches;
    the cache is updated only after every batch succeeded."""
    keys = [cache_key(t, fields) for t in texts]
    done: dict[str, str] = {}
    for key in keys:
        hit = cache.get(key)
        if hit is not None:
            done[key] = hit
    todo = list(dict.fromkeys(i for i, k in enumerate(keys) if k not in done))
    pending = {keys[i]: texts[i] for i in todo}
    order = list(pending)
    fresh: dict[str, str] = {}
    for group in batches([pending[k] for k in order]):
        answers = translator.translate([pending[order[i]] for i in group])
        fresh.update(zip((order[i] for i in group), answers, strict=True))
    cache.put(fresh)
    done.update(fresh)
    return [done[k] for k in keys]


def assemble(lines: Sequence[Line], translated: dict[int, str], layout: str) -> str:
    """The output text; `translated` maps `id()` of each translated unit to its text."""

    def text_of(unit: Unit) -> str:
        return translated.get(id(unit), unit.raw)

    out: list[str] = []
    for line in lines:
        japanese = line.render(text_of)
        if layout != "interleaved" or not line.units or line.table:
            out.append(japanese)
        elif line.heading:
            english = " ".join(u.raw for u in line.units)
            out.append(f"{japanese} / {english}")
        else:
            out += [japanese, " ".join(u.raw for u in line.units)]
    return "\n".join(out)


def translate_file(
    job: Job, source_text: str, translator: Translator, cache: Cache, checker: Checker
) -> str:
    """The translated document's text (nothing written)."""
    lines = split_markdown(source_text)
    units = [u for line in lines for u in line.units]
    xml = protected_texts(units, checker)
    answers = translate_texts(xml, translator, cache, dict(job.cache_fields))
    translated = {id(u): unprotect(a, u) for u, a in zip(units, answers, strict=True)}
    return assemble(lines, translated, job.layout)


def check_output(job: Job, text: str, source_text: str, checker: Checker) -> Report:
    """The translation checked against its source with every rule the config selects."""
    if job.layout == "interleaved":
        doc = parse_text(text, path=job.output_path, layout="interleaved")
    else:
        doc = parse_text(
            text,
            path=job.output_path,
            layout="separate",
            source_text=source_text,
            source_path=job.source_path,
        )
    return Report(files=(checker.check_document(doc),))
