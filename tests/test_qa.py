"""Structure rules ST02-ST04 (echoed answers, untranslated paragraphs, empty sections) and the
block outline they share."""

from __future__ import annotations

from pathlib import Path

import pytest

from termqa.api import Checker, text_document
from termqa.checks import qa
from termqa.checks.base import Context
from termqa.checks.sections import outline
from termqa.document import read_document
from termqa.engine import run_rules
from termqa.model import Document, Finding, SegmentKind

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "tests" / "fixtures" / "good_ja"


def _context(checker: Checker, doc: Document) -> Context:
    return Context(doc=doc, glossary=checker.glossary, config=checker.config, ja=checker.ja)


def _run(checker: Checker, doc: Document) -> list[Finding]:
    return run_rules(doc, _context(checker, doc), qa.RULES)


def _read(tmp_path: Path, text: str, name: str = "post.md") -> Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_document(str(path))


def _headings(checker: Checker, doc: Document) -> list[tuple[str, int, bool]]:
    items = outline(_context(checker, doc))
    return [(it.text.strip(), it.level, it.title) for it in items if it.kind is SegmentKind.HEADING]


def test_outline_levels_of_an_interleaved_digest(checker: Checker) -> None:
    doc = read_document(str(ROOT / "corpora" / "interleaved-01.txt"))
    assert _headings(checker, doc)[:5] == [
        ("週刊ML論文ダイジェスト", 2, True),
        ("2024年8月3日号", 2, True),
        ("外れ値を分けるKVキャッシュ量子化", 2, True),
        ("論文紹介", 4, False),
        ("論文要旨(Abstract)", 4, False),
    ]


def test_outline_levels_of_markdown_and_setext(checker: Checker, tmp_path: Path) -> None:
    doc = _read(tmp_path, "Digest\n======\n\n## 論文\n\n概要\n\n本文です。\n")
    assert _headings(checker, doc) == [("Digest", 1, False), ("論文", 2, False), ("概要", 4, False)]


def test_a_snippet_is_split_into_blocks_like_a_file(checker: Checker, tmp_path: Path) -> None:
    text = "## 概要\n## 結果\n精度が向上しました。\nQ: 利点は何ですか。\nA: 利点は何ですか。\n"
    from_file = [(f.code, f.message) for f in _run(checker, _read(tmp_path, text))]
    from_text = [(f.code, f.message) for f in _run(checker, text_document(text))]
    assert from_file == from_text
    assert [code for code, _ in from_text] == ["ST04", "ST02"]


def test_label_followed_by_the_next_paper_is_an_empty_section(
    checker: Checker, tmp_path: Path
) -> None:
    text = (
        "新しい量子化 / A New Quantization\n論文紹介\n"
        "- 4ビットで保持します。\nKeeps it in 4 bits.\n論文要旨(Abstract)\n"
        "次の論文 / The Next Paper\n論文紹介\n- 本文です。\nThe body.\n"
    )
    doc = _read(tmp_path, text, "post.txt")
    assert doc.layout == "interleaved"
    found = [(f.line, f.code, f.target) for f in _run(checker, doc)]
    assert found == [(5, "ST04", "論文要旨(Abstract)")]


def test_title_lines_and_content_outside_blocks_are_not_empty(
    checker: Checker, tmp_path: Path
) -> None:
    text = "# 週刊ダイジェスト\n\n## 論文A\n\n```\ncode\n```\n\n## 論文B\n\n![図](a.png)\n"
    assert _run(checker, _read(tmp_path, text)) == []


def test_heading_at_the_end_is_empty(checker: Checker, tmp_path: Path) -> None:
    found = _run(checker, _read(tmp_path, "## 概要\n\n本文です。\n\n## 参考文献\n"))
    assert [(f.line, f.message) for f in found] == [(5, "section '参考文献' is empty")]


def test_echoed_answer_in_a_digest(checker: Checker, tmp_path: Path) -> None:
    text = (
        "## 論文\n\n### Q&A\nQ: この手法の限界は何ですか。\nA: この手法の限界は何でしょうか。\n"
        "Q: 既存の推論エンジンで使えますか。\nA: 既存の推論エンジンで使えます。\n"
    )
    found = _run(checker, _read(tmp_path, text))
    assert [(f.line, f.code) for f in found] == [(5, "ST02")]
    assert "'この手法の限界は何でしょうか。'" in found[0].message


