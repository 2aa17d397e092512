"""Casing rules (CS01 wrong-case, CS02 inconsistent-case) on hand-built glossaries."""

from __future__ import annotations

import pytest

from termqa.checks.base import Context
from termqa.checks.casing import inconsistent_case, wrong_case
from termqa.config import Config
from termqa.glossary.index import Glossary
from termqa.glossary.model import Entry, Kind
from termqa.model import Document, Hit, Segment, SegmentKind, Span
from termqa.text.ja import JaTools

KEEP = Kind.KEEP
ENTRIES = (
    Entry("PyTorch", KEEP),
    Entry("DeepSeek", KEEP),
    Entry("DeepSpeed", KEEP),
    Entry("LoRA", KEEP),
    Entry("MoE", KEEP, aliases=("MoEs",)),
    Entry("GPT-4o", KEEP),
    Entry("URL", KEEP, aliases=("URLs",)),
    Entry("LLaMA", KEEP),
    Entry("Llama", KEEP),
    Entry("Python", KEEP),
    Entry("pandas", KEEP),
    Entry("BLOOM", KEEP),
    Entry("MATH", KEEP),
    Entry("FLAN", KEEP),
    Entry("Flan-T5", KEEP),
    Entry("ZeRO", KEEP),
    Entry("zero-shot", Kind.TRANSLATE, ja=("ゼロショット",), case_sensitive=False),
)


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary(ENTRIES, norms={})


@pytest.fixture(scope="module")
def ja() -> JaTools:
    return JaTools()


def _doc(
    targets: list[str],
    sources: list[str] | None = None,
    *,
    lowered: bool = False,
    kinds: list[SegmentKind] | None = None,
) -> Document:
    segments = tuple(
        Segment(
            i,
            kinds[i] if kinds else SegmentKind.PARAGRAPH,
            Span(t, t, 0),
            Span(sources[i], sources[i], 0) if sources else None,
        )
        for i, t in enumerate(targets)
    )
    return Document("x.md", "", "interleaved", segments, source_lowercased=lowered)


def _cs01(
    target: str, glossary: Glossary, ja: JaTools, source: str | None = None
) -> list[tuple[str, str | None]]:
    lowered = source is not None and source == source.lower()
    doc = _doc([target], [source] if source is not None else None, lowered=lowered)
    ctx = Context(doc=doc, glossary=glossary, config=Config(), ja=ja)
    return [(target[h.start : h.end], h.suggestion) for h in wrong_case(doc.segments[0], ctx)]


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("Pytorchで学習した。", [("Pytorch", "PyTorch")]),
        ("Deepseek-V4を評価した。", [("Deepseek", "DeepSeek")]),
        ("loraとMOEを使う。", [("lora", "LoRA"), ("MOE", "MoE")]),
        ("gpt-4oのurlを開く。", [("gpt-4o", "GPT-4o"), ("url", "URL")]),
        ("ＰＹＴＯＲＣＨで実装した。", [("ＰＹＴＯＲＣＨ", "PyTorch")]),
        ("MOEsを比較する。", [("MOEs", "MoEs")]),
        ("Use pytorch to train.", [("pytorch", "PyTorch")]),
        ("pythonで書く。", [("python", "Python")]),
        ("Pandasで集計する。", [("Pandas", "pandas")]),
        ("Bloomモデル", [("Bloom", "BLOOM")]),
        ("gpt-4o-miniを使う。", [("gpt-4o", "GPT-4o")]),
        ("pytorch-2.1で動く。", [("pytorch", "PyTorch")]),
    ],
)
def test_glossary_casing(
    target: str, expected: list[tuple[str, str]], glossary: Glossary, ja: JaTools
) -> None:
    assert _cs01(target, glossary, ja) == expected


@pytest.mark.parametrize(
    "target",
    [
        "PyTorchとDeepSeek-V3とLoRAを使う。",
        "LLaMAとLlamaは別のモデルです。",
        "Install the python package.",  # a word in an English phrase
        "The bloom of flowers.",
        "Math Reasoning with Small Models",
        "Zero-shotとzero-shotで評価する。",  # a glossary term, not ZeRO
        "Flan-T5とFlan-PaLMを比較する。",  # a compound may title-case an acronym
        "torch.nn.functionalとdeepseek/model.pyを使う。",  # module and path names
        "LLaMaとLlama-2",  # LLaMa folds to two glossary spellings: ambiguous
        "Zero-Shot Learnersとbloom-filterとpython-basedの比較",  # English compounds
    ],
)
def test_glossary_casing_silent(target: str, glossary: Glossary, ja: JaTools) -> None:
    assert _cs01(target, glossary, ja) == []


