"""House-style presets (termqa/style.py) and how the typography rules follow them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from termqa.api import Checker, text_document
from termqa.checks import typography
from termqa.checks.base import Context
from termqa.config import Config
from termqa.engine import run_rules
from termqa.errors import TermqaError
from termqa.model import Finding
from termqa.style import PRESETS, HouseStyle, resolve_style

DOCS = Path(__file__).resolve().parent.parent / "docs" / "style.md"


def _codes(checker: Checker, target: str, style: str) -> list[str]:
    return [f.code for f in _findings(checker, target, style)]


def _findings(checker: Checker, target: str, style: str) -> list[Finding]:
    doc = text_document(target)
    config = dataclasses.replace(checker.config, style=style)
    ctx = Context(doc=doc, glossary=checker.glossary, config=config, ja=checker.ja)
    return run_rules(doc, ctx, typography.RULES)


def test_default_config_style_is_a_preset() -> None:
    assert resolve_style(Config().style) is PRESETS["jtf"]


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_every_preset_resolves_to_itself(name: str) -> None:
    style = resolve_style(name)
    assert style.name == name
    assert resolve_style(f"  {name.upper()} ") is style


def test_unknown_style_is_a_user_error_naming_the_choices() -> None:
    with pytest.raises(TermqaError) as info:
        resolve_style("chicago")
    message = str(info.value)
    assert "'chicago'" in message
    assert all(name in message for name in PRESETS)


def test_styles_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        PRESETS["jtf"].spacing = "any"  # type: ignore[misc]


def test_jtf_preset_follows_the_jtf_guide() -> None:
    jtf = PRESETS["jtf"]
    assert jtf == HouseStyle(
        "jtf",
        punctuation="maru",
        spacing="forbidden",
        brackets="japanese-content",
        range_marker="wave-dash",
    )


def test_no_preset_allows_the_unambiguous_defects() -> None:
    for style in PRESETS.values():
        assert not style.allow_fullwidth_alnum
        assert not style.allow_halfwidth_kana
        assert not style.allow_ascii_punctuation


def test_every_preset_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for name in PRESETS:
        assert f"`{name}`" in text


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("学習には GPU を使用しました。", {"jtf": 2, "spaced": 0, "technical": 0, "permissive": 0}),
        ("学習にはGPUを使用しました。", {"jtf": 0, "spaced": 2, "technical": 0, "permissive": 0}),
        ("2024年に3つのモデルを公開。", {"jtf": 0, "spaced": 0, "technical": 0, "permissive": 0}),
    ],
)
def test_spacing_follows_the_style(checker: Checker, target: str, expected: dict[str, int]) -> None:
    for style, count in expected.items():
        assert _codes(checker, target, style).count("TY04") == count, style


def test_permissive_reports_only_unambiguous_defects(checker: Checker) -> None:
    target = "論文(第1週)では GPU を2~4基使い、しかし，結果は良好でした。"
    assert _codes(checker, target, "permissive") == []
    assert set(_codes(checker, target, "jtf")) == {"TY01", "TY04", "TY07", "TY08"}
    broken = "ＧＰＵとﾓﾃﾞﾙ（MoE)を使います."
    assert sorted(set(_codes(checker, broken, "permissive"))) == ["TY01", "TY02", "TY03", "TY06"]


def test_academic_style_wants_fullwidth_period_and_comma(checker: Checker) -> None:
    found = _findings(checker, "学習し、評価した。", "academic")
    assert [(f.target, f.fix) for f in found] == [("、", "，"), ("。", "．")]
    assert _codes(checker, "学習し，評価した．", "academic") == []
    ascii_found = _findings(checker, "学習した.", "academic")
    assert [f.fix for f in ascii_found] == ["．"]
