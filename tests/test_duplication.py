"""Duplication rules (DU01, DU02) and their parts: sentences, anchors, the pair search."""

from __future__ import annotations

import time
from pathlib import Path

from termqa.api import Checker, text_document
from termqa.checks import duplication
from termqa.checks.base import Context
from termqa.checks.duplication_text import sentences, similar_pairs, source_repeats
from termqa.document import read_document
from termqa.engine import run_rules
from termqa.model import Document, Finding, Segment, SegmentKind, Span
from termqa.readers.mask import mask


def _run(doc: Document, checker: Checker) -> list[Finding]:
    ctx = Context(doc=doc, glossary=checker.glossary, config=checker.config, ja=checker.ja)
    return run_rules(doc, ctx, duplication.RULES)


def _file(tmp_path: Path, text: str, name: str = "post.md") -> Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_document(str(path))


def _segment(raw: str, kind: SegmentKind = SegmentKind.PARAGRAPH, source: str = "") -> Segment:
    src = Span(source, source, 0) if source else None
    return Segment(0, kind, Span(raw, mask(raw), 0), src)


# --- sentences -------------------------------------------------------------------------------


def test_sentences_split_on_japanese_marks_and_newlines() -> None:
    seg = _segment("学習率を大きくすると不安定になります。本当ですか？\n 次の行の文はここまでです")
    found = [(s.shown, s.content) for s in sentences(seg, 1)]
    assert found == [
        ("学習率を大きくすると不安定になります。", 18),
        ("本当ですか？", 5),
        ("次の行の文はここまでです", 12),
    ]


def test_sentence_keys_ignore_whitespace_and_the_final_mark() -> None:
    one, two = sentences(_segment("Llama 3 で評価しました。Llama 3で 評価しました！"), 1)
    assert one.key == two.key == "Llama3で評価しました"


def test_masked_code_counts_as_no_content_but_stays_in_the_key() -> None:
    (sent,) = sentences(_segment("`train.py`を実行します。"), 1)
    assert sent.start == 0
    assert sent.content == len("を実行します")
    assert sent.key == "`train.py`を実行します"


def test_headings_and_metadata_have_no_sentences() -> None:
    text = "この見出しはとても長いけれども文ではありません"
    assert sentences(_segment(text, SegmentKind.HEADING), 1) == []
    assert sentences(_segment(text, SegmentKind.METADATA), 1) == []


def test_anchors_are_numbers_and_latin_words() -> None:
    (sent,) = sentences(_segment("GSM8Kでは正解率が71.2%から78.9%に向上した。"), 1)
    assert sent.anchors == ("71.2%", "78.9%", "GSM8K")


# --- the pair search ---------------------------------------------------------------------------


def test_similar_pairs_compare_only_equal_anchors_and_skip_identical_keys() -> None:
    keys = [
        "本論文では長い文書を効率よく要約する新しい手法を提案します",
        "本論文では長い文書を効率よく要約する新しい手法を提案しています",
        "本論文では長い文書を効率よく要約する新しい手法を提案します",
        "本論文では長い文書を効率よく要約する新しい方法を提案します",
    ]
    anchors = [(), (), (), ("x",)]
    pairs = [(i, j) for i, j, _ in similar_pairs(keys, anchors, 90)]
    assert pairs == [(0, 1), (1, 2)]


def test_similar_pairs_scale_with_the_post() -> None:
    """600 distinct sentences without anchors (one bucket) take milliseconds, not seconds."""
    stems = "学習推論評価精度速度文書要約検索生成分類翻訳画像音声言語"
    keys = [
        f"{stems[i % 16]}{stems[i * 7 % 16]}の手法を{i}回目に{stems[i * 3 % 16]}と比べた結果"
        for i in range(600)
    ]
    started = time.perf_counter()
    pairs = list(similar_pairs(keys, [()] * 600, 95))
    assert time.perf_counter() - started < 2.0
    assert all(keys[i] != keys[j] for i, j, _ in pairs)


def test_source_repeats() -> None:
    same = "The method reduces memory use a lot. The method reduces memory use a lot."
    assert source_repeats(*[_segment("x", source=same)] * 2)
    one = _segment("x", source="The method reduces memory use a lot.")
    other = _segment("x", source="The method also speeds up decoding.")
    assert not source_repeats(one, other)
    assert not source_repeats(one, _segment("x"))


