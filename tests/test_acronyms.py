"""Acronym rules (AC01 missing-identifier, AC02 mangled-identifier) on hand-built glossaries."""

from __future__ import annotations

import pytest

from termqa.checks.acronyms import (
    mangled_identifier,
    missing_identifier,
    source_identifiers,
)
from termqa.checks.base import Context
from termqa.config import Config
from termqa.glossary.index import Glossary
from termqa.glossary.model import Entry, Kind
from termqa.model import Document, Hit, Segment, SegmentKind, Span
from termqa.text.ja import JaTools

KEEP = Kind.KEEP
ENTRIES = (
    Entry("LLM", KEEP, ja=("大規模言語モデル",), aliases=("LLMs",)),
    Entry("LoRA", KEEP, ja=("低ランク適応",), forbidden=("ローラ",)),
    Entry("QLoRA", KEEP),
    Entry("Hugging Face", KEEP, forbidden=("ハギングフェイス",)),
    Entry("Llama", KEEP),
    Entry("Mistral", KEEP),
    Entry("Mixtral", KEEP),
    Entry("MATH", KEEP),
    Entry("GPT-4o", KEEP),
    Entry("RLHF", KEEP, ja=("人間のフィードバックによる強化学習",)),
)


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary(
        ENTRIES, norms={"ローラ": ("ローラ",), "ハギングフェイス": ("ハギングフェイス",)}
    )


@pytest.fixture(scope="module")
def ja() -> JaTools:
    return JaTools()


def _context(
    pairs: list[tuple[str, str]], glossary: Glossary, ja: JaTools, *, lowered: bool = False
) -> Context:
    segments = tuple(
        Segment(i, SegmentKind.PARAGRAPH, Span(t, t, 0), Span(s, s, 0))
        for i, (s, t) in enumerate(pairs)
    )
    doc = Document("x.md", "", "interleaved", segments, source_lowercased=lowered)
    return Context(doc=doc, glossary=glossary, config=Config(), ja=ja)


def _run(
    source: str, target: str, glossary: Glossary, ja: JaTools, *, lowered: bool = False
) -> tuple[list[Hit], list[Hit]]:
    ctx = _context([(source, target)], glossary, ja, lowered=lowered)
    seg = ctx.doc.segments[0]
    return list(missing_identifier(seg, ctx)), list(mangled_identifier(seg, ctx))


def _forms(source: str, glossary: Glossary, ja: JaTools, *, lowered: bool = False) -> list[str]:
    ctx = _context([(source, "")], glossary, ja, lowered=lowered)
    return [i.form for i in source_identifiers(ctx.doc.segments[0], ctx)]


def test_source_identifiers(glossary: Glossary, ja: JaTools) -> None:
    forms = _forms("We host Llama-3-8B on Hugging Face with LoRA, not the MATH set.", glossary, ja)
    assert forms == ["Hugging Face", "LoRA", "MATH", "Llama-3-8B"]


def test_plain_words_and_labels_are_not_identifiers(glossary: Glossary, ja: JaTools) -> None:
    source = "The Model (see Figure 3, e.g. top-5) runs on 16 GB. I think it is OK."
    assert _forms(source, glossary, ja) == []


def test_lowercased_source_counts_only_clear_names(glossary: Glossary, ja: JaTools) -> None:
    forms = _forms("math with lora and llama on llama-3-8b", glossary, ja, lowered=True)
    assert forms == ["lora", "llama-3-8b"]


def test_missing_identifier_message(glossary: Glossary, ja: JaTools) -> None:
    missing, mangled = _run("We evaluate the VLM.", "評価する。", glossary, ja)
    assert missing == [Hit(0, 0, "'VLM' in source is missing from target", source="VLM")]
    assert mangled == []


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("LLMs are strong.", "LLMは強い。"),
        ("An LLM is strong.", "LLMsは強い。"),
        ("We use RAG.", "RAGを使う。"),
        ("LLMs like ChatGPT work.", "ChatGPTのような大規模言語モデルは機能する。"),
        ("We train with LoRA.", "ローラで学習する。"),  # forbidden rendering: GL reports it
        ("We train with LoRA.", "Loraで学習する。"),  # casing: CS01 reports it
        ("Use Hugging Face.", "ハギングフェイスを使う。"),
        ("It is trained with RLHF.", "人間のフィードバックを用いた強化学習で訓練される。"),
        ("We run GPT-4-turbo.", "GPT-4-turboを実行する。"),
        ("LLM-based agents", "LLMベースのエージェント"),
    ],
)
def test_present_identifiers_are_silent(
    source: str, target: str, glossary: Glossary, ja: JaTools
) -> None:
    assert _run(source, target, glossary, ja) == ([], [])


