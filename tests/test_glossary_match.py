"""The compiled glossary's matchers: boundaries, particles, plurals, case, width, normalization."""

from __future__ import annotations

import pytest

from termqa.glossary.fold import fold, width_fold
from termqa.glossary.index import Glossary
from termqa.glossary.model import Entry, Kind, Scope
from termqa.text.ja import JaTools


def keep(term: str, *forbidden: str, scope: Scope = Scope.ALWAYS, **kw: object) -> Entry:
    return Entry(term, Kind.KEEP, forbidden=forbidden, forbidden_scope=scope, **kw)  # type: ignore[arg-type]


def translate(term: str, ja: tuple[str, ...], *forbidden: str, **kw: object) -> Entry:
    return Entry(term, Kind.TRANSLATE, ja=ja, forbidden=forbidden, case_sensitive=False, **kw)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def ja() -> JaTools:
    return JaTools()


@pytest.fixture(scope="module")
def glossary(ja: JaTools) -> Glossary:
    return Glossary(
        [
            keep("RAG", "ラグ", scope=Scope.SOURCE, aliases=("RAGs",)),
            keep("LoRA", "ローラ", scope=Scope.SOURCE),
            keep("LLM", expansion="large language model"),
            keep("GPT-4"),
            keep("Google", "グーグル"),
            keep("Llama", "ラマ", scope=Scope.SOURCE),
            keep("Llama 3"),
            keep("C++"),
            translate("attention", ("アテンション",)),
            translate("attention head", ("アテンションヘッド",)),
            translate("head", ("ヘッド",), "頭"),
            translate("query", ("クエリ",)),
            translate("loss", ("損失",)),
            translate("parameter", ("パラメータ",), "パラメタ"),
            translate("interface", ("インターフェース",), "界面"),
            translate("prompt", ("プロンプト",), "迅速", forbidden_scope=Scope.SOURCE),
            translate("prompt tuning", ("プロンプトチューニング",)),
        ],
        ja=ja,
    )


def _english(g: Glossary, text: str, **kw: bool) -> list[tuple[str, str]]:
    return [(m.text, m.entry.term) for m in g.find_english(text, **kw)]


def _target(g: Glossary, text: str, **kw: bool) -> list[tuple[str, str]]:
    return [(m.text, m.entry.term) for m in g.find_in_target(text, **kw)]


def _forbidden(g: Glossary, ja: JaTools, text: str, source: str = "") -> list[tuple[str, str]]:
    return [(m.text, m.entry.term) for m in g.find_forbidden(text, ja.tokens(text), source)]


def test_folds_keep_length_and_offsets() -> None:
    text = "ＬｏＲＡとRAG‐based　ｘ"
    assert len(fold(text)) == len(text) == len(width_fold(text))
    assert fold(text) == "loraとrag-based x"
    assert width_fold("ＬｏＲＡ") == "LoRA"
    assert fold("İ") == "İ"  # whose lower case would be two characters: left alone


def test_english_word_boundaries(glossary: Glossary) -> None:
    assert _english(glossary, "RAG works; FRAGMENT and drag do not.") == [("RAG", "RAG")]
    assert _english(glossary, "non-RAG baselines (RAG).") == [("RAG", "RAG"), ("RAG", "RAG")]
    assert _english(glossary, "ragtime") == []


def test_english_plurals(glossary: Glossary) -> None:
    assert _english(glossary, "Two LLMs and RAGs") == [("LLMs", "LLM"), ("RAGs", "RAG")]
    assert _english(glossary, "queries and losses") == [("queries", "query"), ("losses", "loss")]
    assert _english(glossary, "LLMS") == []  # an acronym's plural s is lower case
    assert _english(glossary, "LLMsX") == []


def test_english_case(glossary: Glossary) -> None:
    assert _english(glossary, "Attention is all") == [("Attention", "attention")]
    assert _english(glossary, "the llm uses rag") == [("llm", "LLM"), ("rag", "RAG")]
    assert _english(glossary, "the llm uses rag", strict_case=True) == []
    assert _english(glossary, "the LLM", strict_case=True) == [("LLM", "LLM")]


def test_english_leftmost_longest(glossary: Glossary) -> None:
    assert _english(glossary, "each attention head") == [("attention head", "attention head")]
    assert _english(glossary, "Llama 3 beats Llama") == [("Llama 3", "Llama 3"), ("Llama", "Llama")]
    found = glossary.find_english("each attention head", overlapping=True)
    assert {m.entry.term for m in found} == {"attention", "attention head", "head"}


def test_english_versions_are_different_names(glossary: Glossary) -> None:
    assert _english(glossary, "GPT-4o, GPT-4.5 and GPT-4-Turbo") == []
    assert _english(glossary, "GPT-4, and GPT-4-based tools") == [
        ("GPT-4", "GPT-4"),
        ("GPT-4", "GPT-4"),
    ]
    assert _english(glossary, "C++ and C++17") == [("C++", "C++"), ("C++", "C++")]


def test_target_particles_and_latin_boundaries(glossary: Glossary) -> None:
    assert _target(glossary, "RAGを使い、LoRAで学習する。") == [("RAG", "RAG"), ("LoRA", "LoRA")]
    assert _target(glossary, "FRAGMENTとRAGs") == [("RAGs", "RAG")]
    assert _target(glossary, "LLMsの評価") == [("LLMs", "LLM")]


