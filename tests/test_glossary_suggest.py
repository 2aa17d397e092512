"""`termqa glossary suggest`: candidates mined from digests, with renderings and counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from termqa.document import parse_text, read_document
from termqa.glossary.index import Glossary
from termqa.glossary.io import load_glossaries
from termqa.glossary.model import Entry, Kind
from termqa.glossary.parse import parse_glossary
from termqa.glossary.suggest import Candidate, mine, render, suggest_yaml

FIXTURE = ROOT / "tests" / "fixtures" / "exchange" / "suggest-digest.txt"
CORPORA = ROOT / "corpora"
DIGESTS = [
    CORPORA / name
    for name in (
        "interleaved-01.txt",
        "interleaved-02.txt",
        "ja-only-01.md",
        "ja-only-02.md",
        "pairs-01.tsv",
        "separate-01.ja.md",
    )
]


@pytest.fixture(autouse=True)
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERMQA_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def shipped() -> Glossary:
    return load_glossaries([])


def by_term(candidates: list[Candidate]) -> dict[str, Candidate]:
    return {c.term: c for c in candidates}


def test_bilingual_digest_gives_keep_names_and_translated_phrases(shipped: Glossary) -> None:
    found = mine([read_document(str(FIXTURE))], shipped)
    assert [(c.term, c.kind, c.count) for c in found] == [
        ("draft tree", Kind.TRANSLATE, 3),
        ("loss scaling", Kind.TRANSLATE, 3),
        ("QSP", Kind.KEEP, 3),  # `QSPs` counts as QSP
        ("token budget", Kind.TRANSLATE, 3),
        ("TreeSpec", Kind.KEEP, 3),
    ]
    terms = by_term(found)
    assert terms["token budget"].renderings == (("トークン予算", 3),)
    assert terms["token budget"].note == "seen 3 times; renderings: トークン予算 (3)"
    assert terms["draft tree"].renderings == (("ドラフト木", 2),)  # 下書き木 once: not shown
    assert terms["TreeSpec"].note == ("seen 3 times; kept in Latin script in 3 of 3 translations")


def test_known_terms_quantities_and_identifiers_are_not_candidates(shipped: Glossary) -> None:
    found = by_term(mine([read_document(str(FIXTURE))], shipped, min_count=1))
    for term in ("LoRA", "fine-tuning", "Llama-3-8B", "8B", "70B", "CL", "LG", "cs.CL"):
        assert term not in found, term


def test_min_count_filters_by_segments(shipped: Glossary) -> None:
    doc = read_document(str(FIXTURE))
    assert len(mine([doc], shipped, min_count=4)) == 0
    assert len(mine([doc], shipped, min_count=1)) > len(mine([doc], shipped, min_count=2))


def test_an_empty_glossary_lets_known_terms_through() -> None:
    found = by_term(mine([read_document(str(FIXTURE))], Glossary.empty(), min_count=1))
    assert found["LoRA"].kind is Kind.KEEP
    assert "Llama-3-8B" in found


def test_names_in_japanese_only_text_and_case_variants() -> None:
    text = (
        "ExpertFuseはMoEの手法です。\n\n"
        "expertfuseではなくExpertFuseと書きます。\n\n"
        "ExpertFuseの実装はGitHubにあります。\n"
    )
    doc = parse_text(text, path="ja.md", layout="target-only")
    found = by_term(mine([doc], Glossary.empty()))
    assert found["ExpertFuse"].kind is Kind.KEEP
    assert found["ExpertFuse"].count == 3
    assert found["ExpertFuse"].renderings == ()


def test_phrases_contained_in_longer_ones_with_equal_counts_are_dropped() -> None:
    text = (
        "- 疎な専門家混合を使う。\nWe use sparse expert mixing layers.\n"
        "- 疎な専門家混合は速い。\nSparse expert mixing layers are fast.\n"
    )
    doc = parse_text(text, path="x.txt", layout="interleaved")
    found = by_term(mine([doc], Glossary.empty()))
    assert "sparse expert mixing layers" in found
    assert "sparse expert" not in found
    assert "expert mixing" not in found


def test_render_is_a_valid_glossary_with_pending_phrases_as_comments() -> None:
    candidates = [
        Candidate("TreeSpec", Kind.KEEP, 3, note="seen 3 times"),
        Candidate(
            "token budget",
            Kind.TRANSLATE,
            3,
            (("トークン予算", 3), ("予算", 2), ("トークン上限", 2), ("枠", 2)),
            "seen 3 times; renderings: トークン予算 (3), 予算 (2), トークン上限 (2), 枠 (2)",
        ),
        Candidate("long context", None, 2, note="seen 2 times"),
    ]
    text = render(candidates, 4)
    assert text.startswith("# Candidate entries mined by `termqa glossary suggest` from 4 files")
    assert text.endswith(
        "# Seen, but with no Japanese rendering to propose (add `ja:` to use them):\n"
        "#   long context  (seen 2 times)\n"
    )
    entries = parse_glossary(text, "suggested.yaml")
    assert [(e.term, e.kind, e.ja) for e in entries] == [
        ("TreeSpec", Kind.KEEP, ()),
        ("token budget", Kind.TRANSLATE, ("トークン予算", "予算", "トークン上限")),
    ]
    assert isinstance(entries[0], Entry)
    assert "entries: []  # no candidates" in render([], 0)


def test_sample_corpora(shipped: Glossary) -> None:
    docs = [read_document(str(path)) for path in DIGESTS]
    found = mine(docs, shipped)
    terms = by_term(found)
    for name in ("ExpertFuse", "SpecTree", "LoCoEval", "DocLite"):  # invented model names
        assert terms[name].kind is Kind.KEEP, name
    assert terms["peak memory"].renderings == (("ピークメモリ", 2),)
    rag = terms["retrieval-augmented generation"]  # RAG's expansion is no lookup form
    assert (rag.kind, rag.renderings) == (Kind.TRANSLATE, (("検索拡張生成", 2),))
    counts = [c.count for c in found]
    assert counts == sorted(counts, reverse=True)
    known = {form.casefold() for e in shipped.entries for form in e.english_forms}
    assert not [c.term for c in found if c.term.casefold() in known]


def test_suggest_yaml_reads_paths_and_warns_without_bilingual_input() -> None:
    text, warnings = suggest_yaml([str(CORPORA / "ja-only-01.md")], [])
    assert warnings == ["no bilingual digest given: no Japanese renderings were mined"]
    parse_glossary(text, "suggested.yaml")
    text, warnings = suggest_yaml([str(path) for path in DIGESTS], [], min_count=3)
    assert warnings == []
    assert all(e.term for e in parse_glossary(text, "suggested.yaml"))


def test_suggest_yaml_honours_extra_glossaries(tmp_path: Path) -> None:
    team = tmp_path / "team.yaml"
    team.write_text("version: 1\nentries:\n  - term: TreeSpec\n    kind: keep\n", encoding="utf-8")
    without, _ = suggest_yaml([str(FIXTURE)], [])
    with_team, _ = suggest_yaml([str(FIXTURE)], [str(team)])
    assert "term: TreeSpec" in without
    assert "term: TreeSpec" not in with_team
    none, _ = suggest_yaml([str(FIXTURE)], [], default_glossary=False, min_count=3)
    assert "term: LoRA" not in none  # LoRA occurs once
