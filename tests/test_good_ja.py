"""Precision on correct Japanese: tests/fixtures/good_ja/ holds natural digest paragraphs written
for this project (target-only digests with English titles, metadata and Q&A, katakana-heavy
prose, numbers and units, lists, code and links, interleaved bilingual posts). The Japanese-side
rule families must raise nothing on them, and neither must any other family."""

from __future__ import annotations

from pathlib import Path

import pytest

from termqa.api import Checker
from termqa.checks import ALL_RULES
from termqa.checks.base import Context, Rule
from termqa.document import read_document
from termqa.engine import run_rules
from termqa.model import Document, SegmentKind

GOOD = Path(__file__).parent / "fixtures" / "good_ja"
FILES = sorted(GOOD.glob("*.md"))
# The families of the Japanese-side issue: consistency, duplication, typography, markup, and
# the structure rules after ST01 (missing translation, which needs a source).
JAPANESE_SIDE = ("CN", "DU", "TY", "MK")
PARAGRAPH_KINDS = {SegmentKind.PARAGRAPH, SegmentKind.LIST_ITEM, SegmentKind.ANSWER}


def _japanese_side(rule: Rule) -> bool:
    return rule.code.startswith(JAPANESE_SIDE) or (
        rule.code.startswith("ST") and rule.code != "ST01"
    )


def _rules(only_japanese_side: bool) -> tuple[Rule, ...]:
    return tuple(r for r in ALL_RULES if _japanese_side(r) or not only_japanese_side)


def _findings(doc: Document, checker: Checker, rules: tuple[Rule, ...]) -> list[str]:
    ctx = Context(doc=doc, glossary=checker.glossary, config=checker.config, ja=checker.ja)
    return [f"{f.line}: {f.code} {f.message}" for f in run_rules(doc, ctx, rules)]


def test_the_set_is_large_and_varied() -> None:
    docs = [read_document(str(path)) for path in FILES]
    paragraphs = sum(1 for d in docs for s in d.segments if s.kind in PARAGRAPH_KINDS)
    assert paragraphs >= 45
    layouts = {d.layout for d in docs}
    assert {"target-only", "interleaved"} <= layouts
    kinds = {s.kind for d in docs for s in d.segments}
    assert {SegmentKind.QUESTION, SegmentKind.ANSWER, SegmentKind.METADATA} <= kinds


def test_japanese_side_families_are_registered() -> None:
    prefixes = {r.code[:2] for r in _rules(only_japanese_side=True)}
    assert prefixes == {"CN", "DU", "TY", "MK", "ST"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_japanese_side_families_are_quiet(path: Path, checker: Checker) -> None:
    doc = read_document(str(path))
    assert _findings(doc, checker, _rules(only_japanese_side=True)) == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_family_fires_on_good_japanese(path: Path, checker: Checker) -> None:
    doc = read_document(str(path))
    assert _findings(doc, checker, _rules(only_japanese_side=False)) == []
