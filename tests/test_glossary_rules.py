"""GL01–GL03 on the shipped glossary and on small hand-made ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from termqa.api import text_document
from termqa.checks import glossary as rules
from termqa.checks.base import Context
from termqa.config import Config
from termqa.document import parse_text
from termqa.engine import run_rules
from termqa.glossary.index import Glossary
from termqa.glossary.io import load_glossaries
from termqa.glossary.model import Entry, Kind, Scope
from termqa.model import Finding
from termqa.text.ja import JaTools

FIXTURES = Path(__file__).parent / "fixtures" / "rules"


@pytest.fixture(scope="module")
def ja() -> JaTools:
    return JaTools()


@pytest.fixture(scope="module")
def shipped(ja: JaTools) -> Glossary:
    return load_glossaries([], ja=ja)


def run(glossary: Glossary, ja: JaTools, target: str, source: str | None = None) -> list[Finding]:
    doc = text_document(target, source)
    ctx = Context(doc=doc, glossary=glossary, config=Config(), ja=ja)
    return run_rules(doc, ctx, rules.RULES)


def _cases() -> list[Any]:
    cases = []
    for path in sorted(FIXTURES.glob("GL*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for expect in ("fire", "silent"):
            for i, case in enumerate(data[expect]):
                cases.append(pytest.param(path.stem, expect, case, id=f"{path.stem}-{expect}-{i}"))
    return cases


@pytest.mark.parametrize(("code", "expect", "case"), _cases())
def test_fixture_cases(
    code: str, expect: str, case: dict[str, Any], shipped: Glossary, ja: JaTools
) -> None:
    findings = run(shipped, ja, case["target"], case.get("source"))
    mine = [f.message for f in findings if f.code == code]
    if expect == "silent":
        assert mine == []
    else:
        assert len(mine) == case.get("count", len(mine)) > 0, findings


def test_fixture_files_have_enough_cases() -> None:
    for code in ("GL01", "GL02", "GL03"):
        data = yaml.safe_load((FIXTURES / f"{code}.yaml").read_text(encoding="utf-8"))
        assert len(data["fire"]) >= 8
        assert len(data["silent"]) >= 12


def test_gl01_message_suggestion_fix_and_position(shipped: Glossary, ja: JaTools) -> None:
    (finding,) = run(shipped, ja, "まずグーグルが発表した。", "First, Google announced it.")
    assert finding.code == "GL01"
    assert finding.message == "'グーグル' renders do-not-translate term 'Google'"
    assert (finding.suggestion, finding.fix, finding.source) == ("Google", "Google", "Google")
    assert (finding.column, finding.end_column, finding.target) == (3, 7, "グーグル")


def test_gl01_one_finding_when_two_names_share_a_rendering(ja: JaTools) -> None:
    g = Glossary(
        [
            Entry("BERT", Kind.KEEP, forbidden=("バート",)),
            Entry("BART", Kind.KEEP, forbidden=("バート",)),
        ],
        ja=ja,
    )
    (alone,) = run(g, ja, "バートを使う。")
    assert alone.message == "'バート' renders do-not-translate term 'BERT' or 'BART'"
    assert alone.fix is None
    (paired,) = run(g, ja, "バートを使う。", "We use BART.")
    assert paired.message == "'バート' renders do-not-translate term 'BART'"
    assert paired.fix == "BART"


def test_gl01_silent_when_the_text_is_approved_for_another_term(ja: JaTools) -> None:
    g = Glossary(
        [
            Entry("RAG", Kind.KEEP, forbidden=("ラグ",)),
            Entry("lag", Kind.TRANSLATE, ja=("ラグ",), case_sensitive=False),
        ],
        ja=ja,
    )
    assert run(g, ja, "ラグがあります。") == []
    assert run(g, ja, "ラグがあります。", "There is lag.") == []
    assert [f.code for f in run(g, ja, "ラグを使います。", "We use RAG.")] == ["GL01"]


def test_gl02_message_and_fix(shipped: Glossary, ja: JaTools) -> None:
    findings = run(shipped, ja, "学習率について切除実験を行います。", "We run an ablation.")
    assert [f.code for f in findings] == ["GL02"]
    (finding,) = findings
    assert finding.message == "'切除' is a forbidden rendering of 'ablation'"
    assert (finding.suggestion, finding.fix, finding.source) == (
        "アブレーション",
        "アブレーション",
        "ablation",
    )


def test_gl02_variant_spelling_has_no_automatic_fix(ja: JaTools) -> None:
    g = Glossary(
        [
            Entry(
                "parameter",
                Kind.TRANSLATE,
                ja=("パラメータ",),
                forbidden=("パラメタ",),
                case_sensitive=False,
            )
        ],
        ja=ja,
    )
    (literal,) = run(g, ja, "パラメタを増やす。")
    assert literal.fix == "パラメータ"
    (variant,) = run(g, ja, "パラメーターを増やす。")
    assert (variant.target, variant.fix) == ("パラメーター", None)


def test_gl03_message_anchor_and_evidence(shipped: Glossary, ja: JaTools) -> None:
    (finding,) = run(
        shipped, ja, "  学習速度を0.001に設定します。", "Set the Learning Rate to 0.001."
    )
    assert finding.code == "GL03"
    assert finding.message == "'Learning Rate' in source has no approved rendering in target"
    assert (finding.source, finding.suggestion) == ("Learning Rate", "学習率")
    assert (finding.column, finding.end_column, finding.target) == (3, 3, "")


def test_gl03_defers_to_gl02(shipped: Glossary, ja: JaTools) -> None:
    findings = run(shipped, ja, "モデルの重さを公開します。", "We release the model weights.")
    assert [f.code for f in findings] == ["GL02"]


def test_gl03_needs_a_source(shipped: Glossary, ja: JaTools) -> None:
    assert run(shipped, ja, "学習速度を0.001に設定します。") == []


def test_gl03_accepts_close_variants_only_for_longer_renderings(ja: JaTools) -> None:
    g = Glossary(
        [
            Entry("jailbreak", Kind.TRANSLATE, ja=("ジェイルブレイク",), case_sensitive=False),
            Entry("learning rate", Kind.TRANSLATE, ja=("学習率",), case_sensitive=False),
        ],
        ja=ja,
    )
    assert run(g, ja, "ジェイルブレイキングを防ぐ。", "Prevent jailbreak attacks.") == []
    assert [f.code for f in run(g, ja, "学習速度を上げる。", "Raise the learning rate.")] == [
        "GL03"
    ]


def test_source_scope_uses_case_unless_the_source_is_lower_cased(ja: JaTools) -> None:
    g = Glossary(
        [Entry("Mamba", Kind.KEEP, forbidden=("マンバ",), forbidden_scope=Scope.SOURCE)], ja=ja
    )
    assert run(g, ja, "マンバを評価する。", "We study the mamba, a snake.") == []
    assert [f.code for f in run(g, ja, "マンバを評価する。", "we evaluate mamba.")] == ["GL01"]
    assert [f.code for f in run(g, ja, "マンバを評価する。", "We evaluate Mamba.")] == ["GL01"]


def test_rules_are_registered_with_their_metadata() -> None:
    codes = {r.code: (r.name, str(r.severity), r.needs_source) for r in rules.RULES}
    assert codes == {
        "GL01": ("translated-keep-term", "major", False),
        "GL02": ("forbidden-rendering", "major", False),
        "GL03": ("unapproved-rendering", "minor", True),
    }


def _interleaved(glossary: Glossary, ja: JaTools, text: str) -> list[str]:
    doc = parse_text(text, path="post.txt", layout="interleaved")
    ctx = Context(doc=doc, glossary=glossary, config=Config(), ja=ja)
    return [f"{f.code}:{f.line}" for f in run_rules(doc, ctx, rules.RULES)]


_QA = (
    "Q: なぜエージェントは最初にテストを実行するのか。\n"
    "Q: Why does the agent run the tests first?\n"
)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        # the agent named in the question is left implicit in the answer: zero anaphora
        (
            "A: 失敗するテストがバグの場所を示すからである。\n"
            "A: The failing tests show where the bug is, so the agent opens fewer files.\n",
            [],
        ),
        (
            "A: 関係のないファイルを開く回数が減る。\nA: This agent opens fewer unrelated files.\n",
            [],
        ),
        # an indefinite mention is new information: it must be rendered
        ("A: 別の仕組みがテストを実行する。\nA: Another agent runs the tests.\n", ["GL03:3"]),
        (
            "A: 失敗するテストがバグの場所を示す。\nA: Without tests, an agent opens many files.\n",
            ["GL03:3"],
        ),
    ],
)
def test_gl03_allows_a_definite_mention_left_implicit(
    shipped: Glossary, ja: JaTools, answer: str, expected: list[str]
) -> None:
    assert _interleaved(shipped, ja, _QA + answer) == expected


def test_gl03_implicit_mention_needs_the_term_in_the_segment_before(
    shipped: Glossary, ja: JaTools
) -> None:
    text = (
        "Q: なぜ最初にテストを実行するのか。\nQ: Why run the tests first?\n"
        "A: 失敗するテストがバグの場所を示すからである。\n"
        "A: The failing tests show where the bug is, so the agent opens fewer files.\n"
    )
    assert _interleaved(shipped, ja, text) == ["GL03:3"]
