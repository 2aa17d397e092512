"""Unit tests of the number parsers, the matcher, the renderer, the alignment and the NM rules."""

from __future__ import annotations

import pytest

from termqa.api import Checker, text_document
from termqa.checks import numbers as rules
from termqa.checks.base import Context
from termqa.engine import run_rules
from termqa.model import Finding
from termqa.text.numbers import (
    Quantity,
    align,
    describe_en,
    matches,
    parse_en,
    parse_ja,
    render_ja,
    scale_slip,
)


def values(qs: list[Quantity]) -> list[tuple[float, float, str]]:
    return [(q.low, q.high, q.unit) for q in qs]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("by 3.1 points", [(3.1, 3.1, "")]),
        ("a 35B model", [(35e9, 35e9, "")]),
        ("1.5 billion parameters", [(1.5e9, 1.5e9, "")]),
        ("128k tokens and 1.5M steps", [(128e3, 128e3, ""), (1.5e6, 1.5e6, "")]),
        ("1,024 entries", [(1024, 1024, "")]),
        ("16.96% and 7 percent", [(16.96, 16.96, "%"), (7, 7, "%")]),
        ("$300 and 5 dollars", [(300, 300, "USD"), (5, 5, "USD")]),
        ("twenty-five tasks", [(25, 25, "")]),
        ("two hundred samples", [(200, 200, "")]),
        ("twice as fast", [(2, 2, "x")]),
        ("2x and 3× faster", [(2, 2, "x"), (3, 3, "x")]),
        ("1.5–2.0x faster", [(1.5, 2.0, "x")]),
        ("2-4x faster", [(2, 4, "x")]),
        ("3 to 5 layers", [(3, 5, "")]),
        ("between 3 and 5 experts", [(3, 5, "")]),
        ("$3-5M", [(3e6, 5e6, "USD")]),
        ("July 11, 2024", [(20240711, 20240711, "date")]),
        ("Aug 3, 2024", [(20240803, 20240803, "date")]),
        ("11 July 2024", [(20240711, 20240711, "date")]),
        ("July 2024", [(20240701, 20240731, "date")]),
        ("on 2024-08-03", [(20240803, 20240803, "date")]),
        ("hundreds of GPUs", [(200, 999, "")]),
        ("4-bit weights", [(4, 4, "")]),
        ("7B and 13B", [(7e9, 7e9, ""), (13e9, 13e9, "")]),
        ("100+ languages", [(100, 100, "")]),
        ("a 7-billion-parameter model", [(7e9, 7e9, "")]),
        ("half a million users", [(5e5, 5e5, "")]),
        ("in the 1990s", [(1990, 19899, "")]),
    ],
)
def test_parse_en(text: str, expected: list[tuple[float, float, str]]) -> None:
    assert values(parse_en(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "GPT-4 and GPT-4o",
        "Llama-3-8B",
        "FP8 and BF16 on H100 and A100",
        "Phi-3 v1.5",
        "arXiv 2403.05313",
        "version 1.5.2",
        "top-5 accuracy",
        "the 1st and 2nd runs",
        "3D scenes with 16GB and lr 3e-4",
        "as shown in [12] and [3, 5]",
        "1. Introduction",
        "(2) the second case",
        "a 1/2 split at 24/7 with a 1:1 ratio",
        "zero-shot prompting",
        "the first and second stages",
        "someone often uses tension",
    ],
)
def test_not_english_quantities(text: str) -> None:
    assert parse_en(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3.1ポイント", [(3.1, 3.1, "")]),
        ("350億パラメータ", [(3.5e10, 3.5e10, "")]),
        ("1.2兆トークン", [(1.2e12, 1.2e12, "")]),
        ("3.5万件", [(35000, 35000, "")]),
        ("1000万枚", [(1e7, 1e7, "")]),
        ("1億2000万人", [(1.2e8, 1.2e8, "")]),
        ("１２８基", [(128, 128, "")]),
        ("７.２５％", [(7.25, 7.25, "%")]),
        ("五百のサンプル", [(500, 500, "")]),
        ("六百人", [(600, 600, "")]),
        ("三十五個", [(35, 35, "")]),
        ("二〇二四年", [(2024, 2024, "")]),
        ("2〜4倍", [(2, 4, "x")]),
        ("2～4倍", [(2, 4, "x")]),
        ("3から5層", [(3, 5, "")]),
        ("30〜50億", [(3e9, 5e9, "")]),
        ("2024年8月3日", [(20240803, 20240803, "date")]),
        ("2024年8月", [(20240801, 20240831, "date")]),
        ("数百のGPU", [(200, 999, "")]),
        ("十数個", [(11, 19, "")]),
        ("数十万件", [(2e5, 9.99e5, "")]),
        ("半分", [(0.5, 0.5, "x")]),
        ("3つのベンチマーク", [(3, 3, "")]),
        ("三つの手法", [(3, 3, "")]),
        ("64kトークン", [(64e3, 64e3, "")]),
        ("7Bモデル", [(7e9, 7e9, "")]),
        ("300ドルと1.5万円", [(300, 300, "USD"), (15000, 15000, "JPY")]),
        ("3割", [(30, 30, "%")]),
        ("50パーセント", [(50, 50, "%")]),
        ("3分の1", [(1 / 3, 1 / 3, "x")]),
        ("五百問の質問", [(500, 500, "")]),
        ("三十五歳", [(35, 35, "")]),
        ("一九九九年", [(1999, 1999, "")]),
        ("1．5倍", [(1.5, 1.5, "x")]),
        ("今年3月に", [(301, 331, "date")]),
    ],
)
def test_parse_ja(text: str, expected: list[tuple[float, float, str]]) -> None:
    assert values(parse_ja(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Llama-3-8BとGPT-4oとH100とFP8",
        "第3章と2番目と1つ目と3位",
        "一般的に統一された十分な一方",
        "一部の唯一の一緒に",
        "三角形と四半期と二次元",
        "変数と関数と複数の整数",
        "数学と数値",
        "[12]と[3, 5]",
        "(1) 最初",
        "arXiv 2403.05313",
        "千差万別と万一",
        "二三日と十二分に八百屋",
    ],
)
def test_not_japanese_quantities(text: str) -> None:
    assert parse_ja(text) == []


