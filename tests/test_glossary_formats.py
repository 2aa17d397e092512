"""CSV, TSV and DeepL entries: the documented mappings, losses, and refusals with file:line."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from termqa.errors import TermqaError
from termqa.glossary.formats import (
    FORMATS,
    Reader,
    Writer,
    decode,
    import_file,
    reader,
    writer,
)
from termqa.glossary.formats.csv_tsv import (
    join_items,
    read_csv,
    read_tsv,
    split_items,
    write_csv,
    write_tsv,
)
from termqa.glossary.formats.deepl import read_deepl, term_problem, write_deepl
from termqa.glossary.formats.yaml_out import render_yaml
from termqa.glossary.model import Entry, Example, Kind, Scope
from termqa.glossary.parse import parse_glossary

EXCHANGE = Path(__file__).parent / "fixtures" / "exchange"

RAG = Entry(
    term="RAG",
    kind=Kind.KEEP,
    ja=("検索拡張生成",),
    forbidden=("ラグ", "ボロ布"),
    forbidden_scope=Scope.SOURCE,
    aliases=("RAGs",),
    expansion="retrieval-augmented generation",
    note='Scope source: ラグ is also "lag", as in タイムラグ.',
    bad=(Example(ja="ラグで回答を生成する。"),),
    good=(Example(ja="RAGを用いる。", en="We use RAG."),),
)
FT = Entry(
    term="fine-tuning",
    kind=Kind.TRANSLATE,
    ja=("ファインチューニング", "微調整"),
    forbidden=("ファインチューン",),
    case_sensitive=False,
    aliases=("finetuning",),
)


def bare(entries: list[Entry]) -> list[Entry]:
    """Entries without where they were read from."""
    return [replace(e, path="<memory>", line=0) for e in entries]


def fixture(name: str) -> str:
    return (EXCHANGE / name).read_text(encoding="utf-8-sig")


# --- registry, decoding, YAML ---


def test_every_format_has_a_reader_and_a_writer() -> None:
    assert FORMATS == ("csv", "tsv", "tbx", "prh", "deepl")
    for fmt in FORMATS:
        assert callable(reader(fmt))
        assert callable(writer(fmt))
    with pytest.raises(TermqaError, match="unknown format 'xlsx'"):
        reader("xlsx")


def test_decode_accepts_utf8_bom_and_utf16_and_names_the_bad_line() -> None:
    assert decode("\ufeffterm,kind\n".encode(), "a.csv") == "term,kind\n"
    assert decode("term\tkind\n".encode("utf-16"), "a.tsv") == "term\tkind\n"
    with pytest.raises(TermqaError) as caught:
        decode(b"term,kind\nRAG,keep\n" + b"\x82\xa0,keep\n", "a.csv")
    assert caught.value.render() == "a.csv:3: not valid UTF-8 (or UTF-16 with a BOM)"


def test_yaml_output_reads_back_equal() -> None:
    text = render_yaml([RAG, FT], name="team", header="a header\nof two lines")
    assert text.startswith("# a header\n# of two lines\nversion: 1\nname: team\nentries:\n")
    assert "  - term: RAG\n    kind: keep\n" in text
    assert "ja: [ファインチューニング, 微調整]" in text
    assert "case:" not in text  # defaults are left out
    assert bare(parse_glossary(text, "x.yaml")) == [RAG, FT]


# --- CSV / TSV ---


def test_list_cells_escape_pipes_and_backslashes() -> None:
    items = ("a|b", "c\\d", "plain")
    assert join_items(items) == "a\\|b|c\\\\d|plain"
    assert split_items(join_items(items)) == items
    assert split_items(" 検索拡張生成 | RAG手法 ||") == ("検索拡張生成", "RAG手法")


@pytest.mark.parametrize(("write", "read"), [(write_csv, read_csv), (write_tsv, read_tsv)])
def test_csv_and_tsv_hold_everything_but_examples(write: Writer, read: Reader) -> None:
    text, losses = write([RAG, FT])
    fmt = "csv" if write is write_csv else "tsv"
    assert losses == [f"{fmt} cannot hold examples (1 entry: RAG)"]
    entries, warnings = read(text, "g")
    assert warnings == []
    assert bare(entries) == [replace(RAG, bad=(), good=()), FT]


def test_csv_layout_is_documented_header_with_quoting() -> None:
    text, _ = write_csv([RAG])
    header, row = text.splitlines()
    assert header == "term,kind,ja,forbidden,forbidden_scope,case,aliases,expansion,note"
    assert row == (
        "RAG,keep,検索拡張生成,ラグ|ボロ布,source,sensitive,RAGs,retrieval-augmented generation,"
        '"Scope source: ラグ is also ""lag"", as in タイムラグ."'
    )


def test_spreadsheet_csv_with_bom_extra_column_and_multiline_cell() -> None:
    entries, warnings = read_csv(fixture("spreadsheet.csv"), "s.csv")
    assert warnings == ["s.csv:1: column 'owner' is not part of the glossary layout: ignored"]
    assert [e.term for e in entries] == ["RAG", "fine-tuning", "pipe|term", "Mixture-of-Experts"]
    assert [e.line for e in entries] == [2, 3, 4, 7]
    rag, ft, pipe, moe = entries
    assert rag.forbidden == ("ラグ", "ボロ布")
    assert rag.forbidden_scope is Scope.SOURCE
    assert rag.case_sensitive  # empty cell: the default for keep
    assert ft.ja == ("ファインチューニング", "微調整")
    assert not ft.case_sensitive
    assert pipe.ja == ("パイプ|項",)
    assert pipe.case_sensitive
    assert pipe.note == "two\nlines"
    assert moe.aliases == ("MoE", "mixture of experts")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("term,kind\nRAG,kep\n", 2, "entry 'RAG': kind 'kep' is not keep or translate"),
        ("term,kind\n,keep\n", 2, "row has no term"),
        ("term,kind,ja\nx,keep\ny,translate,\n", 3, "a translate entry needs a 'ja' rendering"),
        ("term,kind,case\nx,keep,upper\n", 2, "case 'upper' is not sensitive or insensitive"),
        ("term,kind,forbidden_scope\nx,keep,never\n", 2, "forbidden_scope 'never'"),
        ("term,kind\nx,keep,extra\n", 2, "row has 3 cells, the header 2"),
        ("term,kind,term\nx,keep,y\n", 1, "column 'term' appears twice"),
        ("term,kind\nRAG,keep\n\nRAG,keep\n", 4, "duplicate term 'RAG' (first at line 2)"),
        ("term,kind,case\nlora,keep,insensitive\nLoRA,keep,\n", 3, "duplicate term 'LoRA'"),
        ('term,kind,note\nx,keep,"unclosed\n', 2, "malformed CSV"),
        ("a,b,c\n1,2,3\n", 1, "expected a header row with 'term' and 'kind' columns"),
        ("RAG,RAG\nx\n", 2, "expected two non-empty cells, source and target, got 1"),
    ],
)
def test_malformed_csv_is_refused_with_its_line(text: str, line: int, message: str) -> None:
    with pytest.raises(TermqaError) as caught:
        read_csv(text, "g.csv")
    assert caught.value.path == "g.csv"
    assert caught.value.line == line
    assert message in caught.value.detail


def test_two_column_files_are_source_target_pairs() -> None:
    text = "source,target\nRAG,RAG\nfine-tuning,ファインチューニング\nfine-tuning,微調整\n"
    entries, _ = read_csv(text, "pairs.csv")
    assert bare(entries) == [
        Entry(term="RAG", kind=Kind.KEEP),
        Entry(
            term="fine-tuning",
            kind=Kind.TRANSLATE,
            ja=("ファインチューニング", "微調整"),
            case_sensitive=False,
        ),
    ]
    headerless, _ = read_tsv("LoRA\t低ランク適応\nLoRA\tLoRA\n", "p.tsv")
    assert bare(headerless) == [Entry(term="LoRA", kind=Kind.KEEP, ja=("低ランク適応",))]


def test_empty_csv_has_no_entries() -> None:
    assert read_csv("", "e.csv") == ([], [])
    assert read_csv("\n\n", "e.csv") == ([], [])


def test_untrimmed_list_items_are_reported() -> None:
    _, losses = write_csv([replace(FT, ja=(" ファインチューニング",))])
    assert losses == ["entry 'fine-tuning': list items with surrounding spaces are trimmed"]


# --- DeepL ---


def test_deepl_export_maps_keep_to_identity_and_translate_to_first_rendering() -> None:
    text, losses = write_deepl([RAG, FT])
    assert text == (
        "RAG\tRAG\nRAGs\tRAGs\nfine-tuning\tファインチューニング\nfinetuning\tファインチューニング\n"
    )
    joined = "\n".join(losses)
    for lost in (
        "the ja glosses of keep entries (1 entry: RAG)",
        "renderings after the first (1 entry: fine-tuning)",
        "forbidden renderings (2 entries: RAG, fine-tuning)",
        "forbidden_scope (1 entry: RAG)",
        "aliases (each is written as an entry of its own) (2 entries",
        "expansion (1 entry: RAG)",
        "note (1 entry: RAG)",
        "examples (1 entry: RAG)",
    ):
        assert f"deepl cannot hold {lost}" in joined


def test_deepl_export_drops_and_reports_rule_breaking_pairs() -> None:
    entries = [
        Entry(term="tab\tterm", kind=Kind.KEEP, path="g.yaml", line=3),
        Entry(term="ok", kind=Kind.TRANSLATE, ja=(" 前後空白",), case_sensitive=False),
        Entry(term="Transformer", kind=Kind.KEEP),
        Entry(term="transformer2", kind=Kind.TRANSLATE, ja=("変換器",), aliases=("Transformer",)),
        Entry(term="LLM-as-a-judge", kind=Kind.TRANSLATE, ja=("LLM-as-a-judge",)),
    ]
    text, losses = write_deepl(entries)
    assert text == (
        "Transformer\tTransformer\ntransformer2\t変換器\nLLM-as-a-judge\tLLM-as-a-judge\n"
    )
    assert (
        "entry 'tab\\tterm' (g.yaml:3): 'tab\\tterm' → 'tab\\tterm' dropped: "
        "control character U+0009"
    ) in losses
    assert "entry 'ok': 'ok' → ' 前後空白' dropped: leading or trailing whitespace" in losses
    assert (
        "entry 'transformer2': 'Transformer' dropped: an earlier entry maps it to 'Transformer'"
        in losses
    )
    assert (
        "entry 'LLM-as-a-judge': its rendering equals the term, so it reads back as a keep entry"
        in losses
    )


@pytest.mark.parametrize(
    ("term", "problem"),
    [
        ("", "empty term"),
        ("a\nb", "control character U+000A"),
        ("a\x85b", "control character U+0085"),
        ("a\u2028b", "control character U+2028"),
        (" lead", "leading or trailing whitespace"),
        ("trail\u3000", "leading or trailing whitespace"),
        ("fine", None),
    ],
)
def test_deepl_term_rules(term: str, problem: str | None) -> None:
    assert term_problem(term) == problem


def test_deepl_import_identity_is_keep_and_case_pairs_stay_apart() -> None:
    entries, warnings = read_deepl(fixture("deepl-entries.tsv"), "d.tsv")
    assert warnings == []
    by_term = {e.term: e for e in entries}
    assert by_term["RAG"].kind is Kind.KEEP
    assert by_term["fine-tuning"].ja == ("ファインチューニング",)
    assert by_term["attention"].case_sensitive  # `Attention` is another entry
    assert by_term["reward model"].line == 8  # a blank line and a CRLF ending are fine
    assert bare(parse_glossary(render_yaml(entries), "x")) == bare(entries)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("RAG\tRAG\nsource only\n", 2, "expected 'source<TAB>target', found 0 tabs"),
        ("a\tb\tc\n", 1, "found 2 tabs"),
        ("RAG\tRAG\nRAG\t検索拡張生成\n", 2, "duplicate source 'RAG' (first at line 1)"),
        ("RAG \tRAG\n", 1, "source 'RAG ': leading or trailing whitespace"),
        ("RAG\t\n", 1, "target '': empty term"),
        ("a\x0bb\tx\n", 1, "source 'a\\x0bb': control character U+000B"),
        ("ok\tline\u2028sep\n", 1, "control character U+2028"),
    ],
)
def test_deepl_import_refuses_rule_breaking_rows(text: str, line: int, message: str) -> None:
    with pytest.raises(TermqaError) as caught:
        read_deepl(text, "d.tsv")
    assert (caught.value.path, caught.value.line) == ("d.tsv", line)
    assert message in caught.value.detail


# --- import_file: the YAML loader checks what an import produces ---


def test_import_file_writes_yaml_the_loader_reads(tmp_path: Path) -> None:
    source = tmp_path / "team.csv"
    source.write_text("term,kind,ja\nRAG,keep,検索拡張生成\n", encoding="utf-8")
    text, warnings = import_file(str(source), "csv")
    assert warnings == []
    assert text.startswith("# Imported from team.csv (csv) by `termqa glossary import`.\n")
    assert "name: team\n" in text
    assert [e.term for e in parse_glossary(text, "x")] == ["RAG"]


def test_import_file_refuses_what_the_loader_would_refuse(tmp_path: Path) -> None:
    source = tmp_path / "clash.tsv"
    source.write_text("Attention\t注意\nattention\t注意機構\n", encoding="utf-8")
    text, _ = import_file(str(source), "deepl")  # case-sensitive apart: valid
    assert len(parse_glossary(text, "x")) == 2
    with pytest.raises(TermqaError, match="file not found"):
        import_file(str(tmp_path / "missing.csv"), "csv")
    with pytest.raises(TermqaError, match="is a directory"):
        import_file(str(tmp_path), "csv")
