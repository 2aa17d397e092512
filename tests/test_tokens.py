"""Latin token runs and the identifier predicates."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from termqa.text.tokens import (
    Run,
    core,
    digit_sequence,
    find_token,
    fold_width,
    hyphen_parts,
    in_latin_phrase,
    is_acronym,
    is_clear_name,
    is_identifier,
    is_plain_word,
    is_shouted_word,
    latin_runs,
    name_runs,
    plural_base,
    spells_no_word,
    split_slash,
)


def texts(text: str) -> list[str]:
    return [r.text for r in latin_runs(text)]


@pytest.mark.parametrize(
    "name",
    [
        "GPT-4-turbo-2024-0409",
        "Llama3-ChatQA-1.5",
        "PFLOPs/s",
        "H100",
        "GPT-4o",
        "llama.cpp",
        "DeepSeek-V3",
        "Phi-3-mini",
        "BF16",
        "C++",
        "C#",
        "Qwen2.5-72B-Instruct",
        "all-MiniLM-L6-v2",
        "e5-mistral-7b-instruct",
        "Mixtral-8x7B",
        "T5",
        "vLLM",
        "bert_base_uncased",
    ],
)
def test_names_are_one_run(name: str) -> None:
    assert texts(f"本稿では{name}を使う。") == [name]
    assert texts(f"We use {name}.") == ["We", "use", name]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RAGを使う", ["RAG"]),
        ("LoRAで学習", ["LoRA"]),
        ("LLMs, VLMs: and H100.", ["LLMs", "VLMs", "and", "H100"]),
        ("(see GPT-4)", ["see", "GPT-4"]),
        ("OpenAI's model", ["OpenAI", "s", "model"]),
        ("3.1ポイント", ["3.1"]),
        ("2–4倍", ["2", "4"]),
        ("a-", ["a"]),
        ("GPT-4.", ["GPT-4"]),
        ("C++で", ["C++"]),
        ("Q&A", ["Q", "A"]),
    ],
)
def test_run_boundaries(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_full_width_runs_keep_offsets() -> None:
    text = "モデルはＧＰＴ－４ｏです"
    (run,) = latin_runs(text)
    assert run.text == "ＧＰＴ－４ｏ"
    assert run.folded == "GPT-4o"
    assert text[run.start : run.end] == run.text


def test_fold_width_is_length_preserving() -> None:
    text = "ＬｏＲＡ\u3000と‑ハイフン"
    assert fold_width(text) == "LoRA と-ハイフン"
    assert len(fold_width(text)) == len(text)


@given(st.text())
def test_fold_never_changes_length(text: str) -> None:
    assert len(fold_width(text)) == len(text)


@given(st.text(alphabet=st.sampled_from("aZ9-._/+ ＡＢ１あ。,")))
def test_runs_slice_their_text(text: str) -> None:
    for run in latin_runs(text):
        assert text[run.start : run.end] == run.text
        assert fold_width(run.text) == run.folded
        assert run.folded[-1].isalnum() or run.folded.endswith(("+", "#"))


@given(st.text(alphabet=st.sampled_from("aZb9-._/+# ＡＢあ。,Ii"), max_size=40))
def test_name_runs_are_the_runs_that_are_not_plain_words(text: str) -> None:
    expected = [r for r in latin_runs(text) if not is_plain_word(r.folded)]
    assert name_runs(text) == expected


def test_name_runs_skip_plain_words() -> None:
    text = "The Model uses state-of-the-art LLM-based RAG on H100s, e.g. with Few-Shot CoT."
    assert [r.text for r in name_runs(text)] == ["LLM-based", "RAG", "H100s", "e.g", "CoT"]


@pytest.mark.parametrize(
    "token",
    [
        "RAG",
        "LLMs",
        "VLM",
        "PyTorch",
        "DeepSpeed",
        "vLLM",
        "LoRA",
        "iPhone",
        "GPT-4",
        "H100",
        "Llama-3-8B",
        "FP8",
        "OpenAI",
        "MoE",
        "x86",
        "float16",
        "ResNet-50",
        "NVIDIA",
        "GSM8K",
    ],
)
def test_identifiers(token: str) -> None:
    assert is_identifier(token)


@pytest.mark.parametrize(
    "token",
    [
        "the",
        "Model",
        "Attention",
        "I",
        "A",
        "II",
        "IV",
        "XII",
        "OK",
        "US",
        "CEO",
        "GB",
        "ms",
        "e.g",
        "7B",
        "128k",
        "2nd",
        "3D",
        "1080p",
        "3e-4",
        "top-5",
        "Top-1",
        "3-shot",
        "step-2",
        "Few-Shot",
        "Chain-of-Thought",
        "2024-0409",
    ],
)
def test_not_identifiers(token: str) -> None:
    assert not is_identifier(token)


@pytest.mark.parametrize(
    ("token", "expected"),
    [("rlhf", True), ("mmlu", True), ("nlp", True), ("grpo", True), ("sft", True)]
    + [(w, False) for w in ("bert", "math", "drop", "glue", "string", "three", "light")],
)
def test_spells_no_word(token: str, expected: bool) -> None:
    assert spells_no_word(token) is expected


def test_shouted_words() -> None:
    assert is_shouted_word("IMPORTANT")
    assert not is_shouted_word("GPT")
    assert not is_shouted_word("NVIDIA4")


def test_clear_names() -> None:
    assert all(map(is_clear_name, ["GPT-4o", "LoRA", "URL", "PaLM", "RAG"]))
    assert not any(map(is_clear_name, ["MATH", "BLOOM", "Python", "pandas"]))


def test_keep_terms_count_as_identifiers() -> None:
    assert is_identifier("Mistral", keep=frozenset({"Mistral"}))
    assert not is_identifier("Mistral")


def test_acronym_plurals_and_numerals() -> None:
    assert is_acronym("LLMs")
    assert is_acronym("GPUs")
    assert not is_acronym("IIs")
    assert not is_acronym("Hello")
    assert plural_base("LLMs") == "LLM"
    assert plural_base("APIs") == "API"
    assert plural_base("Adams") is None
    assert plural_base("LLM") is None


def _run(text: str) -> Run:
    (run,) = latin_runs(text)
    return run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LLM-based", "LLM"),
        ("multi-GPU", "GPU"),
        ("GPT-4-level", "GPT-4"),
        ("Phi-3-mini", "Phi-3"),
        ("DeepSeek-V3", "DeepSeek-V3"),
        ("state-of-the-art", "state-of-the-art"),
        ("Llama-3-8B", "Llama-3-8B"),
    ],
)
def test_core_strips_lowercase_word_parts(text: str, expected: str) -> None:
    assert core(_run(text)).folded == expected


def test_core_offsets() -> None:
    text = "使うmulti-GPU環境"
    inner = core(_run(text))
    assert text[inner.start : inner.end] == "GPU"


def test_split_slash_and_hyphen_parts() -> None:
    text = "xRAG/LLMy"
    run = _run(text[1:-1])
    assert [p.folded for p in split_slash(run)] == ["RAG", "LLM"]
    parts = hyphen_parts(_run("Deepseek-V3"))
    assert [(p.folded, p.start, p.end) for p in parts] == [("Deepseek", 0, 8), ("V3", 9, 11)]


def test_digit_sequence() -> None:
    assert digit_sequence("Llama-3-8B") == ("3", "8")
    assert digit_sequence("Llama-3-8") == ("3", "8")
    assert digit_sequence("Llama-3-70B") != digit_sequence("Llama-3-8B")
    assert digit_sequence("GPT-3") != digit_sequence("GPT-4")


@pytest.mark.parametrize(
    ("haystack", "needle", "found"),
    [
        ("VLMを評価", "VLM", True),
        ("LoRAで学習", "LoRA", True),
        ("GPT-4oを使う", "GPT-4", False),
        ("GPT-4.5を使う", "GPT-4", False),
        ("GPT-4-turboを使う", "GPT-4", True),
        ("ChatGPT-4を使う", "GPT-4", False),
        ("Llama-3-8B-Instruct", "Llama-3-8B", False),
        ("Llama-3-8B。", "Llama-3-8B", True),
        ("QLoRAで学習", "LoRA", False),
        ("(LLM)", "LLM", True),
    ],
)
def test_find_token(haystack: str, needle: str, found: bool) -> None:
    assert (find_token(haystack, needle) >= 0) is found


def test_find_token_ignore_case() -> None:
    assert find_token("Llama-3-8Bを使う", "llama-3-8b") == -1
    assert find_token("Llama-3-8Bを使う", "llama-3-8b", ignore_case=True) == 0


@pytest.mark.parametrize(
    ("text", "word", "phrase"),
    [
        ("使い慣れた OpenAI python クライアント", "python", True),
        ("Tell us the url of the page", "url", True),
        ("pythonで書く", "python", False),
        ("python 3.11環境", "python", False),
        ("これは LoRA です", "LoRA", False),
    ],
)
def test_in_latin_phrase(text: str, word: str, phrase: bool) -> None:
    run = next(r for r in latin_runs(text) if r.text == word)
    assert in_latin_phrase(text, run) is phrase
