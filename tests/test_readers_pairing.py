"""Readers that pair blocks: separate target and source files, and bilingual tables."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from test_readers_layouts import INPUTS, H, L, P, assert_spans, read, rows, variant

from termqa.document import parse_text, read_document
from termqa.errors import TermqaError

# --- separate ---------------------------------------------------------------------------------


def test_separate_pairs_by_structure() -> None:
    doc = read("post.ja.md")
    assert doc.layout == "separate"
    assert doc.source_path == str(INPUTS / "post.en.md")
    got = rows(doc)
    assert got[0] == (H, "今週の論文", "Papers of the Week")
    # the English split this paragraph in two: one source span covers both
    assert got[2][2] == (
        "This paper proposes a method that cuts the KV cache by 40% on long contexts.\n\n"
        "It is evaluated on Llama-3-8B, and accuracy drops by at most 0.3 points."
    )
    assert got[3] == (L, "学習には8基のA100を用いた。", "Training used 8 A100 GPUs.")
    assert got[-1] == (
        P,
        "GPT-4oとの比較では、スコアは86.4だった。",
        "Compared with GPT-4o, it scores 86.4.",
    )
    [extra] = doc.unpaired
    assert extra.source.raw == "A demo is available online."
    assert extra.anchor == 4
    assert extra.source_path == doc.source_path
    assert [s.section for s in doc.segments] == [0, 0, 0, 0, 0, 1, 1, 1]


def test_separate_target_split_becomes_one_segment() -> None:
    target = "# 題\n\n手法を提案する。\n\n精度は81.2%に達し、GPT-4を上回る。\n\n別の話題である。\n"
    source = (
        "# Title\n\nWe propose a method, and its accuracy reaches 81.2%, beating GPT-4.\n\n"
        "Another topic.\n"
    )
    doc = parse_text(target, layout="separate", source_text=source, source_path="s.md")
    assert_spans(doc, source)
    assert rows(doc)[1] == (
        P,
        "手法を提案する。\n\n精度は81.2%に達し、GPT-4を上回る。",
        "We propose a method, and its accuracy reaches 81.2%, beating GPT-4.",
    )
    assert rows(doc)[2] == (P, "別の話題である。", "Another topic.")


def test_separate_extra_target_block_has_no_source() -> None:
    target = "# 題\n\n訳注：これは訳者による補足です。\n\n精度は81.2%である。\n"
    source = "# Title\n\nAccuracy is 81.2%.\n"
    doc = parse_text(target, source_text=source, source_path="s.md")
    assert rows(doc) == [
        (H, "題", "Title"),
        (P, "訳注：これは訳者による補足です。", None),
        (P, "精度は81.2%である。", "Accuracy is 81.2%."),
    ]
    assert not doc.unpaired


def test_separate_explicit_source_and_crlf_bom(tmp_path: Path) -> None:
    path = variant(tmp_path, "post.ja.md", crlf=True, bom=True)
    doc = read_document(str(path), source=str(tmp_path / "post.en.md"), layout="separate")
    source = (tmp_path / "post.en.md").read_bytes().decode("utf-8-sig")
    assert_spans(doc, source)
    assert len(doc.segments) == len(read("post.ja.md").segments)


def test_separate_without_any_source_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text("本文です。\n", encoding="utf-8")
    with pytest.raises(TermqaError, match="layout 'separate' needs a source file"):
        read_document(str(path), layout="separate")
    with pytest.raises(TermqaError, match="needs a source text"):
        parse_text("本文です。", layout="separate")


def test_separate_with_empty_sides() -> None:
    doc = parse_text("本文です。\n", source_text="```\ncode\n```\n", source_path="s.md")
    assert rows(doc) == [(P, "本文です。", None)]
    doc = parse_text("<!-- 空 -->\n", source_text="Some text.\n", source_path="s.md")
    assert doc.segments == ()
    assert [u.anchor for u in doc.unpaired] == [0]


# --- tables -----------------------------------------------------------------------------------


def test_tsv_rows_and_offsets() -> None:
    doc = read("pairs.tsv")
    assert doc.layout == "tsv"
    assert rows(doc) == [
        (P, "このモデルは350億パラメータです。", "The model has 35B parameters."),
        (P, '最初に「"Let\'s think"」と促す。', 'We prompt with "Let\'s think" first.'),
        (P, "ステップ1：検索する。\nステップ2：回答する。", "Step 1: search.\nStep 2: answer."),
        (P, "", "An empty target."),
        (P, "タブ\tを含む", "Tab\tinside"),
    ]
    lines = [doc.text.count("\n", 0, s.target.file_offset(0)) + 1 for s in doc.segments]
    assert lines == [2, 3, 5, 7, 8]  # a target after a multi-line source cell starts lower
    quoted = doc.segments[1].target
    assert quoted.offsets is not None
    assert doc.segments[2].target.offsets is None  # quoted but without doubled quotes


def test_csv_with_crlf_and_any_column_order() -> None:
    doc = read("pairs.csv")
    assert doc.layout == "csv"
    assert rows(doc) == [
        (P, "精度は81.2%に達する。", "Accuracy reaches 81.2%."),
        (P, '価格は"300ドル"です。', 'It costs "$300".'),
        (P, "コードは`x`です。", "The code is `x`, short."),
    ]
    assert doc.segments[2].text == "コードは   です。"


def test_table_sections_follow_the_file_column() -> None:
    text = "file\tsource\ttarget\na.md\tOne.\t一。\na.md\tTwo.\t二。\nb.md\tThree.\t三。\n"
    doc = parse_text(text, path="x.tsv")
    assert [s.section for s in doc.segments] == [0, 0, 1]


def test_real_pairs_read_like_the_csv_module() -> None:
    path = Path(__file__).resolve().parents[2] / "shared" / "data" / "real-pairs-dev.tsv"
    doc = read_document(str(path), layout="tsv")
    assert_spans(doc)
    with path.open(encoding="utf-8", newline="") as fh:
        records = list(csv.DictReader(fh, delimiter="\t"))
    assert [(r["source"], r["target"]) for r in records] == [
        (s.source.raw if s.source else "", s.target.raw) for s in doc.segments
    ]


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        (
            "id\tsrc_text\tja_text\n1\ta\tb\n",
            "no 'source' and 'target' columns in the header row "
            "(found: 'id', 'src_text', 'ja_text')",
            1,
        ),
        (
            "id\tsource\tnote\n1\ta\tb\n",
            "no 'target' column in the header row (found: 'id', 'source', 'note')",
            1,
        ),
        (
            "source\ttarget\nA.\t一。\nB.\n",
            "row has 1 fields, the header has 2 (a tab, comma or quote out of place?)",
            3,
        ),
        (
            "source\ttarget\nA.\t一。\tx\tyy\n",
            "row has 4 fields, the header has 2 (a tab, comma or quote out of place?)",
            2,
        ),
        ('source\ttarget\nA.\t一。\n"B.\t二。\n', "unterminated quoted field", 3),
    ],
)
def test_malformed_tsv(text: str, message: str, line: int) -> None:
    with pytest.raises(TermqaError) as info:
        parse_text(text, path="x.tsv")
    assert (info.value.detail, info.value.line, info.value.path) == (message, line, "x.tsv")


def test_malformed_csv() -> None:
    with pytest.raises(TermqaError) as info:
        parse_text('source,target\n"A." x,一\n', path="x.csv")
    assert (info.value.detail, info.value.line) == ("unexpected ' ' after a closing quote", 2)


def test_tsv_stray_quotes_are_text() -> None:
    doc = parse_text('source\ttarget\n"Attention" is all\t「注意」\n', path="x.tsv")
    assert rows(doc) == [(P, "「注意」", '"Attention" is all')]
    assert_spans(doc)


def test_trailing_empty_fields_and_blank_lines_are_fine() -> None:
    doc = parse_text("source\ttarget\tnote\n\nA.\t一。\t\t\nB.\t二。\n", path="x.tsv")
    assert rows(doc) == [(P, "一。", "A."), (P, "二。", "B.")]
