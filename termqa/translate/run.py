"""`termqa translate` end to end: split, protect, translate (cached, batched), assemble,
write atomically, then check the result against its source with every rule.

Nothing is written unless every unit was translated: a failed request leaves no output file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
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
from termqa.translate.markdown import Block, BlockKind, Unit, split_markdown
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
    # Case-sensitive keep terms only in their case: the verb `drops` is not the benchmark DROP.
    found = ctx.glossary.find_english(text, strict_case=True)
    spans = [(m.start, m.end) for m in found if m.entry.kind is Kind.KEEP]
    for ident in source_identifiers(seg, ctx):
        pattern = rf"(?<![A-Za-z0-9]){re.escape(ident.form)}(?![A-Za-z0-9])"
        spans.extend(m.span() for m in re.finditer(pattern, text))
    return spans


def translate_texts(
    texts: Sequence[str], translator: Translator, cache: Cache, fields: dict[str, str | None]
) -> list[str]:
    """Translations of `texts`: cached ones from the cache, the rest from DeepL in batches.
    Each batch is cached as soon as it is answered: a later batch failing loses nothing paid
    for, and the cache never holds anything but DeepL's answer to the text of its key."""
    keys = [cache_key(t, fields) for t in texts]
    done: dict[str, str] = {}
    for key in keys:
        hit = cache.get(key)
        if hit is not None:
            done[key] = hit
    pending = {k: t for k, t in zip(keys, texts, strict=True) if k not in done}
    order = list(pending)
    for group in batches([pending[k] for k in order]):
        answers = translator.translate([pending[order[i]] for i in group])
        fresh = dict(zip((order[i] for i in group), answers, strict=True))
        cache.put(fresh)
        done.update(fresh)
    return [done[k] for k in keys]


def assemble(blocks: Sequence[Block], translated: dict[int, str], layout: str) -> str:
    """The output text; `translated` maps `id()` of each translated unit to its text.

    Interleaved: a heading becomes `日本語 / English`; a paragraph its Japanese line, then its
    English lines as they were; a table the Japanese table, a blank line, then the English
    table with the same rows (the interleaved reader pairs them row by row). What came back
    unchanged (a `URL: …` line, a table of names and numbers) is written once.
    """

    def text_of(unit: Unit) -> str:
        return translated.get(id(unit), unit.raw)

    if layout != "interleaved":
        return "\n".join(block.render(text_of) for block in blocks)
    out: list[str] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.kind is BlockKind.ROW:
            table = _table_at(blocks, i)
            out += _interleaved_table(table, text_of)
            i += len(table)
            continue
        japanese = block.render(text_of)
        if not block.units or (japanese,) == block.lines:  # nothing translated: write it once
            out += block.lines
        elif block.kind is BlockKind.HEADING:
            title = japanese.rstrip(" \t\r")  # a CRLF line keeps its \r at the very end
            english = " ".join(u.raw for u in block.units)
            out.append(f"{title} / {english}{japanese[len(title) :]}")
        else:
            out += [japanese, *block.lines]
        i += 1
    return "\n".join(out)


def _table_at(blocks: Sequence[Block], start: int) -> list[Block]:
    end = start
    while end < len(blocks) and blocks[end].kind is BlockKind.ROW:
        end += 1
    return list(blocks[start:end])


def _interleaved_table(rows: Sequence[Block], text_of: Callable[[Unit], str]) -> list[str]:
    english = [line for row in rows for line in row.lines]
    japanese = [row.render(text_of) for row in rows]
    return english if japanese == english else [*japanese, "", *english]


def translate_file(
    job: Job, source_text: str, translator: Translator, cache: Cache, checker: Checker
) -> str:
    """The translated document's text (nothing written)."""
    blocks = split_markdown(source_text)
    units = [u for block in blocks for u in block.units]
    xml = protected_texts(units, checker)
    answers = translate_texts(xml, translator, cache, dict(job.cache_fields))
    translated = {id(u): unprotect(a, u) for u, a in zip(units, answers, strict=True)}
    return assemble(blocks, translated, job.layout)


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