def test_spans_and_text_point_at_the_input() -> None:
    text = "精度は７.２５％で、約500件。"
    qs = parse_ja(text)
    assert [text[q.start : q.end] for q in qs] == [q.text for q in qs] == ["７.２５％", "500"]
    assert qs[1].qual == "~"


def test_qualifiers_and_optional_marks() -> None:
    en = parse_en("about 40%, over 100, up to 5, one of the models, Section 3")
    assert [q.qual for q in en] == ["~", ">=", "<=", "", ""]
    assert [q.optional for q in en] == [False, False, False, True, True]
    ja = parse_ja("約40%、100以上、10%未満、1つ、図3")
    assert [q.qual for q in ja] == ["~", ">=", "<=", "", ""]
    assert [q.optional for q in ja] == [False, False, False, True, True]


def one(text: str, lang: str) -> Quantity:
    (q,) = parse_en(text) if lang == "en" else parse_ja(text)
    return q


@pytest.mark.parametrize(
    ("en", "ja"),
    [
        ("1.5 billion", "15億"),
        ("$300", "300ドル"),
        ("three", "3つ"),
        ("twice", "2倍"),
        ("1,024", "1024"),
        ("five hundred", "五百人"),
        ("2–4x", "2〜4倍"),
        ("Aug 3, 2024", "2024年8月3日"),
        ("64k", "64kトークン"),
        ("half", "半分"),
        ("50%", "半分"),
        ("about 17%", "16.96%"),
        ("a dozen", "十数個"),
        ("hundreds of", "数百"),
        ("a 10x reduction", "10分の1"),
        ("3 times", "3回"),
        ("50%", "5割"),
    ],
)
def test_equivalent_renderings_match(en: str, ja: str) -> None:
    assert matches(one(en, "en"), one(ja, "ja"))


@pytest.mark.parametrize(
    ("en", "ja"),
    [
        ("7.25%", "7.52%"),
        ("$300", "300円"),
        ("2–4x", "2〜5倍"),
        ("Aug 3, 2024", "2024年8月4日"),
        ("2024", "2024年8月"),
        ("35B", "35億"),
        ("16.96%", "17%"),
    ],
)
def test_different_values_do_not_match(en: str, ja: str) -> None:
    assert not matches(one(en, "en"), one(ja, "ja"))