@pytest.mark.parametrize(
    ("source", "target", "near"),
    [
        ("We tune Llama-3-8B.", "Lama-3-8Bを調整する。", "Lama-3-8B"),
        ("We tune Llama-3-8B.", "Llama-3-8を調整する。", "Llama-3-8"),
        ("We use GPT-4o.", "GPT4oを使う。", "GPT4o"),
        ("We use DeepSpeed.", "DeepSpeeedを使う。", "DeepSpeeed"),
    ],
)
def test_near_misses_are_mangled(
    source: str, target: str, near: str, glossary: Glossary, ja: JaTools
) -> None:
    missing, mangled = _run(source, target, glossary, ja)
    assert missing == []
    (hit,) = mangled
    assert target[hit.start : hit.end] == near
    assert hit.fix == hit.suggestion
    assert hit.message.startswith(f"'{near}' is a mangled form of ")


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("GPT-4 is strong.", "GPT-3は強い。"),  # other digits: another model
        ("We tune Llama-3-8B.", "Llama-3-70Bを調整する。"),
        ("The VLM reads.", "VLLMは読む。"),  # three letters: no fuzzy match
        ("We use QLoRA.", "LoRAを使う。"),  # a known other name
        ("We use Mistral.", "Mixtralを使う。"),
        ("GPT-4 is strong.", "ChatGPT-4は強い。"),
    ],
)
def test_other_names_are_missing_not_mangled(
    source: str, target: str, glossary: Glossary, ja: JaTools
) -> None:
    missing, mangled = _run(source, target, glossary, ja)
    assert len(missing) == 1
    assert mangled == []


def test_lowercased_source_compares_without_case(glossary: Glossary, ja: JaTools) -> None:
    assert _run("we tune llama-3-8b.", "Llama-3-8Bを調整する。", glossary, ja, lowered=True) == (
        [],
        [],
    )


def test_lowercased_source_suggests_glossary_case(glossary: Glossary, ja: JaTools) -> None:
    _, mangled = _run("we use gpt-4o.", "GPT4oを使う。", glossary, ja, lowered=True)
    assert [h.suggestion for h in mangled] == ["GPT-4o"]


def test_lowercased_source_suggests_target_majority(glossary: Glossary, ja: JaTools) -> None:
    pairs = [
        ("we tune foo-7x.", "Foo-7Xを調整する。"),
        ("foo-7x is fast.", "Foo-7Xは速い。"),
        ("we tune foo-7x.", "Fo-7Xを調整する。"),
    ]
    ctx = _context(pairs, glossary, ja, lowered=True)
    hits = list(mangled_identifier(ctx.doc.segments[2], ctx))
    assert [h.suggestion for h in hits] == ["Foo-7X"]


def test_abbreviation_defined_in_parentheses_must_survive(glossary: Glossary, ja: JaTools) -> None:
    source = "We study large language models (LLMs) and their limits."
    missing, _ = _run(source, "大規模言語モデルとその限界を研究する。", glossary, ja)
    assert [h.source for h in missing] == ["LLMs"]
    assert _run(source, "大規模言語モデル（LLM）とその限界を研究する。", glossary, ja) == ([], [])


def test_lowercased_source_acronyms_that_spell_no_word(glossary: Glossary, ja: JaTools) -> None:
    missing, _ = _run("trained with rlhf on math.", "数学で訓練した。", glossary, ja, lowered=True)
    assert [h.source for h in missing] == ["rlhf"]


def test_shouted_words_are_not_identifiers(glossary: Glossary, ja: JaTools) -> None:
    assert _forms("IMPORTANT: ALWAYS answer, NOT guess.", glossary, ja) == []


def test_each_missing_identifier_is_reported_once(glossary: Glossary, ja: JaTools) -> None:
    missing, _ = _run("DPO and PPO, then DPO again.", "手法を比較する。", glossary, ja)
    assert [h.source for h in missing] == ["DPO", "PPO"]