def test_target_full_width_and_case(glossary: Glossary) -> None:
    assert _target(glossary, "ＲＡＧを使う") == [("ＲＡＧ", "RAG")]
    assert _target(glossary, "Loraを使う") == []
    assert _target(glossary, "Loraを使う", strict_case=False) == [("Lora", "LoRA")]
    assert _target(glossary, "Attentionを使う") == [("Attention", "attention")]


def test_lookup(glossary: Glossary) -> None:
    assert glossary.lookup("RAGs") is glossary.lookup("RAG")
    entry = glossary.lookup("Attention Head")
    assert entry is not None
    assert entry.term == "attention head"
    assert glossary.lookup("rag") is None  # RAG is case-sensitive
    assert glossary.lookup("ＲＡＧ") is glossary.lookup("RAG")
    assert glossary.lookup("unknown") is None


def test_canonical_case(glossary: Glossary) -> None:
    assert glossary.canonical_case("lora") == "LoRA"
    assert glossary.canonical_case("Lora") == "LoRA"
    assert glossary.canonical_case("ｌｏｒａ") == "LoRA"
    assert glossary.canonical_case("LoRA") is None
    assert glossary.canonical_case("ＬｏＲＡ") is None  # right case; width is another rule's
    assert glossary.canonical_case("llms") == "LLMs"
    assert glossary.canonical_case("LLMs") is None
    assert glossary.canonical_case("gpt-4") == "GPT-4"
    assert glossary.canonical_case("attention") is None  # case-insensitive entry
    assert glossary.canonical_case("unknown") is None


def test_canonical_case_is_silent_when_spellings_clash(ja: JaTools) -> None:
    g = Glossary([keep("MoE"), keep("MOE", note="another thing")], ja=ja)
    assert g.canonical_case("moe") is None
    assert g.canonical_case("MoE") is None


def test_forbidden_on_token_boundaries_only(glossary: Glossary, ja: JaTools) -> None:
    source = "The head attends to the RAG context."
    assert _forbidden(glossary, ja, "頭を使う。", source) == [("頭", "head")]
    assert _forbidden(glossary, ja, "先頭と冒頭", source) == []
    assert _forbidden(glossary, ja, "ラグを使う。フラグを立てる。", source) == [("ラグ", "RAG")]
    assert _forbidden(glossary, ja, "グーグルとGoogle") == [("グーグル", "Google")]


def test_forbidden_by_normalized_form(glossary: Glossary, ja: JaTools) -> None:
    assert _forbidden(glossary, ja, "パラメタを増やす。") == [("パラメタ", "parameter")]
    assert _forbidden(glossary, ja, "パラメーターを増やす。") == [("パラメーター", "parameter")]
    assert _forbidden(glossary, ja, "Googleを使う。") == []  # グーグル normalizes to Google


def test_forbidden_scope_source(glossary: Glossary, ja: JaTools) -> None:
    assert _forbidden(glossary, ja, "ラグを使う。") == []
    assert _forbidden(glossary, ja, "ラグを使う。", "We use rag.") == [("ラグ", "RAG")]
    found = glossary.find_forbidden(
        "ラグを使う。", ja.tokens("ラグを使う。"), "use rag", strict_case=True
    )
    assert found == []
    # A name inside a longer kept name counts; a word inside a longer term does not.
    assert _forbidden(glossary, ja, "ラマ3を評価する。", "We evaluate Llama 3.") == [
        ("ラマ", "Llama")
    ]
    assert _forbidden(glossary, ja, "迅速に適応する。", "Prompt tuning adapts.") == []
    assert _forbidden(glossary, ja, "迅速な応答。", "A prompt reply.") == [("迅速", "prompt")]


def test_forbidden_match_details(glossary: Glossary, ja: JaTools) -> None:
    text = "まずグーグルを使う。"
    (match,) = glossary.find_forbidden(text, ja.tokens(text), "")
    assert (match.start, match.end, match.text) == (2, 6, "グーグル")
    assert match.entry.term == "Google"


def test_forbidden_shared_by_two_entries(ja: JaTools) -> None:
    g = Glossary([keep("BERT", "バート"), keep("BART", "バート")], ja=ja)
    assert sorted(_forbidden(g, ja, "バートを使う。")) == [("バート", "BART"), ("バート", "BERT")]


def test_forbidden_without_tokens_needs_latin_boundaries(ja: JaTools) -> None:
    g = Glossary([keep("PyTorch", "Pytorch")], ja=ja)
    assert [m.text for m in g.find_forbidden("Pytorchで", (), "")] == ["Pytorch"]
    assert g.find_forbidden("MyPytorchで", (), "") == []


def test_approves_and_layering_in_constructor(ja: JaTools) -> None:
    g = Glossary([translate("lag", ("ラグ",)), keep("RAG", "ラグ"), keep("RAG", "ボロ布")], ja=ja)
    assert [e.term for e in g.approves("ラグ")] == ["lag"]
    rag = g.lookup("RAG")
    assert rag is not None
    assert rag.forbidden == ("ボロ布",)  # the later entry with the same term wins
    assert len(g) == len(g.entries) == 2


def test_empty_glossary_finds_nothing(ja: JaTools) -> None:
    g = Glossary.empty()
    assert len(g) == 0
    assert g.find_english("RAG") == []
    assert g.find_in_target("RAGを") == []
    assert g.find_forbidden("ラグ", ja.tokens("ラグ"), "RAG") == []
    assert g.lookup("RAG") is None
    assert g.canonical_case("rag") is None