def test_message_quotes_evidence(glossary: Glossary, ja: JaTools) -> None:
    doc = _doc(["Deepspeedを使う。"])
    ctx = Context(doc=doc, glossary=glossary, config=Config(), ja=ja)
    assert list(wrong_case(doc.segments[0], ctx)) == [
        Hit(0, 9, "'Deepspeed' should be cased 'DeepSpeed'", "", "DeepSpeed", "DeepSpeed")
    ]


def test_source_gives_the_case(glossary: Glossary, ja: JaTools) -> None:
    source = "We benchmark FooBarNet and LLaMA."
    assert _cs01("FoobarNetとLLaMaを評価する。", glossary, ja, source) == [
        ("FoobarNet", "FooBarNet"),
        ("LLaMa", "LLaMA"),
    ]


def test_glossary_wins_over_source(glossary: Glossary, ja: JaTools) -> None:
    assert _cs01("PyTorchを使う。", glossary, ja, "We use Pytorch.") == []
    assert _cs01("Pytorchを使う。", glossary, ja, "We use Pytorch.") == [("Pytorch", "PyTorch")]


def test_source_casing_the_translator_followed(glossary: Glossary, ja: JaTools) -> None:
    source = "All examples run in the same python 3.11 environment."
    assert _cs01("例はpython 3.11環境で実行する。", glossary, ja, source) == []


def test_lowercased_source_is_no_authority(glossary: Glossary, ja: JaTools) -> None:
    assert _cs01("FooBarNetを使う。", glossary, ja, "we use foobarnet.") == []
    assert _cs01("Deepspeedを使う。", glossary, ja, "we use deepspeed.") == [
        ("Deepspeed", "DeepSpeed")
    ]


def _cs02(
    targets: list[str], glossary: Glossary, ja: JaTools, kinds: list[SegmentKind] | None = None
) -> list[tuple[int, str, str | None]]:
    doc = _doc(targets, kinds=kinds)
    ctx = Context(doc=doc, glossary=glossary, config=Config(), ja=ja)
    return [
        (seg.index, seg.text[h.start : h.end], h.suggestion)
        for seg, h in inconsistent_case(doc, ctx)
    ]


def test_minority_spelling_is_reported(glossary: Glossary, ja: JaTools) -> None:
    targets = ["OpenVLAを評価した。", "OpenVLAは強い。", "Openvlaは遅い。Openvlaは重い。OpenVLA"]
    assert _cs02(targets, glossary, ja) == [(2, "Openvla", "OpenVLA"), (2, "Openvla", "OpenVLA")]


def test_compound_is_reported_once(glossary: Glossary, ja: JaTools) -> None:
    targets = ["StreamingLLM-7Bは速い。StreamingLLM-7Bを使う。", "Streamingllm-7Bは遅い。"]
    assert _cs02(targets, glossary, ja) == [(1, "Streamingllm-7B", "StreamingLLM-7B")]


def test_tie_prefers_heading(glossary: Glossary, ja: JaTools) -> None:
    kinds = [SegmentKind.PARAGRAPH, SegmentKind.HEADING]
    found = _cs02(["MiniCpmを使う。", "MiniCPMの紹介"], glossary, ja, kinds)
    assert found == [(0, "MiniCpm", "MiniCPM")]


def test_tie_without_heading_prefers_first(glossary: Glossary, ja: JaTools) -> None:
    found = _cs02(["MiniCpmを使う。", "MiniCPMの紹介"], glossary, ja)
    assert found == [(1, "MiniCPM", "MiniCpm")]


@pytest.mark.parametrize(
    "targets",
    [
        ["Attention Is All You Need", "attentionの仕組み"],
        ["Few-Shot Learners", "few-shotで学習する。"],
        ["INTRODUCTION", "Introductionの節"],
        ["Tell us about the US market."],
        ["PyTorchとPytorch"],  # the glossary knows it: CS01's finding
        ["LLaMAとLlama"],
        ["distilabelとDistilabel"],
        ["Big Bench Hard", "BIG-Benchで評価"],
    ],
)
def test_inconsistent_case_silent(targets: list[str], glossary: Glossary, ja: JaTools) -> None:
    assert _cs02(targets, glossary, ja) == []
