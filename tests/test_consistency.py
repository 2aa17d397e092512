"""Consistency rules (CN01-CN03) and their parts: variant keys, renderings, preferred forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from termqa.api import Checker, text_document
from termqa.checks import consistency
from termqa.checks.base import Context
from termqa.checks.consistency_okurigana import candidates, kanji_words, mixed_words, skeleton
from termqa.checks.consistency_okurigana import compatible as okurigana_compatible
from termqa.checks.consistency_report import (
    APPROVED,
    FIRST,
    LISTED,
    MOSTLY,
    Occurrence,
    forms_of,
    preferred,
    report,
)
from termqa.checks.consistency_terms import (
    distinctive,
    rendered,
    source_renderings,
    target_renderings,
)
from termqa.checks.consistency_variants import compatible as katakana_compatible
from termqa.checks.consistency_variants import compound_parts, katakana_runs
from termqa.document import read_document
from termqa.engine import run_rules
from termqa.model import Document, Finding, Segment, SegmentKind, Span


def _context(doc: Document, checker: Checker) -> Context:
    return Context(doc=doc, glossary=checker.glossary, config=checker.config, ja=checker.ja)


def _run(doc: Document, checker: Checker) -> list[Finding]:
    return run_rules(doc, _context(doc, checker), consistency.RULES)


def _text(target: str, checker: Checker, source: str | None = None) -> list[Finding]:
    return _run(text_document(target, source), checker)


def _file(tmp_path: Path, name: str, text: str) -> Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_document(str(path))


def _segment(text: str) -> Segment:
    return Segment(0, SegmentKind.PARAGRAPH, Span(text, text, 0))


# --- katakana ---------------------------------------------------------------------------------


def _runs(text: str, checker: Checker) -> list[tuple[str, str]]:
    seg = _segment(text)
    ctx = _context(text_document(text), checker)
    return [(key, occ.shown) for key, occ in katakana_runs(seg, ctx)]


def test_katakana_runs_are_keyed_without_long_vowels_and_separators(checker: Checker) -> None:
    assert _runs("ユーザとユーザー、ファイン・チューニング、キー", checker) == [
        ("k:ユザ", "ユーザ"),
        ("k:ユザ", "ユーザー"),
        ("k:ファインチュニング", "ファイン・チューニング"),
    ]


def test_words_standing_alone_are_found_inside_compounds(checker: Checker) -> None:
    text = "パラメータとハイパーパラメーター、エンコーダーデコーダー"
    groups: dict[str, list[Occurrence]] = {}
    for key, occ in katakana_runs(_segment(text), _context(text_document(text), checker)):
        groups.setdefault(key, []).append(occ)
    parts = [(key, occ.shown, occ.start, occ.norm) for key, occ in compound_parts(groups)]
    assert parts == [("k:パラメタ", "パラメーター", 10, "part")]
    groups["k:エンコダ"] = []
    found = {(key, occ.shown) for key, occ in compound_parts(groups)}
    assert ("k:エンコダ", "エンコーダー") in found


def test_compound_parts_are_cut_only_where_sudachi_allows(checker: Checker) -> None:
    text = "プーリングとサンプリング、マックスプーリング、トークナイザーモデルとトークナイザ"
    groups: dict[str, list[Occurrence]] = {}
    for key, occ in katakana_runs(_segment(text), _context(text_document(text), checker)):
        groups.setdefault(key, []).append(occ)
    cuts = checker.ja.splits_at
    found = {(key, occ.shown) for key, occ in compound_parts(groups, cuts)}
    assert ("k:プリング", "プリング") not in found  # not a word inside サンプリング
    assert ("k:プリング", "プーリング") in found  # マックス|プーリング
    assert ("k:トクナイザ", "トークナイザー") in found  # a word Sudachi does not know
    everything = {(key, occ.shown) for key, occ in compound_parts(groups)}
    assert ("k:プリング", "プリング") in everything


@pytest.mark.parametrize(
    ("word", "at", "expected"),
    [
        ("サンプリング", 2, False),
        ("ユーザーインターフェース", 4, True),
        ("ハイパーパラメーター", 4, True),
        ("トークナイザーモデル", 7, True),
        ("データセット", 1, False),
        ("プーリング", 0, True),
    ],
)
def test_splits_at(checker: Checker, word: str, at: int, *, expected: bool) -> None:
    assert checker.ja.splits_at(word, at) is expected


@pytest.mark.parametrize(
    ("key", "best", "other", "expected"),
    [
        ("k:ユザ", "ユーザー", "ユーザ", True),
        ("k:トクナイザ", "トークナイザー", "トークナイザ", True),
        ("k:コスト", "コスト", "コースト", False),
        ("k:メモリ", "メモリ", "メモリー", True),
        ("k:デタセット", "データセット", "データ・セット", True),
    ],
)
def test_katakana_compatible(
    key: str, best: str, other: str, expected: bool, checker: Checker
) -> None:
    ctx = _context(text_document(best), checker)
    assert katakana_compatible(key, best, other, ctx) is expected


# --- okurigana ---------------------------------------------------------------------------------


def _forms(text: str, live: set[str], checker: Checker) -> dict[str, str]:
    """Surface -> form of the words at stake in `text`."""
    ctx = _context(text_document(text), checker)
    return {
        occ.shown if occ.form[0] != "=" else text[occ.start : occ.end]: occ.form
        for _, occ in kanji_words([_segment(text)], live, ctx)
    }


def test_inflections_of_one_spelling_share_a_form(checker: Checker) -> None:
    forms = _forms("実験を行う。実験を行い、評価が行われる。", {"行う"}, checker)
    assert forms["行う"] == forms["行い"] == forms["行わ"] == "=行う"


def test_okurigana_variants_get_their_own_form(checker: Checker) -> None:
    forms = _forms("行なった。行なう。", {"行う"}, checker)
    assert forms["行なっ"] == forms["行なう"] == "行"


def test_suru_verbs_and_potential_forms_are_inflections(checker: Checker) -> None:
    forms = _forms("時間を要し、目標に達した。誰でも使える。", {"要", "達", "使"}, checker)
    assert forms["要し"].startswith("=")
    assert forms["達し"].startswith("=")
    assert forms["使える"].startswith("=")


def test_mixed_words_skip_particles_between_kanji(checker: Checker) -> None:
    text = "取り組みを紹介し、学習の結果と組み合わせを示す"
    found = mixed_words(_segment(text), _context(text_document(text), checker))
    assert found == [("取組", "取り組"), ("組合", "組み合")]


def test_only_segments_with_rival_spellings_are_tokenized(tmp_path: Path, checker: Checker) -> None:
    doc = _file(
        tmp_path, "post.md", "取り組みを紹介します。\n\n別の話題です。\n\n取組状況を示します。\n"
    )
    segs, live = candidates(doc, _context(doc, checker))
    assert [s.index for s in segs] == [0, 2]
    assert live == {"取組"}


@pytest.mark.parametrize(
    ("best", "other", "expected"),
    [("組み合わせ", "組合せ", True), ("子供", "子ども", False), ("測る", "計っ", False)],
)
def test_okurigana_compatible(best: str, other: str, expected: bool) -> None:
    assert okurigana_compatible(best, other) is expected


def test_skeleton_keeps_kanji_in_order() -> None:
    assert skeleton("組み合わせ") == skeleton("組合せ") == "組合"
    assert skeleton("取り組み") == "取組"
    assert skeleton("ユーザー") == ""


# --- preferred form and report -----------------------------------------------------------------


def _occurrences(*forms: str) -> list[Occurrence]:
    seg = _segment("".join(forms))
    out, at = [], 0
    for form in forms:
        out.append(Occurrence(seg, at, at + len(form), form, form, fix=True))
        at += len(form)
    return out


def test_preferred_is_the_majority_then_the_first_seen() -> None:
    forms = forms_of(_occurrences("ユーザ", "ユーザー", "ユーザー"))
    assert (preferred(forms)[0].form, preferred(forms)[1]) == ("ユーザー", MOSTLY)
    tie = forms_of(_occurrences("ユーザ", "ユーザー"))
    assert (preferred(tie)[0].form, preferred(tie)[1]) == ("ユーザ", FIRST)


def test_preferred_follows_the_glossary() -> None:
    forms = forms_of(_occurrences("ユーザ", "ユーザ", "ユーザー"))
    best, why = preferred(forms, approved=lambda s: s == "ユーザー")
    assert (best.form, why) == ("ユーザー", APPROVED)
    tie = forms_of(_occurrences("微調整", "ファインチューニング"))
    best, why = preferred(tie, listed_first="ファインチューニング")
    assert (best.form, why) == ("ファインチューニング", LISTED)


def test_report_gives_one_hit_per_place_with_counts_and_line() -> None:
    occs = _occurrences("ユーザー", "ユーザ", "ユーザー", "ユーザ")
    doc = Document("p.md", "".join(o.form for o in occs), "target-only", (occs[0].seg,))
    forms = forms_of(occs)
    best, why = preferred(forms)
    hits = [hit for _, hit in report(doc, forms, best, why, lambda f, b: f"{f.form}/{b.form}")]
    assert [(h.start, h.fix) for h in hits] == [(4, "ユーザー"), (11, "ユーザー")]
    assert hits[0].message == "ユーザ/ユーザー; this post writes 'ユーザー' first (first at line 1)"


# --- CN01 on documents ---------------------------------------------------------------------------


def test_variants_across_segments_report_every_place(tmp_path: Path, checker: Checker) -> None:
    doc = _file(
        tmp_path,
        "post.md",
        "# 見出し\n\nユーザーが設定します。\n\nユーザの履歴とユーザの設定。\n\n"
        "ユーザーごとに保存し、ユーザーが削除できます。\n",
    )
    found = [f for f in _run(doc, checker) if f.code == "CN01"]
    assert [(f.line, f.target) for f in found] == [(5, "ユーザ"), (5, "ユーザ")]
    assert "'ユーザ' (2×) and 'ユーザー' (3×)" in found[0].message
    assert "mostly writes 'ユーザー' (first at line 3)" in found[0].message
    assert found[0].suggestion == "ユーザー"


def test_separated_runs_are_variants(checker: Checker) -> None:
    found = _text(
        "エンコーダ・デコーダを使う。エンコーダデコーダ構成。エンコーダ・デコーダの利点。", checker
    )
    assert [(f.code, f.target, f.fix) for f in found] == [
        ("CN01", "エンコーダデコーダ", "エンコーダ・デコーダ")
    ]


def test_forbidden_spellings_are_left_to_the_glossary_rules(checker: Checker) -> None:
    assert _text("ファイン・チューニングとファインチューニング。", checker) == []


def test_verb_variants_have_no_fix(checker: Checker) -> None:
    found = _text("実験を行った。評価も行なった。分析を行う。", checker)
    assert [(f.target, f.fix) for f in found] == [("行なっ", None)]


# --- CN02 and CN03 -------------------------------------------------------------------------------


def _renderings(text: str, checker: Checker) -> list[tuple[str, str]]:
    """Renderings found in `text` with every rendering of the glossary (as CN03 sees them)."""
    doc = text_document(text)
    ctx = _context(doc, checker)
    found = rendered(doc.segments[0], ctx, source_renderings(ctx))
    return [(r.entry.term, r.occurrence.shown) for r in found]


def test_renderings_lie_on_token_boundaries(checker: Checker) -> None:
    assert _renderings("注意点と不注意、幻覚剤の記憶力。", checker) == []
    assert _renderings("微調整の方法", checker) == [("fine-tuning", "微調整")]


def test_renderings_inside_longer_ones_do_not_count(checker: Checker) -> None:
    terms = [term for term, _ in _renderings("パラメータ効率の良い微調整と学習データ", checker)]
    assert "fine-tuning" not in terms
    assert "training" not in terms
    assert _renderings("機械学習の歴史", checker) == []


def test_glosses_of_kept_acronyms_name_the_translated_term(checker: Checker) -> None:
    assert _renderings("文脈内学習", checker) == [("in-context learning", "文脈内学習")]


def test_only_distinctive_renderings_count_without_a_source(checker: Checker) -> None:
    doc = text_document("学習と訓練、微調整")
    ctx = _context(doc, checker)
    found = rendered(doc.segments[0], ctx, target_renderings(ctx))
    assert [r.occurrence.shown for r in found] == ["微調整"]


def test_short_kanji_renderings_are_not_distinctive() -> None:
    assert not distinctive("学習")
    assert not distinctive("注意")
    assert distinctive("微調整")
    assert distinctive("レイヤー")


def test_cn02_runs_without_a_source_only(tmp_path: Path, checker: Checker) -> None:
    text = "モデルをファインチューニングした。\n\n微調整には1時間かかる。\n"
    found = [f.code for f in _run(_file(tmp_path, "post.md", text), checker)]
    assert found == ["CN02"]
    bilingual = _text("ファインチューニングと微調整。", checker, source="Fine-tuning and tuning.")
    assert [f.code for f in bilingual] == []


def test_cn03_counts_renderings_the_source_accounts_for(checker: Checker) -> None:
    source = "Fine-tuning is stable, and fine-tuning is cheap."
    found = _text("ファインチューニングは安定し、微調整は安価です。", checker, source=source)
    assert [(f.code, f.target, f.suggestion) for f in found] == [
        ("CN03", "微調整", "ファインチューニング")
    ]
    once = _text(
        "ファインチューニングと微調整は同じ意味です。", checker, source="Fine-tuning is tuning."
    )
    assert once == []


def test_cn03_across_segments(tmp_path: Path, checker: Checker) -> None:
    doc = _file(
        tmp_path,
        "post.txt",
        "微調整の手順 / Fine-Tuning Recipes\n"
        "- モデルをファインチューニングします。\n"
        "We fine-tune the model with fine-tuning data.\n"
        "- ファインチューニングには1時間かかります。\n"
        "Fine-tuning takes an hour.\n"
        "- 微調整の後に評価します。\n"
        "We evaluate after fine-tuning.\n",
    )
    assert doc.bilingual
    found = [(f.code, f.line, f.target) for f in _run(doc, checker)]
    assert ("CN03", 6, "微調整") in found
    assert all(code == "CN03" for code, _, _ in found)
