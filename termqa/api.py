"""The one orchestrator: files or strings in, findings and a report out. Usable from Python."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from termqa.checks import ALL_RULES
from termqa.checks.base import Context, Rule
from termqa.config import Config
from termqa.engine import run_rules
from termqa.glossary.index import Glossary
from termqa.model import Document, Finding, Segment, SegmentKind, Span
from termqa.report.model import FileResult, Report
from termqa.report.score import document_size, score
from termqa.text.ja import JaTools


@dataclass
class Checker:
    """Holds what is loaded once per run (glossary, Sudachi) and checks documents with it."""

    config: Config
    glossary: Glossary
    ja: JaTools

    @classmethod
    def create(cls, config: Config | None = None, glossary: Glossary | None = None) -> Checker:
        config = config or Config()
        ja = JaTools()
        if glossary is None:
            from termqa.glossary.io import load_glossaries  # noqa: PLC0415

            glossary = load_glossaries(config.glossaries, default=config.default_glossary, ja=ja)
        return cls(config=config, glossary=glossary, ja=ja)

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(r for r in ALL_RULES if self.config.selects(r.code))

    def findings(self, doc: Document) -> list[Finding]:
        ctx = Context(doc=doc, glossary=self.glossary, config=self.config, ja=self.ja)
        return run_rules(doc, ctx, self.rules)

    def check_document(self, doc: Document) -> FileResult:
        findings = self.findings(doc)
        size = document_size(doc)
        file_score = score(findings, size)
        return FileResult(
            path=doc.path,
            layout=doc.layout,
            segments=len(doc.segments),
            size=size,
            findings=tuple(findings),
            score=file_score,
            passed=self.config.passes(findings, file_score),
        )


def check_paths(
    paths: Sequence[str],
    *,
    config: Config | None = None,
    layout: str = "auto",
    source: str | None = None,
    checker: Checker | None = None,
) -> Report:
    """Check files and directories; `source` pairs one English file with a single target."""
    from termqa.document import collect_inputs, read_document  # noqa: PLC0415

    checker = checker or Checker.create(config)
    config = checker.config
    files = config.drop_sources(collect_inputs(paths))
    results = [
        checker.check_document(
            read_document(
                path,
                layout=layout,
                source=source or config.source_for(path),
                max_size=config.max_file_size,
            )
        )
        for path in files
    ]
    return Report(files=tuple(results))


def check_text(
    target: str,
    source: str | None = None,
    *,
    glossary: Glossary | None = None,
    config: Config | None = None,
    checker: Checker | None = None,
) -> list[Finding]:
    """Check one Japanese text (with its English source, if given) as a single segment."""
    checker = checker or Checker.create(config, glossary)
    return checker.findings(text_document(target, source))


def text_document(target: str, source: str | None = None, path: str = "<text>") -> Document:
    from termqa.readers.decode import refuse_surrogates  # noqa: PLC0415
    from termqa.readers.mask import mask  # noqa: PLC0415

    refuse_surrogates(target, path)
    if source is not None:
        refuse_surrogates(source, "<source>")
    source_span = Span(source, mask(source), 0) if source is not None else None
    segment = Segment(0, SegmentKind.PARAGRAPH, Span(target, mask(target), 0), source_span)
    lowered = source is not None and source == source.lower() and source != source.upper()
    return Document(
        path=path,
        text=target,
        layout="interleaved" if source is not None else "target-only",
        segments=(segment,),
        source_lowercased=lowered,
    )
