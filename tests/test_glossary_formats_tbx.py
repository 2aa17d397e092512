"""TBX: TBX-Basic v2 (MARTIF) written; v2, MARTIF CAT exports and v3 read; XML attacks refused."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from termqa.errors import TermqaError
from termqa.glossary.formats.tbx import read_tbx, write_tbx
from termqa.glossary.model import Entry, Example, Kind, Scope

EXCHANGE = Path(__file__).parent / "fixtures" / "exchange"


def bare(entries: list[Entry]) -> list[Entry]:
    return [replace(e, path="<memory>", line=0) for e in entries]


def fixture(name: str) -> str:
    return (EXCHANGE / name).read_text(encoding="utf-8")


RAG = Entry(
    term="RAG",
    kind=Kind.KEEP,
    ja=("検索拡張生成",),
    forbidden=("ラグ",),
    aliases=("RAGs",),
    expansion="retrieval-augmented generation",
    note="Retrieval & generation <not the cloth>",
)
FT = Entry(
    term="fine-tuning",
    kind=Kind.TRANSLATE,
    ja=("ファインチューニング", "微調整"),
    forbidden=("ファインチューン",),
    case_sensitive=False,
)


def test_written_tbx_is_tbx_basic_v2_with_statuses() -> None:
    text, losses = write_tbx([RAG, FT])
    assert losses == []
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX-Basic"')
    assert '<p type="XCSURI">TBXBasicXCSV02.xcs</p>' in text
    assert "<note>Retrieval &amp; generation &lt;not the cloth&gt;</note>" in text
    rag = text[text.index('<termEntry id="t1">') : text.index('<termEntry id="t2">')]
    assert rag.count("preferredTerm-admn-sts") == 2  # RAG in English, RAG kept in Japanese
    assert '<termNote type="termType">fullForm</termNote>' in rag
    assert "deprecatedTerm-admn-sts" in rag
    entries, warnings = read_tbx(text, "g.tbx")
    assert warnings == []
    assert bare(entries) == [RAG, FT]


def test_losses_case_scope_examples_and_identity_renderings() -> None:
    entries = [
        replace(FT, case_sensitive=True),
        replace(RAG, forbidden_scope=Scope.SOURCE, bad=(Example(ja="ラグを使う。"),)),
        Entry(
            term="LLM-as-a-judge",
            kind=Kind.TRANSLATE,
            ja=("LLM-as-a-judge", "LLM評価者"),
            case_sensitive=False,
        ),
        Entry(term="bad\x00char", kind=Kind.KEEP, path="g.yaml", line=9),
    ]
    text, losses = write_tbx(entries)
    assert losses == [
        "tbx cannot hold case (1 entry: fine-tuning)",
        "tbx cannot hold forbidden_scope (1 entry: RAG)",
        "tbx cannot hold examples (1 entry: RAG)",
        "entry 'LLM-as-a-judge': its first rendering equals the term, so it reads back as keep",
        "entry 'bad\\x00char' (g.yaml:9): dropped: holds a character XML 1.0 cannot represent",
    ]
    back, _ = read_tbx(text, "g.tbx")
    assert [e.term for e in back] == ["fine-tuning", "RAG", "LLM-as-a-judge"]
    judge = back[2]
    assert (judge.kind, judge.ja) == (Kind.KEEP, ("LLM評価者",))


def test_cat_tool_martif_export_imports() -> None:
    entries, warnings = read_tbx(fixture("cat-export.tbx"), "cat.tbx")
    by_term = {e.term: e for e in entries}
    assert list(by_term) == [
        "RAG",
        "fine-tuning",
        "Hugging Face",
        "knowledge distillation",
        "mixture of experts",
        "PyTorch",
        "reward model",
        "DeepSpeed",
        "tokeniser",
    ]
    rag = by_term["RAG"]
    assert rag.kind is Kind.KEEP  # the Japanese preferred term is the English term
    assert rag.expansion == "retrieval-augmented generation"
    assert rag.aliases == ("RAGs",)
    assert rag.ja == ("検索拡張生成",)
    assert rag.forbidden == ("ラグ",)
    assert rag.note == (
        "Generation that conditions a language model on retrieved documents.\n"
        "検索拡張生成: Gloss in parentheses on first use only."
    )
    assert rag.line == 19
    ft = by_term["fine-tuning"]  # two termEntries merged; superseded counts as forbidden
    assert (ft.kind, ft.ja, ft.aliases) == (
        Kind.TRANSLATE,
        ("ファインチューニング", "微調整"),
        ("finetuning",),
    )
    assert ft.forbidden == ("ファインチューン", "FT")
    assert by_term["Hugging Face"].kind is Kind.KEEP  # transferComment: do not translate
    assert by_term["Hugging Face"].forbidden == ("ハギングフェイス",)
    assert by_term["knowledge distillation"].ja == ("知識蒸留",)  # ntig/termGrp
    moe = by_term["mixture of experts"]  # no statuses: first term is the term
    assert (moe.aliases, moe.ja, moe.forbidden) == (
        ("MoE",),
        ("混合エキスパート",),
        ("専門家混合",),
    )
    assert by_term["reward model"].note == (
        "Scores assigned by a model & compared with human judgements <0–10>."
    )
    assert by_term["tokeniser"].ja == ("トークナイザー", "トークナイザ")  # en-GB, plain ja
    text = "\n".join(warnings)
    assert "cat.tbx:187: entry without an English term: skipped" in text
    assert "cat.tbx:194: deprecated English term 'Deepspeed' has no field: dropped" in text
    assert "'fine-tuning' repeats the entry at line 65: merged" in text
    assert (
        "ignored TBX data that has no glossary field: descrip type 'subjectField' (2), "
        "transacGrp (2), termNote type 'partOfSpeech' (2), admin type 'customerSubset' (1), "
        "language 'de' (1), descrip type 'context' (1)"
    ) in text


def test_tbx_v3_concept_entries_import() -> None:
    entries, warnings = read_tbx(fixture("basic-v3.tbx"), "v3.tbx")
    assert warnings == []
    assert bare(entries) == [
        Entry(
            term="fine-tuning",
            kind=Kind.TRANSLATE,
            ja=("ファインチューニング", "微調整"),
            case_sensitive=False,
            note="Adapting a pretrained model to a task with further training.",
        ),
        Entry(term="LoRA", kind=Kind.KEEP, forbidden=("ローラ",), expansion="low-rank adaptation"),
    ]


def test_cat_export_round_trips_through_our_tbx() -> None:
    first, _ = read_tbx(fixture("cat-export.tbx"), "cat.tbx")
    text, losses = write_tbx(first)
    assert losses == []
    second, warnings = read_tbx(text, "again.tbx")
    assert warnings == []
    assert bare(second) == bare(first)


@pytest.mark.parametrize(
    ("name", "entity"), [("bomb.tbx", "'lol'"), ("external-entity.tbx", "'secret'")]
)
def test_entity_declarations_are_refused_without_expansion(name: str, entity: str) -> None:
    with pytest.raises(TermqaError) as caught:
        read_tbx(fixture(name), name)
    assert caught.value.line == 3
    assert caught.value.detail.startswith(f"refusing XML that declares an entity ({entity})")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("<martif>\n<text><body>\n</text></martif>", 3, "malformed XML: mismatched tag"),
        ("<martif><text>&nbsp;</text></martif>", 1, "malformed XML: undefined entity"),
        ("", 1, "malformed XML: no element found"),
        ('<?xml version="1.0"?>\n<glossary/>', 2, "not TBX: the root element is <glossary>"),
    ],
)
def test_malformed_xml_is_refused_with_its_line(text: str, line: int, message: str) -> None:
    with pytest.raises(TermqaError) as caught:
        read_tbx(text, "g.tbx")
    assert caught.value.line == line
    assert caught.value.detail.startswith(message)


def test_a_doctype_without_entities_is_fine() -> None:
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">\n'
        '<martif type="TBX"><text><body><termEntry><langSet lang="en"><tig><term>vLLM</term>'
        "</tig></langSet></termEntry></body></text></martif>"
    )
    entries, warnings = read_tbx(text, "g.tbx")
    assert [(e.term, e.kind) for e in entries] == [("vLLM", Kind.KEEP)]
    assert warnings == ["g.tbx:3: 'vLLM' has no approved Japanese term: kept as keep"]
