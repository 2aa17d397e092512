"""termqa translate: wrapped paragraphs sent whole, and tables in both output layouts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fake_deepl import FakeDeepL
from hypothesis import given
from hypothesis import strategies as st
from test_translate_support import output, run, sent_texts, serve

from termqa.cli import main
from termqa.document import parse_text
from termqa.model import Document
from termqa.translate.markdown import BlockKind, split_markdown

WRAPPED = """# Wrapped Paragraphs

The first paragraph is wrapped
over three lines and mentions LoRA
and a link https://example.com/x in the middle.

- A list item that wraps
  onto a continuation line.
- A second item on one line.

> A block quote that
> spans two lines.

Closing paragraph after the quote.
"""

TABLE = """# Results

| Model | Score | Notes |
|---|---:|---|
| Llama-3-8B | 71.2 | strong baseline |
| Mistral-7B | 66.4 | smaller model |

The table lists two models.
"""


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeDeepL]:
    yield from serve(monkeypatch, tmp_path, WRAPPED)


def pairs(text: str) -> list[tuple[str, str | None]]:
    doc = parse_text(text, path="post.ja.md", layout="interleaved")
    return [(s.target.raw, s.source.raw if s.source else None) for s in doc.segments]


def check_json(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["check", *args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def findings(report: dict[str, Any]) -> list[dict[str, Any]]:
    (file,) = report["files"]
    found: list[dict[str, Any]] = file["findings"]
    return found


# --- splitting -----------------------------------------------------------------------------
def test_wrapped_blocks_are_one_unit_each_with_the_first_lines_prefix() -> None:
    blocks = [b for b in split_markdown(WRAPPED) if b.units]
    assert [b.kind for b in blocks] == [BlockKind.HEADING, *[BlockKind.TEXT] * 5]
    texts = [b.units[0].raw for b in blocks]
    assert texts[1] == (
        "The first paragraph is wrapped over three lines and mentions LoRA "
        "and a link https://example.com/x in the middle."
    )
    assert texts[2] == "A list item that wraps onto a continuation line."
    assert texts[4] == "A block quote that spans two lines."
    assert [b.parts[0] for b in blocks[2:5]] == ["- ", "- ", "> "]
    assert blocks[2].lines == ("- A list item that wraps", "  onto a continuation line.")


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("Some text\n```python\ncode here\n```\nmore text", ["Some text", "more text"]),
        ("Intro line\n## Heading\nbody", ["Intro line", "Heading", "body"]),
        ("Intro line\n| a | b |\n|---|---|", ["Intro line", "a", "b"]),
        ("First part\n---\nsecond part", ["First part", "second part"]),
        ("> quoted one\n>\n> quoted two", ["quoted one", "quoted two"]),
        ("> quoted\nnot quoted", ["quoted", "not quoted"]),
        ("- item one\n- item two", ["item one", "item two"]),
        ("Authors: A. Tanaka\nURL: https://a.org/p\nDate: 2024", ["Authors: A. Tanaka", "URL: "
         "https://a.org/p", "Date: 2024"]),
        ("Q: what is it?\nA: a model\nthat wraps", ["what is it?", "a model that wraps"]),
        ("See the docs at\n`pip install x`\nfor details", ["See the docs at `pip install x` for "
         "details"]),
        ("Text before\n<!-- termqa-disable GL -->\ntext after", ["Text before", "text after"]),
        ("Loss is\n$$ a + b $$\nwhere a is small", ["Loss is", "where a is small"]),
    ],
)  # fmt: skip
def test_what_ends_a_paragraph_and_what_continues_it(text: str, units: list[str]) -> None:
    assert [u.raw for b in split_markdown(text) for u in b.units] == units


@given(st.text(alphabet=st.sampled_from("ab >-#|`$\n\r\t*1.:Q日"), max_size=80))
def test_blocks_hold_every_line_of_the_text(text: str) -> None:
    blocks = split_markdown(text)
    assert "\n".join(line for b in blocks for line in b.lines) == text
    for block in blocks:
        for unit in block.units:
            assert "\n" not in unit.raw


# --- wrapped paragraphs through the command ------------------------------------------------
def test_a_wrapped_paragraph_is_sent_as_one_text(fake: FakeDeepL) -> None:
    result = run(fake)
    assert result.exit_code in (0, 1), result.output
    texts = sent_texts(fake)
    assert len(texts) == 6  # heading, paragraph, two items, quote, closing paragraph
    assert all("\n" not in t for t in texts)
    assert any(t.startswith("The first paragraph is wrapped over three lines") for t in texts)
    assert "A list item that wraps onto a continuation line." in texts
    assert "A block quote that spans two lines." in texts
    lines = output().split("\n")
    assert len(lines) == 11  # one line per block, blank lines kept
    assert lines[2].startswith("訳文")
    assert "https://example.com/x" in lines[2]
    assert lines[4].startswith("- 訳文")
    assert lines[5].startswith("- 訳文")
    assert lines[7].startswith("> 訳文")


def test_interleaved_paragraphs_keep_their_english_lines_and_pair(fake: FakeDeepL) -> None:
    result = run(fake, "--interleave")
    assert result.exit_code in (0, 1), result.output
    text = output()
    assert "\n- A list item that wraps\n  onto a continuation line.\n- 訳文" in text
    assert "\n> A block quote that\n> spans two lines.\n" in text
    found = pairs(text)
    assert len(found) == 6
    assert all(target.startswith("訳文") and source for target, source in found)
    assert [source for _, source in found][1:5] == [
        "The first paragraph is wrapped\nover three lines and mentions LoRA\n"
        "and a link https://example.com/x in the middle.",
        "A list item that wraps\n  onto a continuation line.",
        "A second item on one line.",
        "A block quote that\n> spans two lines.",
    ]
    assert "ST01" not in result.stdout


# --- tables ----------------------------------------------------------------------------------
def test_interleaved_table_is_japanese_then_english_and_pairs_row_by_row(
    fake: FakeDeepL,
) -> None:
    Path("post.en.md").write_text(TABLE, encoding="utf-8")
    result = run(fake, "--interleave")
    assert result.exit_code in (0, 1), result.output
    text = output()
    english = TABLE.split("\n")[2:6]
    lines = text.split("\n")
    start = lines.index(english[0])
    assert lines[start - 1] == ""
    assert lines[start : start + 4] == english
    japanese = lines[start - 5 : start - 1]
    assert japanese[1] == "|---|---:|---|"
    assert japanese[2].startswith("| Llama-3-8B | 71.2 | 訳文")
    rows = [(t, s) for t, s in pairs(text) if t.startswith("|")]
    assert rows == [
        (japanese[0], english[0]),
        (japanese[2], english[2]),
        (japanese[3], english[3]),
    ]
    report = check_json("post.ja.md", "--layout", "interleaved")
    assert not [f for f in findings(report) if f["code"] == "ST01"]


def test_a_number_changed_in_an_interleaved_table_is_reported_on_its_row(
    fake: FakeDeepL,
) -> None:
    Path("post.en.md").write_text(TABLE, encoding="utf-8")
    assert run(fake, "--interleave").exit_code in (0, 1)
    lines = output().split("\n")
    row = next(i for i, line in enumerate(lines) if "| 66.4 | 訳文" in line)
    lines[row] = lines[row].replace("66.4", "64.6")
    Path("post.ja.md").write_text("\n".join(lines), encoding="utf-8")
    report = check_json("post.ja.md", "--layout", "interleaved")
    numbers = [f for f in findings(report) if f["category"] == "number"]
    assert [(f["code"], f["line"], f["target"], f["source"]) for f in numbers] == [
        ("NM02", row + 1, "64.6", "66.4")
    ]


def test_separate_layout_keeps_the_table_and_its_alignment_row(fake: FakeDeepL) -> None:
    Path("post.en.md").write_text(TABLE, encoding="utf-8")
    result = run(fake)
    assert result.exit_code in (0, 1), result.output
    lines = output().split("\n")
    assert lines[2:6] == [
        "| 訳文 | 訳文 | 訳文 |",
        "|---|---:|---|",
        "| Llama-3-8B | 71.2 | 訳文 |",
        "| Mistral-7B | 66.4 | 訳文 |",
    ]
    assert "ST01" not in result.stdout
    report = check_json("post.ja.md", "--source", "post.en.md")
    assert not [f for f in findings(report) if f["code"] == "ST01"]


def reader_rows(text: str) -> Document:
    return parse_text(text, path="t.md", layout="interleaved")


@pytest.mark.parametrize(
    "english",
    [
        "| Model | Score |\n|---|---|\n| Llama | 71.2 |\n| Extra | 1.0 |",  # a row more
        "| Model | Score | Notes |\n|---|---|---|\n| Llama | 71.2 | good |",  # a cell more
        "| モデル | Score |\n|---|---|\n| Llama | 71.2 |",  # Japanese in the second table
    ],
)
def test_tables_that_do_not_match_are_not_paired(english: str) -> None:
    japanese = "| モデル | スコア |\n|---|---|\n| ラマ | 71.2 |"
    doc = reader_rows(f"{japanese}\n\n{english}\n")
    header = doc.segments[0]
    assert header.target.raw == "| モデル | スコア |"
    assert header.source is None  # row-by-row pairing would give it the English header


def test_tables_that_match_pair_and_a_lone_table_stays_as_it_was() -> None:
    japanese = "| モデル | スコア |\n|---|---|\n| ラマ | 71.2 |"
    english = "| Model | Score |\n|---|---|\n| Llama | 71.2 |"
    doc = reader_rows(f"{japanese}\n\n{english}\n")
    assert [(s.target.raw, s.source.raw if s.source else None) for s in doc.segments] == [
        ("| モデル | スコア |", "| Model | Score |"),
        ("| ラマ | 71.2 |", "| Llama | 71.2 |"),
    ]
    assert not doc.unpaired
    alone = reader_rows(f"{japanese}\n")
    assert [s.source for s in alone.segments] == [None, None]


def test_crlf_source_keeps_its_line_ends_in_both_layouts(fake: FakeDeepL) -> None:
    Path("post.en.md").write_bytes(WRAPPED.replace("\n", "\r\n").encode("utf-8"))
    assert run(fake).exit_code in (0, 1)
    separate = Path("post.ja.md").read_bytes().decode("utf-8")
    assert separate.count("\r\n") == separate.count("\n") == 10
    assert len(sent_texts(fake)) == 6
    assert not [t for t in sent_texts(fake) if "\r" in t]
    assert run(fake, "--interleave").exit_code in (0, 1)
    interleaved = Path("post.ja.md").read_bytes().decode("utf-8")
    assert interleaved.startswith("# 訳文 / Wrapped Paragraphs\r\n")
    assert interleaved.count("\r\n") == interleaved.count("\n")
    assert all(source for _, source in pairs(interleaved))