@pytest.mark.parametrize(
    ("question", "answer", "echo"),
    [
        ("利点は何ですか。", "利点は何ですか。", True),
        ("利点は何ですか。", "利点があります。", True),
        ("利点は何ですか。", "学習が速い点です。", False),
        ("使えますか。", "使えます。", False),
        ("使えますか。", "いいえ、使えません。", False),
        ("使えますか。", "使えるのでしょうか？", True),
        ("使えますか。", "使えます。ただ、遅くなるのではないでしょうか。", False),
        ("なぜ速いのですか。", "速いのはなぜでしょうか。", True),
        ("なぜ速いのですか。", "速いのは、計算を省くためです。", False),
    ],
)
def test_echo_decisions(checker: Checker, question: str, answer: str, echo: bool) -> None:
    found = _run(checker, text_document(f"Q: {question}\nA: {answer}"))
    assert bool(found) is echo


def test_untranslated_paragraph_in_a_japanese_post(checker: Checker, tmp_path: Path) -> None:
    text = (
        "## 概要\n\n新しい手法を提案します。\n\n"
        "We propose a new routing method that balances the load across experts.\n\n"
        "> Quoted English text stays as it is in the original paper abstract.\n"
    )
    found = _run(checker, _read(tmp_path, text))
    assert [(f.line, f.code) for f in found] == [(5, "ST03")]


def test_untranslated_target_cell_in_a_table(checker: Checker, tmp_path: Path) -> None:
    text = (
        "id\tsource\ttarget\n"
        "1\tWe release the code and weights today.\tWe release the code and weights today.\n"
        "2\tThe model is trained on 2 trillion tokens.\tこのモデルは2兆トークンで学習されます。\n"
    )
    found = _run(checker, _read(tmp_path, text, "pairs.tsv"))
    assert [(f.line, f.code) for f in found] == [(2, "ST03")]


def test_sample_digests_and_good_japanese_are_quiet(checker: Checker) -> None:
    paths = [*sorted(GOOD.glob("*.md"))]
    paths += [
        p
        for p in sorted((ROOT / "corpora").iterdir())
        if p.suffix in (".md", ".txt", ".tsv")
        and p.name not in ("README.md", "PLANTED.md")
        and not p.name.endswith(".en.md")
    ]
    for path in paths:
        found = _run(checker, read_document(str(path)))
        assert [(f.line, f.message) for f in found] == [], path.name


def test_answer_that_introduces_a_list_is_not_an_echo(checker: Checker, tmp_path: Path) -> None:
    text = (
        "### Q&A\nQ: この手法はどのように動きますか。\nA: この手法は次のように動きます。\n\n"
        "- 入力を分割します。\n- 分割ごとに検証します。\n"
    )
    assert _run(checker, _read(tmp_path, text)) == []
    assert _run(
        checker,
        text_document("Q: この手法はどのように動きますか。\nA: この手法は次のように動きます。"),
    )


def test_a_short_closing_line_is_not_an_empty_section(checker: Checker, tmp_path: Path) -> None:
    text = (
        "新しい量子化 / A New Quantization\n論文紹介\n"
        "- 4ビットで保持します。\nKeeps it in 4 bits.\n"
        "- メモリを半分にします。\nHalves the memory.\n\n今週は以上です\n"
    )
    doc = _read(tmp_path, text, "post.txt")
    assert doc.layout == "interleaved"
    assert doc.segments[-1].kind is SegmentKind.HEADING
    assert _run(checker, doc) == []


def test_a_bracket_label_with_a_title_heads_its_labels(checker: Checker, tmp_path: Path) -> None:
    text = "【論文1】Rethinking Sparse Attention\n概要\n本文です。\n【結果】\n【考察】\n考察。\n"
    found = _run(checker, _read(tmp_path, text))
    assert [(f.line, f.target) for f in found] == [(4, "【結果】")]