def test_scale_slip() -> None:
    assert scale_slip(one("35B", "en"), one("35億", "ja"))
    assert scale_slip(one("10 million", "en"), one("10万", "ja"))
    assert not scale_slip(one("3,500", "en"), one("350", "ja"))
    assert not scale_slip(one("35B", "en"), one("36億", "ja"))


@pytest.mark.parametrize(
    ("en", "ja"),
    [
        ("35B", "350億"),
        ("1.5 billion", "15億"),
        ("10 million", "1000万"),
        ("7.25%", "7.25%"),
        ("2–4x", "2〜4倍"),
        ("$300", "300ドル"),
        ("Aug 3, 2024", "2024年8月3日"),
        ("July 2024", "2024年7月"),
        ("64k", "64k"),
    ],
)
def test_render_ja(en: str, ja: str) -> None:
    assert render_ja(one(en, "en")) == ja


def test_describe_en() -> None:
    assert describe_en(3.5e9) == "3.5 billion"
    assert describe_en(1e5) == "100,000"
    assert describe_en(2.5) == "2.5"


def test_align_pairs_changed_numbers_by_unit_and_nearness() -> None:
    al = align("Accuracy is 7.25% with 128 GPUs.", "128基のGPUで精度は7.52%。")
    assert [(s.text, t.text) for s, t in al.matched] == [("128", "128")]
    assert [(s.text, t.text) for s, t in al.changed] == [("7.25%", "7.52%")]
    assert al.dropped == al.added == ()


def test_align_splits_a_range_into_its_ends() -> None:
    al = align("from 3 to 5 layers", "3層から5層")
    assert al.dropped == al.added == ()
    assert al.changed == ()
    al = align("It rose from 38.6% to 42.3%.", "38.6%から43.2%に上昇した。")
    assert [(s.text, t.text) for s, t in al.changed] == [("42.3%", "43.2%")]
    assert align("1 in 5 samples", "サンプルの5分の1").dropped == ()


def test_align_forgives_numbers_inside_identifiers() -> None:
    assert align("Llama 2 with 80 GB", "Llama2と80GB").dropped == ()
    assert align("Llama2 is used", "Llama 2を使う").added == ()
    assert align("GPT-3 reduces memory by 3x", "GPT-3はメモリを削減").dropped != ()


def run(checker: Checker, source: str, target: str) -> list[Finding]:
    doc = text_document(target, source)
    ctx = Context(doc=doc, glossary=checker.glossary, config=checker.config, ja=checker.ja)
    return run_rules(doc, ctx, rules.RULES)


def test_messages(checker: Checker) -> None:
    dropped = run(checker, "It improves accuracy by 3.1 points.", "精度が向上する。")
    assert [(f.code, f.message, f.source) for f in dropped] == [
        ("NM01", "'3.1' in source is missing from target", "3.1")
    ]
    changed = run(checker, "Accuracy rose by 7.25%.", "精度は7.52%向上した。")
    assert [(f.code, f.message, f.target, f.suggestion) for f in changed] == [
        ("NM02", "'7.52%' does not match source '7.25%'", "7.52%", "7.25%")
    ]
    slip = run(checker, "A 35B model.", "35億のモデル。")
    assert [(f.code, f.message, f.suggestion) for f in slip] == [
        ("NM03", "'35億' is 3.5 billion but source '35B' is 35 billion (350億)", "350億")
    ]
    added = run(checker, "It is fast.", "3倍高速です。")
    assert [(f.code, f.message, f.target) for f in added] == [
        ("NM04", "'3倍' in target has no counterpart in source", "3倍")
    ]


def test_rules_need_a_source(checker: Checker) -> None:
    assert all(rule.needs_source for rule in rules.RULES)
    doc = text_document("3倍高速です。")
    ctx = Context(doc=doc, glossary=checker.glossary, config=checker.config, ja=checker.ja)
    assert run_rules(doc, ctx, rules.RULES) == []


def test_blank_sides_are_left_to_the_structure_rules(checker: Checker) -> None:
    assert run(checker, "It uses 3 GPUs.", "  ") == []
    assert run(checker, "", "3基のGPUを使う。") == []
