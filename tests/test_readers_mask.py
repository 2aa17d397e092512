"""Masking: each construct is blanked, visible text is kept, lengths and newlines never change."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from termqa.readers.mask import blank, mask, url_end


def masked_as(text: str, parts: list[str]) -> str:
    """`text` with each of `parts` (found left to right) blanked: what mask() should return."""
    out, pos = text, 0
    for part in parts:
        at = out.index(part, pos)
        out = out[:at] + blank(part) + out[at + len(part) :]
        pos = at + len(part)
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("コードは`x = 1`です", ["`x = 1`"]),
        ("二重は``a ` b``です", ["``a ` b``"]),
        ("詳細はhttps://example.com/a_(b)を参照。", ["https://example.com/a_(b)"]),
        ("see https://example.com/page. next", ["https://example.com/page"]),
        ("(https://example.com/x)", ["https://example.com/x"]),
        ("ftp://files.example.org/a.txt です", ["ftp://files.example.org/a.txt"]),
        ("www.example.com を見て", ["www.example.com"]),
        ("連絡先はfoo.bar@example.co.jpです", ["foo.bar@example.co.jp"]),
        ("損失$L$を最小化する", ["$L$"]),
        ("$$\\sum_i x_i$$ が和", ["$$\\sum_i x_i$$"]),
        ("式\\(a+b\\)と\\[c\\]", ["\\(a+b\\)", "\\[c\\]"]),
        ("<!-- termqa-disable NM -->本文", ["<!-- termqa-disable NM -->"]),
        ("改行<br>です", ["<br>"]),
        ('<a href="https://x.org">リンク</a>', ['<a href="https://x.org">', "</a>"]),
        ("[論文](https://arxiv.org/abs/1)を参照", ["[", "](https://arxiv.org/abs/1)"]),
        ("![図1](fig.png)の通り", ["![図1](fig.png)"]),
        ("[参照][ref]です", ["[", "][ref]"]),
        ("脚注[^1]です", ["[^1]"]),
        ("&nbsp;空白", ["&nbsp;"]),
        ("<https://example.com>", ["<https://example.com>"]),
    ],
)
def test_masks_each_construct(text: str, expected: list[str]) -> None:
    assert mask(text) == masked_as(text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "費用は$300でした。",
        "it costs $5 and $10.",
        "between $5-$10 per hour",
        "US$5B and US$10B",
        "$300 per month$ is odd",
        "価格は$300で、$400より安い",
        "a < b > c",
        "x<y かつ z>w",
        "A < B and C > D",
        "1.5倍の改善",
        "GPT-4@2024",
        "バックティックが1つ`だけ",
    ],
)
def test_leaves_text_alone(text: str) -> None:
    assert mask(text) == text


def test_math_after_money_on_the_same_line() -> None:
    assert mask("$300や$x$だ") == masked_as("$300や$x$だ", ["$x$"])


def test_fenced_code_keeps_newlines() -> None:
    text = "前\n```python\nx = 1\n```\n後\n~~~\nmore\n~~~\n"
    out = mask(text)
    assert out == "前\n" + "         \n" + "     \n" + "   \n" + "後\n" + "   \n    \n   \n"


def test_unclosed_fence_runs_to_the_end() -> None:
    assert mask("本文\n```\ncode\nmore") == "本文\n   \n    \n    "


def test_inline_backticks_inside_a_fence_line_are_not_a_fence() -> None:
    assert mask("```code```です") == masked_as("```code```です", ["```code```"])


def test_crlf_is_kept() -> None:
    text = "a `b`\r\n```\r\ncode\r\n```\r\nc"
    out = mask(text)
    assert out == "a    \r\n   \r\n    \r\n   \r\nc"


def test_inline_code_does_not_cross_a_blank_line() -> None:
    assert mask("a `b\n\nc` d") == "a `b\n\nc` d"


def test_quote_markers_and_table_rules() -> None:
    assert mask("> 引用\n>> 二重") == "  引用\n   二重"
    assert mask("| a | b |\n|---|:---:|\n") == "| a | b |\n           \n"


def test_dollar_in_code_does_not_open_math() -> None:
    assert mask("`$x` と $5") == masked_as("`$x` と $5", ["`$x`"])


def test_blank_and_url_end() -> None:
    assert blank("a\r\nb") == " \r\n "
    assert url_end("https://x.org/a).") == len("https://x.org/a")
    assert url_end("https://x.org/a_(b)") == len("https://x.org/a_(b)")


def test_mask_is_fast() -> None:
    unit = (
        "本論文では、`code`と$x$を用いてhttps://example.com/aの手法を"
        "[評価](https://x.org)する。費用は$300で、<br>連絡はa@b.jpまで。\n"
        * 50
        + "```\nprint(1)\n```\n\n"
    )
    text = unit * 200  # about 2 MB
    elapsed = min(timed(mask, text) for _ in range(3))
    # several MB/s on a quiet core; the bound leaves room for a loaded machine
    assert len(text.encode()) / elapsed > 1_000_000


def timed(func: Callable[[str], str], text: str) -> float:
    start = time.perf_counter()
    assert len(func(text)) == len(text)
    return time.perf_counter() - start


@pytest.mark.parametrize(
    "text",
    [
        "``a`" * 5000,
        "`a" * 10000,
        "$a " * 10000,
        "$$a " * 10000,
        "\\[a " * 5000,
        "\\(a " * 5000,
        "[a](" * 10000,
        "[" * 20000 + "]",
        '<a b="' * 10000,
        "<!--" * 10000,
        "http://" + "a" * 40000,
        "a" * 40000 + "@",
        "```a\n" * 5000,
        "|---" * 10000 + "x",
        "![a](" * 10000,
    ],
    ids=lambda t: repr(t[:6]),
)
def test_unmatched_openers_cost_linear_time(text: str) -> None:
    assert timed(mask, text) < 2.0
