"""Markup rules MK01-MK05: leaked LaTeX, broken links, URLs and inline code against the source."""

from __future__ import annotations

from pathlib import Path

import pytest

from termqa.api import Checker, text_document
from termqa.checks import markup
from termqa.checks.base import Context
from termqa.checks.markup_source import _code_spans, _is_code, _link_key, _links
from termqa.document import read_document
from termqa.engine import run_rules
from termqa.model import Document, Finding

ROOT = Path(__file__).resolve().parent.parent


def _run(checker: Checker, doc: Document) -> list[Finding]:
    ctx = Context(doc=doc, glossary=checker.glossary, config=checker.config, ja=checker.ja)
    return run_rules(doc, ctx, markup.RULES)


def _check(checker: Checker, target: str, source: str | None = None) -> list[Finding]:
    return _run(checker, text_document(target, source))


@pytest.mark.parametrize(
    ("target", "fix"),
    [
        ("詳細は\\url{https://example.com/a}を参照。", "https://example.com/a"),
        ("\\textbf{重要}な点です。", "重要"),
        ("速度は2\\times 向上。", "×"),
        ("推論が2$\\times$高速です。", "×"),
        ("約$\\sim$10時間かかります。", "〜"),
        ("先行研究\\cite{a2017}を拡張。", None),
    ],
)
def test_tex_fixes(checker: Checker, target: str, fix: str | None) -> None:
    (finding,) = _check(checker, target)
    assert finding.fix == fix
    assert finding.code in ("MK01", "MK02")


def test_tex_symbol_in_math_is_reported_once(checker: Checker) -> None:
    """`$\\sim$10` is not masked as math (a digit follows); MK02 reports it, not MK01 too."""
    assert [f.code for f in _check(checker, "約$\\sim$10時間")] == ["MK02"]


def test_tex_command_quotes_the_raw_text(checker: Checker) -> None:
    (finding,) = _check(checker, "詳細は\\url{https://example.com}を参照。")
    assert finding.message == "LaTeX command '\\url{https://example.com}' in text"
    assert finding.target == "\\url{https://example.com}"


def test_broken_link_spans(checker: Checker) -> None:
    (unclosed,) = _check(checker, "詳細は[論文](https://arxiv.org/abs/2408.00417を参照。")
    assert unclosed.target == "[論文](https://arxiv.org/abs/2408.00417"
    (spaced,) = _check(checker, "[論文] (https://example.com)を参照。")
    assert (spaced.target, spaced.fix) == (" ", "")
    (empty,) = _check(checker, "![図]()を参照。")
    assert "image" in empty.message


def test_link_keys_ignore_language_version_scheme_and_slash() -> None:
    base = _link_key("https://huggingface.co/docs/x")
    assert _link_key("https://huggingface.co/ja/docs/x/") == base
    assert _link_key("http://huggingface.co/docs/x") == base
    assert _link_key("https://example.com/guide.ja.md") == _link_key("https://example.com/guide.md")
    assert _link_key("https://example.com/a?hl=ja") == _link_key("https://example.com/a?hl=en")
    assert _link_key("https://example.com/jam") != _link_key("https://example.com/")


def test_links_are_found_once_each() -> None:
    raw = "See [a](https://x.org/a), <https://x.org/b> and https://x.org/c."
    assert [item.value for item in _links(raw)] == [
        "https://x.org/a",
        "https://x.org/b",
        "https://x.org/c",
    ]


def test_code_spans_and_what_counts_as_code() -> None:
    assert [item.key for item in _code_spans("Use `a_b` and ``c `d` e``.")] == ["a_b", "c `d` e"]
    assert _is_code("system_prompt")
    assert _is_code("TextGeneration")
    assert _is_code("top_k=5")
    assert _is_code("gpt-4o-mini")
    assert not _is_code("prompt")
    assert not _is_code("The sky is blue because of scattering.")
    assert not _is_code("プロンプト")


def test_altered_and_missing_are_told_apart(checker: Checker) -> None:
    source = "Code: https://github.com/a/kvsplit and data: https://example.org/data.zip"
    target = "コード: https://github.com/a/kvspilt"
    messages = sorted(f.message for f in _check(checker, target, source))
    assert messages == [
        "URL 'https://example.org/data.zip' in source is missing from target",
        "link target 'https://github.com/a/kvspilt' differs from source "
        "'https://github.com/a/kvsplit'",
    ]


def test_source_rules_need_a_source(checker: Checker) -> None:
    assert _check(checker, "`foo_bar`とhttps://example.com") == []


def test_separate_files_compare_links_per_block(checker: Checker, tmp_path: Path) -> None:
    (tmp_path / "post.ja.md").write_text(
        "# 論文\n\nコードは[GitHub](https://github.com/a/b)で公開。\n\n`top_k=10`を使う。\n",
        encoding="utf-8",
    )
    (tmp_path / "post.en.md").write_text(
        "# Paper\n\nCode is on [GitHub](https://github.com/a/c).\n\nWe use `top_k=5`.\n",
        encoding="utf-8",
    )
    doc = read_document(str(tmp_path / "post.ja.md"))
    found = [(f.line, f.code, f.target) for f in _run(checker, doc)]
    assert found == [(3, "MK04", "https://github.com/a/b"), (5, "MK05", "top_k=10")]


def test_sample_digests_and_good_japanese_have_no_markup_findings(checker: Checker) -> None:
    paths = [*sorted((ROOT / "tests" / "fixtures" / "good_ja").glob("*.md"))]
    paths += [
        p
        for p in sorted((ROOT / "corpora").iterdir())
        if p.suffix in (".md", ".txt", ".tsv")
        and p.name not in ("README.md", "PLANTED.md")
        and not p.name.endswith(".en.md")
    ]
    for path in paths:
        assert _run(checker, read_document(str(path))) == [], path.name
