"""Each layout reader on small inputs: kinds, pairings, spans, sections, CRLF and BOM variants."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from termqa.document import parse_text, read_document
from termqa.model import Document, SegmentKind, Span

INPUTS = Path(__file__).resolve().parent / "fixtures" / "inputs"
H, P, L, Q, A, M = (
    SegmentKind.HEADING,
    SegmentKind.PARAGRAPH,
    SegmentKind.LIST_ITEM,
    SegmentKind.QUESTION,
    SegmentKind.ANSWER,
    SegmentKind.METADATA,
)


def assert_span(span: Span, text: str) -> None:
    """The span's characters are the file's, and its masked text only blanks characters."""
    assert len(span.text) == len(span.raw)
    if span.offsets is None:
        assert text[span.start : span.start + len(span.raw)] == span.raw
    else:
        assert len(span.offsets) == len(span.raw)
        assert list(span.offsets) == sorted(set(span.offsets))
        assert all(text[o] == ch for o, ch in zip(span.offsets, span.raw, strict=True))
    for raw, masked in zip(span.raw, span.text, strict=True):
        assert masked == raw or (masked == " " and raw not in "\n\r")


def assert_spans(doc: Document, source_text: str | None = None) -> None:
    """The span invariant over a whole document (source spans against the source file)."""
    source = source_text if doc.source_path is not None else doc.text
    assert [s.index for s in doc.segments] == list(range(len(doc.segments)))
    for seg in doc.segments:
        assert_span(seg.target, doc.text)
        if seg.source is not None:
            assert source is not None
            assert_span(seg.source, source)
    for item in doc.unpaired:
        assert source is not None
        assert_span(item.source, source)
        assert 0 <= item.anchor < max(len(doc.segments), 1)
    sections = [s.section for s in doc.segments]
    assert sections == sorted(sections)


def rows(doc: Document) -> list[tuple[SegmentKind, str, str | None]]:
    return [(s.kind, s.target.raw, s.source.raw if s.source else None) for s in doc.segments]


def read(name: str, **kwargs: Any) -> Document:
    doc = read_document(str(INPUTS / name), **kwargs)
    source = Path(doc.source_path).read_bytes().decode("utf-8-sig") if doc.source_path else None
    assert_spans(doc, source)
    return doc


def variant(tmp_path: Path, name: str, *, crlf: bool = False, bom: bool = False) -> Path:
    """A copy of a fixture with CRLF line ends and/or a BOM (its sibling source copied too)."""
    for fixture in INPUTS.glob(name.split(".", maxsplit=1)[0] + ".*"):
        text = fixture.read_text(encoding="utf-8")
        data = text.replace("\n", "\r\n") if crlf else text
        (tmp_path / fixture.name).write_bytes((b"\xef\xbb\xbf" if bom else b"") + data.encode())
    return tmp_path / name


# --- interleaved -----------------------------------------------------------------------------


def test_interleaved_plain_text() -> None:
    doc = read("interleaved.txt")
    assert doc.layout == "interleaved"
    assert doc.source_path is None
    assert rows(doc)[:5] == [
        (H, "週刊ML論文ダイジェスト", "Weekly ML Paper Digest"),
        (H, "スパース注意の再考", "Rethinking Sparse Attention"),
        (H, "論文紹介", None),
        (
            L,
            "長文脈でのKVキャッシュを40%削減し、Llama-3-8Bで精度を維持します。",
            "reduces the kv cache by 40% on long contexts while keeping accuracy on llama-3-8b.",
        ),
        (
            L,
            "実装は`sparse_attn`として公開されています(https://github.com/example/sparse)。",
            "the implementation is released as `sparse_attn` (https://github.com/example/sparse).",
        ),
    ]
    assert rows(doc)[-1] == (M, "URL: https://arxiv.org/abs/2401.00001", None)
    assert doc.source_lowercased  # body English is lower-cased; the title lines do not count
    assert [s.section for s in doc.segments] == [0] * 8 + [1] * 4
    assert not doc.unpaired


def test_interleaved_title_spans_share_the_line() -> None:
    doc = read("interleaved.txt")
    title = doc.segments[1]
    line_start = doc.text.index("スパース注意の再考")
    assert title.target.start == line_start
    assert title.source is not None
    assert title.source.start == line_start + len("スパース注意の再考 / ")


def test_interleaved_masks_code_urls_and_math_but_not_money() -> None:
    doc = read("interleaved.txt")
    code = doc.segments[4]
    assert "sparse_attn" not in code.text
    assert "github" not in code.source_text
    assert code.text.startswith("実装は ")
    math = doc.segments[6]
    assert "log" not in math.text
    assert "log" not in math.source_text
    money = doc.segments[7]
    assert money.text == money.target.raw
    assert money.source_text == "it costs $300, and the gap between $5 and $10 does not matter."


def test_interleaved_markdown_paragraphs_and_unpaired_english() -> None:
    doc = read("interleaved.md")
    assert doc.layout == "interleaved"
    assert rows(doc)[2:] == [
        (
            P,
            "本論文では、長文脈モデルを\n3つのベンチマークで評価します。",
            "In this paper, we evaluate long-context models\non three benchmarks.",
        ),
        (L, "128kトークンまでの文脈で評価しました。", "We evaluate contexts of up to 128k tokens."),
        (
            P,
            "詳細は[論文](https://arxiv.org/abs/2401.00002)を参照してください。",
            "See [the paper](https://arxiv.org/abs/2401.00002) for details.",
        ),
    ]
    assert doc.segments[4].text.startswith("詳細は 論文 ")
    assert not doc.source_lowercased
    [unpaired] = doc.unpaired
    assert unpaired.source.raw == "An English paragraph that nobody translated."
    assert unpaired.anchor == 4
    assert unpaired.source_path == doc.path


@pytest.mark.parametrize(("crlf", "bom"), [(True, False), (False, True), (True, True)])
@pytest.mark.parametrize("name", ["interleaved.txt", "interleaved.md", "target-only.md"])
def test_crlf_and_bom_variants_read_the_same(
    tmp_path: Path, name: str, *, crlf: bool, bom: bool
) -> None:
    plain = read(name)
    doc = read_document(str(variant(tmp_path, name, crlf=crlf, bom=bom)))
    assert_spans(doc)
    assert doc.layout == plain.layout
    assert not doc.text.startswith("\ufeff")
    expected = [
        (k, t.replace("\n", "\r\n") if crlf else t, s and (s.replace("\n", "\r\n") if crlf else s))
        for k, t, s in rows(plain)
    ]
    assert rows(doc) == expected
    assert [s.section for s in doc.segments] == [s.section for s in plain.segments]
    for seg in doc.segments:
        assert not seg.target.raw.endswith("\r")


def test_heading_title_with_markdown_marks() -> None:
    doc = parse_text(
        "## 長文脈の評価 / Evaluating Long Contexts\n- 3つのベンチマークで評価します。\n"
        "- we evaluate on three benchmarks.\n",
        layout="interleaved",
    )
    assert rows(doc) == [
        (H, "長文脈の評価", "Evaluating Long Contexts"),
        (L, "3つのベンチマークで評価します。", "we evaluate on three benchmarks."),
    ]


def test_english_heading_is_not_the_source_of_a_paragraph() -> None:
    doc = parse_text("本文です。\n## Next Section\n", layout="interleaved")
    assert rows(doc) == [(P, "本文です。", None)]
    assert [u.source.raw for u in doc.unpaired] == ["Next Section"]


def test_english_metadata_pairs_only_with_metadata() -> None:
    text = "論文紹介\nURL: https://arxiv.org/abs/1\n- 著者: 佐藤\n- authors: sato\n"
    doc = parse_text(text, layout="interleaved")
    assert rows(doc) == [
        (H, "論文紹介", None),
        (M, "URL: https://arxiv.org/abs/1", None),
        (M, "著者: 佐藤", "authors: sato"),
    ]


def test_interleaved_sections_start_at_titles_and_top_headings() -> None:
    text = (
        "# ダイジェスト\n論文A / Paper A\n本文です。\nthe body.\n"
        "論文B / Paper B\n本文です。\nthe body.\n## 付録\n補足です。\n"
    )
    doc = parse_text(text, layout="interleaved")
    assert [s.section for s in doc.segments] == [0, 0, 0, 1, 1, 2, 2]


# --- target-only ------------------------------------------------------------------------------


def test_target_only_markdown() -> None:
    doc = read("target-only.md")
    assert doc.layout == "target-only"
    assert not doc.bilingual
    got = rows(doc)
    assert got[0] == (M, "週刊ML論文ダイジェスト", None)  # front matter title, quotes left out
    assert [k for k, _, _ in got] == [M, H, P, H, M, M, M, M, H, P, Q, A, Q, A, H, M, P, P, P, P]
    assert got[3] == (H, "Rethinking Sparse Attention", None)
    assert got[4] == (M, "著者: Kenji Sato, Emily Chen", None)
    assert got[10] == (Q, "実装は公開されていますか。", None)
    assert got[11] == (A, "はい、`pip install sparse-attn`で導入できます。", None)
    assert got[12] == (Q, "費用はどのくらいですか。", None)
    assert got[14] == (H, "Long-Context Retrieval Without Chunking", None)
    assert [s.section for s in doc.segments] == [0, 1, 1] + [2] * 11 + [3] * 6


def test_target_only_masks_markup() -> None:
    doc = read("target-only.md")
    texts = [s.text for s in doc.segments]
    assert "\n計算量は        から      になります。" in texts[9]
    assert "foo.bar" not in texts[16]
    assert "href" not in texts[16]
    assert "こちら" in texts[16]
    assert texts[17] == "引用された文章です。\n  二行目も引用です。"
    assert all("load(" not in t for t in texts)  # the fenced code is no segment at all
    assert texts[13] == "学習費用は$300程度です。"


def test_target_only_plain_text_labels_and_full_width_markers() -> None:
    doc = read("target-only.txt")
    assert rows(doc)[1:] == [
        (H, "【論文1】Rethinking Sparse Attention", None),
        (H, "概要", None),
        (
            P,
            "長文脈でのKVキャッシュを40%削減する手法です。\n実験ではLlama-3-8Bを用いています。",
            None,
        ),
        (Q, "何が新しいのですか。", None),
        (A, "注意の疎構造を学習する点です。", None),
        (Q, "速度は？", None),
        (A, "2倍になります。", None),
        (L, "ポイント1: メモリ削減", None),
        (L, "ポイント2: 精度維持", None),
    ]


def test_target_only_splits_title_lines() -> None:
    doc = parse_text(
        "# 長文脈の評価 / Evaluating Long Contexts\n\n本文です。\n", layout="target-only"
    )
    assert rows(doc) == [(H, "長文脈の評価", "Evaluating Long Contexts"), (P, "本文です。", None)]


def test_target_only_setext_heading_and_rules() -> None:
    doc = parse_text("見出し\n===\n本文です。\n---\n次の段落です。\n", layout="target-only")
    assert rows(doc) == [(H, "見出し", None), (P, "本文です。", None), (P, "次の段落です。", None)]


def test_english_sentence_is_a_paragraph_not_a_title() -> None:
    doc = parse_text("本文です。\n\nThis sentence was left untranslated.\n", layout="target-only")
    assert [s.kind for s in doc.segments] == [P, P]
