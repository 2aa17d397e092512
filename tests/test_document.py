"""The public reading API: read_document, parse_text, collect_inputs, layout detection, and the
span invariant over every fixture, every corpus file and random text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_readers_layouts import INPUTS, assert_spans

from termqa.document import LAYOUTS, collect_inputs, find_source, parse_text, read_document
from termqa.errors import TermqaError

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
CORPUS_FILES = sorted(p for p in CORPORA.glob("*") if p.suffix in (".md", ".txt", ".tsv", ".csv"))


def expected_layout(name: str) -> str:
    if name.startswith("interleaved"):
        return "interleaved"
    if name.startswith("separate") and ".en." not in name:
        return "separate"
    if name.endswith(".tsv"):
        return "tsv"
    if name.endswith(".csv"):
        return "csv"
    return "target-only"


def source_of(path: str | None) -> str | None:
    return Path(path).read_bytes().decode("utf-8-sig") if path else None


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_corpus_layout_is_detected_and_spans_hold(path: Path) -> None:
    doc = read_document(str(path))
    assert doc.layout == expected_layout(path.name)
    assert doc.segments
    assert_spans(doc, source_of(doc.source_path))


TEXT_FILES = [p for p in CORPUS_FILES if p.suffix not in (".tsv", ".csv")]  # tables: own layouts


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("layout", ["interleaved", "target-only"])
def test_corpus_spans_hold_under_any_forced_layout(path: Path, layout: str) -> None:
    doc = read_document(str(path), layout=layout)
    assert doc.layout == layout
    assert_spans(doc)


def test_interleaved_corpus_pairs_every_english_line() -> None:
    for path in CORPORA.glob("interleaved-*.txt"):
        doc = read_document(str(path))
        assert not doc.unpaired, path
        assert sum(s.source is not None for s in doc.segments) >= 20


def test_lower_cased_corpus_is_flagged() -> None:
    lowered = [
        p for p in CORPORA.glob("interleaved-*.txt") if read_document(str(p)).source_lowercased
    ]
    assert [p.name for p in lowered] == ["interleaved-02.txt"]


@pytest.mark.parametrize("path", sorted(INPUTS.glob("*")), ids=lambda p: p.name)
def test_fixture_spans_hold(path: Path) -> None:
    doc = read_document(str(path))
    assert_spans(doc, source_of(doc.source_path))


# --- detection --------------------------------------------------------------------------------


def test_english_lines_in_a_japanese_post_stay_target_only() -> None:
    text = (
        "# 週刊ダイジェスト\n\n今週は3本の論文を紹介します。\n\n"
        "## 1. 注意機構の再考\nRethinking Attention for Long Contexts\n"
        "- 著者: John Smith, Jane Doe\n- URL: https://arxiv.org/abs/2401.00001\n"
        "- カテゴリ: cs.CL\n\n### 概要\n長文脈での注意機構を見直した論文です。\n"
        "著者らは次のように述べています。\n> Attention is not all you need for long contexts.\n\n"
        "Q: 何が新しいのですか。\nA: 注意の疎構造を学習する点です。\n\n"
        "## 2. 量子化の新手法\nA New Quantization Method\n- 著者: Wei Zhang\n"
        "### 概要\n4ビット量子化の論文です。\nQ: 速度は？\nA: 2倍になります。\n"
    )
    assert parse_text(text).layout == "target-only"


def test_plain_text_interleaved_is_detected() -> None:
    text = (
        "スパース注意の再考 / Rethinking Sparse Attention\n論文紹介\n"
        "- 長文脈でのKVキャッシュを40%削減します。\nreduces the kv cache by 40%.\n"
        "論文要旨(Abstract)\n- 私たちは新しい手法を提案します。\nwe propose a new method.\n"
    )
    assert parse_text(text).layout == "interleaved"


def test_interleaved_markdown_with_wrapped_paragraphs_is_detected() -> None:
    ja = "本論文では、長文脈モデルを\n3つのベンチマークで評価します。\n\n"
    en = "In this paper, we evaluate\nlong-context models\non three benchmarks.\n\n"
    assert parse_text("# 題\n\n" + (ja + en) * 3).layout == "interleaved"


def test_table_detected_by_extension_and_by_header() -> None:
    assert parse_text("source\ttarget\nA.\t一。\n").layout == "tsv"
    assert parse_text("id,Source,Target\n1,A.,一。\n").layout == "csv"
    with pytest.raises(TermqaError) as info:  # the extension wins: a TSV named .csv
        parse_text("source\ttarget\nA.\t一。\n", path="x.csv")
    assert info.value.detail == (
        "no 'source' and 'target' columns in the header row (found: 'source\\ttarget')"
    )


# --- parse_text / read_document options -------------------------------------------------------


def test_unknown_layout() -> None:
    with pytest.raises(TermqaError) as info:
        parse_text("本文", layout="xliff")
    assert info.value.detail == (
        "unknown layout 'xliff' (choose from: auto, interleaved, target-only, separate, tsv, csv)"
    )


def test_source_with_a_layout_that_has_none() -> None:
    with pytest.raises(TermqaError, match="a source file goes with layout 'separate' or 'auto'"):
        read_document(str(INPUTS / "interleaved.txt"), layout="interleaved", source="x.md")


def test_source_with_a_table() -> None:
    with pytest.raises(TermqaError) as info:
        read_document(str(INPUTS / "pairs.tsv"), source=str(INPUTS / "post.en.md"))
    assert (
        info.value.detail == "a source file does not go with a tsv table (it has a source column)"
    )


def test_source_cannot_be_the_file_itself() -> None:
    path = str(INPUTS / "post.ja.md")
    with pytest.raises(TermqaError, match="the source file is the file being checked"):
        read_document(path, source=path)


def test_forced_layouts_override_detection() -> None:
    path = str(INPUTS / "post.ja.md")
    assert read_document(path, layout="target-only").layout == "target-only"
    assert read_document(path, layout="target-only").source_path is None
    assert read_document(str(INPUTS / "pairs.tsv"), layout="tsv").layout == "tsv"


def test_parse_text_empty_and_bom() -> None:
    assert parse_text("").segments == ()
    assert parse_text("  \n").segments == ()
    assert parse_text("", path="x.tsv").segments == ()
    doc = parse_text("\ufeff本文です。")
    assert doc.text == "本文です。"
    assert doc.segments[0].target.start == 0


def test_parse_text_separate_from_strings() -> None:
    doc = parse_text("# 題\n\n本文です。\n", source_text="\ufeff# Title\n\nBody.\n")
    assert doc.layout == "separate"
    assert doc.source_path == "<source>"
    assert [s.source.raw if s.source else None for s in doc.segments] == ["Title", "Body."]


def test_find_source(tmp_path: Path) -> None:
    for name in ("a.md", "a.en.md", "b.ja.md", "b.en.md", "c.txt", "c.en.md", "d.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert find_source(str(tmp_path / "a.md")) == str(tmp_path / "a.en.md")
    assert find_source(str(tmp_path / "b.ja.md")) == str(tmp_path / "b.en.md")
    assert find_source(str(tmp_path / "c.txt")) == str(tmp_path / "c.en.md")
    assert find_source(str(tmp_path / "a.en.md")) is None
    assert find_source(str(tmp_path / "d.md")) is None
    assert find_source(str(tmp_path / "x.tsv")) is None


def test_an_interleaved_file_next_to_its_source_is_read_as_interleaved(tmp_path: Path) -> None:
    # `termqa translate --interleave post.en.md -o post.ja.md` leaves both files side by side
    english = "# Results\n\nIt reduces the KV cache by 40%.\n\nIt keeps accuracy on Llama-3-8B.\n"
    (tmp_path / "post.en.md").write_text(english, encoding="utf-8")
    interleaved = (
        "# 結果 / Results\n\nKVキャッシュを40%削減する。\nIt reduces the KV cache by 40%.\n\n"
        "Llama-3-8Bで精度を保つ。\nIt keeps accuracy on Llama-3-8B.\n"
    )
    (tmp_path / "post.ja.md").write_text(interleaved, encoding="utf-8")
    doc = read_document(str(tmp_path / "post.ja.md"))
    assert (doc.layout, doc.source_path) == ("interleaved", None)
    assert [s.source.raw if s.source else None for s in doc.segments][-1] == (
        "It keeps accuracy on Llama-3-8B."
    )
    # a Japanese-only file beside the same source is still paired with it
    (tmp_path / "post.ja.md").write_text(
        "# 結果\n\nKVキャッシュを40%削減する。\n\nLlama-3-8Bで精度を保つ。\n", encoding="utf-8"
    )
    doc = read_document(str(tmp_path / "post.ja.md"))
    assert (doc.layout, doc.source_path) == ("separate", str(tmp_path / "post.en.md"))


# --- collect_inputs ---------------------------------------------------------------------------


def make_tree(root: Path, names: list[str]) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("本文です。\n", encoding="utf-8")


def test_collect_walks_directories(tmp_path: Path) -> None:
    make_tree(
        tmp_path,
        [
            "b.md", "a.txt", "notes.rst", "img.png", "t.tsv", "t.csv", "x.markdown",
            "sub/c.md", ".hidden/d.md", "sub/.e.md", "post.ja.md", "post.en.md",
            "plain.md", "plain.en.md", "lonely.en.md", "z.en.txt", "z.txt",
        ],
    )  # fmt: skip
    found = [Path(p).relative_to(tmp_path).as_posix() for p in collect_inputs([str(tmp_path)])]
    assert found == [
        "a.txt", "b.md", "lonely.en.md", "plain.md", "post.ja.md", "sub/c.md", "t.csv", "t.tsv",
        "x.markdown", "z.txt",
    ]  # fmt: skip


def test_collect_files_as_given(tmp_path: Path) -> None:
    make_tree(tmp_path, ["a.rst", "post.md", "post.en.md"])
    paths = [str(tmp_path / n) for n in ("a.rst", "post.md", "post.en.md", "a.rst")]
    assert collect_inputs(paths) == [str(tmp_path / "a.rst"), str(tmp_path / "post.md")]
    assert collect_inputs([str(tmp_path / "post.en.md")]) == [str(tmp_path / "post.en.md")]


def test_collect_missing_path(tmp_path: Path) -> None:
    with pytest.raises(TermqaError) as info:
        collect_inputs([str(tmp_path / "gone")])
    assert str(info.value) == f"{tmp_path / 'gone'}: no such file or directory"


def test_collect_directory_without_digests(tmp_path: Path) -> None:
    make_tree(tmp_path, ["a.rst", ".hidden/b.md"])
    with pytest.raises(TermqaError) as info:
        collect_inputs([str(tmp_path)])
    assert str(info.value) == (f"{tmp_path}: no digests (.md, .txt, .tsv, .csv) found in directory")


# --- robustness -------------------------------------------------------------------------------

ALPHABET = st.sampled_from(
    [
        *list("本文です。、「」ア漢字ーabcXYZ019 \t\n\r/#-*>|`$\\\"',:：<>[]()!~=_@."),
        "\n\n",
        "\r\n",
        " / ",
        "```",
        "~~~",
        "$$",
        "---",
        "Q: ",
        "A: ",
        "- ",
        "## ",
        "\ufeff",
    ]
)
RANDOM_TEXT = st.lists(ALPHABET, max_size=120).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=RANDOM_TEXT, layout=st.sampled_from([x for x in LAYOUTS if x != "separate"]))
def test_random_text_never_breaks_the_reader(text: str, layout: str) -> None:
    try:
        doc = parse_text(text, layout=layout)
    except TermqaError:
        return
    assert_spans(doc)


@settings(max_examples=150, deadline=None)
@given(target=RANDOM_TEXT, source=RANDOM_TEXT)
def test_random_separate_pairs_keep_spans(target: str, source: str) -> None:
    doc = parse_text(target, source_text=source, source_path="s.md")
    assert_spans(doc, source.removeprefix("\ufeff"))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=200) | RANDOM_TEXT.map(str.encode))
def test_random_bytes_give_a_document_or_one_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "random.md"
    path.write_bytes(data)
    try:
        doc = read_document(str(path))
    except TermqaError as err:
        message = str(err)
    else:
        assert_spans(doc)
        return
    assert "\n" not in message
