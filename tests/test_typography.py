"""Typography rules TY01-TY08: offsets, fixes, masking, real digests and fix round trips."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termqa.api import Checker, text_document
from termqa.checks import typography
from termqa.checks.base import Context
from termqa.checks.typography_marks import is_ja_letter
from termqa.document import read_document
from termqa.engine import run_rules
from termqa.model import Document, Finding

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "tests" / "fixtures" / "good_ja"


def _run(checker: Checker, doc: Document, style: str = "jtf") -> list[Finding]:
    config = dataclasses.replace(checker.config, style=style)
    ctx = Context(doc=doc, glossary=checker.glossary, config=config, ja=checker.ja)
    return run_rules(doc, ctx, typography.RULES)


def _check(checker: Checker, target: str, style: str = "jtf") -> list[Finding]:
    return _run(checker, text_document(target), style)


def apply_fixes(text: str, findings: list[Finding]) -> str:
    """Apply the fixes right to left, skipping any that overlaps one already applied."""
    out = text
    last = len(text) + 1
    for f in sorted(findings, key=lambda f: f.offset, reverse=True):
        if f.fix is None or f.end_offset > last:
            continue
        out = out[: f.offset] + f.fix + out[f.end_offset :]
        last = f.offset
    return out


@pytest.mark.parametrize(
    ("target", "fixed"),
    [
        ("提案します.", "提案します。"),
        ("提案します. 次に比較します。", "提案します。次に比較します。"),
        ("画像, テキスト", "画像、テキスト"),
        ("結果は表1に示します．", "結果は表1に示します。"),
        ("ＧＰＵを１２８基", "GPUを128基"),
        ("ﾓﾃﾞﾙとﾃﾞｰﾀ", "モデルとデータ"),
        ("学習には GPU を使う", "学習にはGPUを使う"),
        ("8基のA100GPUで", "8基のA100 GPUで"),
        ("混合エキスパート（MoE)", "混合エキスパート(MoE)"),
        ("混合（エキスパート)", "混合（エキスパート）"),
        ("論文(第1週)を紹介", "論文（第1週）を紹介"),
        ("2~4倍", "2〜4倍"),
        ("2 ~ 4倍", "2〜4倍"),
    ],
)
def test_fixes_give_the_house_style(checker: Checker, target: str, fixed: str) -> None:
    assert apply_fixes(target, _check(checker, target)) == fixed


def test_ascii_comma_before_latin_has_no_fix(checker: Checker) -> None:
    (finding,) = _check(checker, "日本語,English")
    assert finding.code == "TY01"
    assert finding.fix is None


def test_hits_point_at_the_evidence(checker: Checker) -> None:
    found = {f.code: f for f in _check(checker, "本文は GPU で、ＧＰＵとA100GPUを使う。")}
    assert found["TY02"].target == "ＧＰＵ"
    assert found["TY05"].target == "A100GPU"
    assert found["TY04"].target == " "
    assert "'ＧＰＵ'" in found["TY02"].message


def test_masked_code_and_urls_are_never_typography(checker: Checker) -> None:
    target = "`ＧＰＵ, x~1` と https://example.com/a~1 を見る。`A100GPU`も。$x$ 個"
    assert _check(checker, target) == []


def test_spaces_next_to_masked_spans_do_not_count(checker: Checker) -> None:
    assert _check(checker, "`pip install x` を実行し、$n$ 個を処理する。") == []


def test_metadata_lines_keep_ascii_commas_and_spaces(checker: Checker, tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text(
        "# 論文\n\n- 著者: 田中 太郎, 佐藤 花子\n- 所属: 東京大学 AI研究所\n\n本文です。\n",
        encoding="utf-8",
    )
    assert _run(checker, read_document(str(path))) == []


def test_mixed_pair_is_not_an_enumeration_inside_a_pair(checker: Checker) -> None:
    found = _check(checker, "手順（例: a) 前処理 b) 学習）に従う。")
    assert [f for f in found if f.code == "TY06"] == []


def test_glued_name_needs_a_known_name_or_model_number(checker: Checker) -> None:
    assert [f.target for f in _check(checker, "A100GPUとFooGPUとRTX4090GPU")] == [
        "A100GPU",
        "RTX4090GPU",
    ]


def test_is_ja_letter() -> None:
    assert is_ja_letter("あ")
    assert is_ja_letter("漢")
    assert is_ja_letter("ー")
    assert not is_ja_letter("。")
    assert not is_ja_letter("A")
    assert not is_ja_letter("")


def test_sample_digests_report_only_width_and_title_brackets(checker: Checker) -> None:
    seen = []
    for path in sorted((ROOT / "corpora").iterdir()):
        if path.suffix in (".md", ".txt", ".tsv") and path.name not in ("README.md", "PLANTED.md"):
            if path.name.endswith(".en.md"):
                continue
            seen += [(path.name, f.code, f.target) for f in _run(checker, read_document(str(path)))]
    assert ("interleaved-02.txt", "TY02", "１２８") in seen
    assert {code for _, code, _ in seen} <= {"TY02", "TY07"}


@pytest.mark.parametrize("style", ["jtf", "technical", "permissive"])
def test_good_japanese_is_quiet(checker: Checker, style: str) -> None:
    paths = sorted(GOOD.glob("*.md"))
    assert paths
    for path in paths:
        found = _run(checker, read_document(str(path)), style)
        assert [(f.line, f.code, f.message) for f in found] == [], path.name


_PIECES = st.sampled_from(
    [
        *("学習", "モデル", "GPU", "A100", "ＧＰＵ", "１２", "ﾓﾃﾞﾙ", " ", ".", ",", "．", "，"),
        *("。", "（", "）", "(", ")", "2", "~", "4", "倍", "を", "A100GPU", "\n"),
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_fixes_leave_nothing_for_their_rule(checker: Checker, target: str) -> None:
    found = _check(checker, target)
    for code in ("TY01", "TY02", "TY03", "TY05", "TY06", "TY07", "TY08"):
        fixed = apply_fixes(target, [f for f in found if f.code == code])
        again = [f for f in _check(checker, fixed) if f.code == code and f.fix is not None]
        assert again == [], (code, target, fixed)