# --- DU01 and DU02 on documents -----------------------------------------------------------------


def test_exact_duplicate_names_the_first_line(tmp_path: Path, checker: Checker) -> None:
    text = (
        "# 論文紹介\n\n本手法はメモリ使用量を大幅に削減します。\n\n"
        "推論も高速です。\n\n本手法はメモリ使用量を大幅に削減します。\n"
    )
    found = _run(_file(tmp_path, text), checker)
    assert [(f.code, f.line, f.column) for f in found] == [("DU01", 7, 1)]
    assert "already appears at line 3" in found[0].message


def test_questions_repeat_across_papers_but_not_within_one(
    tmp_path: Path, checker: Checker
) -> None:
    paper = (
        "## Paper {n}\n\n### Q&A\nQ: この手法を実際に使う際の注意点は何ですか。\n"
        "A: 論文{n}では、学習データの偏りに注意が必要だと述べられています。\n"
    )
    text = "# 今週の論文\n\n" + paper.format(n=1) + "\n" + paper.format(n=2)
    assert _run(_file(tmp_path, text), checker) == []
    again = text + "Q: この手法を実際に使う際の注意点は何ですか。\nA: 特にありません。\n"
    assert [f.code for f in _run(_file(tmp_path, again), checker)] == ["DU01"]


def test_a_template_sentence_of_every_paper_is_not_a_duplicate(
    tmp_path: Path, checker: Checker
) -> None:
    note = "この論文の詳細については、原論文を参照してください。"
    papers = [f"## 論文{n}\n\n論文{n}の概要です。{note}\n" for n in range(3)]
    assert _run(_file(tmp_path, "\n".join(papers)), checker) == []
    twice = "\n".join([*papers[:2], f"## 論文2\n\n{note}\n\n{note}\n"])
    found = _run(_file(tmp_path, twice), checker)
    assert [(f.code, f.line) for f in found] == [("DU01", 13)]
    assert "already appears at line 11" in found[0].message
    two_papers = "\n".join(papers[:2])
    assert [f.code for f in _run(_file(tmp_path, two_papers), checker)] == ["DU01"]


def test_an_answer_echoing_its_question_is_left_to_structure(
    tmp_path: Path, checker: Checker
) -> None:
    text = (
        "## Paper\n\n### Q&A\nQ: この手法は長い文脈でも精度を保てるのでしょうか。\n"
        "A: この手法は長い文脈でも精度を保てるのでしょうか。\n"
    )
    assert _run(_file(tmp_path, text), checker) == []


def test_near_duplicates_across_sections_need_to_be_closer(
    tmp_path: Path, checker: Checker
) -> None:
    first = "著者らは、推論時の計算量を増やさずに長文脈での精度を改善する手法を示しました。"
    close = "著者らは、推論時の計算量を増やさずに長文脈での精度を改善する手法を示しています。"
    text = f"## 論文A\n\n{first}\n\n## 論文B\n\n{close}\n"
    assert _run(_file(tmp_path, text), checker) == []
    text = f"## 論文A\n\n{first}\n\n{close}\n"
    found = _run(_file(tmp_path, text), checker)
    assert [(f.code, f.line) for f in found] == [("DU02", 5)]
    assert "nearly repeats the one at line 3" in found[0].message


def test_faithful_repetition_in_a_bilingual_post(tmp_path: Path, checker: Checker) -> None:
    text = (
        "論文紹介 / Overview\n"
        "- 本手法はメモリ使用量を大幅に削減します。\n"
        "The method reduces memory use substantially.\n"
        "論文要旨 / Abstract\n"
        "- 本手法はメモリ使用量を大幅に削減します。\n"
        "The method reduces memory use substantially.\n"
    )
    doc = _file(tmp_path, text, "post.txt")
    assert doc.bilingual
    assert _run(doc, checker) == []


def test_one_segment_text(checker: Checker) -> None:
    text = "本手法はメモリ使用量を大幅に削減します。本手法はメモリ使用量を大幅に削減します。"
    assert [f.column for f in _run(text_document(text), checker)] == [21]
