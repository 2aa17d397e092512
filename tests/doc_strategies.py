"""Hypothesis strategies for whole digests in every layout termqa reads, mixing the structure
of real digests (titles, metadata, Q&A, bilingual pairs, tables) with hostile content:
combining marks, emoji sequences, variation selectors, RTL text and bidi controls, C0
controls, full/half-width mixes, deep Markdown nesting, very long lines, CR/LF/CRLF mixes,
BOMs, and byte-level faults (NUL, invalid UTF-8 from surrogate-escaped text, CP932).

Every sentence here was written for these tests.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from hypothesis import strategies as st

# (Japanese, English) pairs in the digest style; some carry planted defects on purpose.
PAIRS = (
    ("KVキャッシュを40%削減します。", "It reduces the KV cache by 40%."),
    ("LoRAで7Bモデルを微調整しました。", "We fine-tune a 7B model with LoRA."),
    ("精度は3.1ポイント向上した。", "Accuracy improves by 3.1 points."),
    ("ローラを用いて学習する。", "We train with LoRA."),
    ("グーグルが公開したデータセットです。", "A dataset released by Google."),
    ("ＧＰＵ８枚で学習した。", "Trained on 8 GPUs."),
    ("Pytorchで実装されています。", "It is implemented in PyTorch."),
    ("130億パラメータのモデル。", "A 13B-parameter model."),
    ("同じ文です。同じ文です。", "The same sentence."),
    ("`pip install x`を実行する。", "Run `pip install x`."),
    ("詳細は https://example.org/a_(b) を参照。", "See https://example.org/a_(b)."),
    ("損失は$\\mathcal{L}$で表す\\cite{x}。", "The loss is $\\mathcal{L}$."),
)
TITLES = (
    ("スパース注意の再考", "Rethinking Sparse Attention"),
    ("外れ値を分けるKVキャッシュ量子化", "Outlier-Aware KV Cache Quantization"),
    ("木構造ドラフトによる投機的デコーディング", "Tree Drafts for Speculative Decoding"),
)
METADATA = ("- 著者: Kenji Sato", "- 発行日: 2024-08-01", "- URL: https://arxiv.org/abs/2408.00417")
QA = ("Q: 利点は何ですか。", "A: 計算量が少なくて済みます。", "A: 利点は何ですか。")
HOSTILE = (
    "e\u0301\u0308\u20dd",  # combining marks stacked on one letter
    "か\u3099は\u309a",  # combining (semi-)voiced sound marks
    "👩🏽\u200d💻",  # ZWJ sequence with a skin tone
    "👨\u200d👩\u200d👧\u200d👦",
    "🏳\ufe0f\u200d🌈",
    "✌🏿☺\ufe0e☺\ufe0f",  # skin tone, text and emoji presentation
    "葛\U000e0100辻\U000e0101",  # ideographic variation selectors
    "שלום עולם",
    "مرحبا بالعالم",
    "\u202eabc\u202c\u2066xyz\u2069\u200f\u200e",  # bidi overrides, isolates, marks
    "\x01\x07\x1b[31m\x7f",  # C0 controls and an ANSI escape (no NUL)
    "\u200b\u2060\ufeff",  # zero-width characters, a BOM mid-text
    "ＧＰＵ１２８ｋ",
    "ｶﾀｶﾅﾃﾞｽ｡",
    "\u3000全角空白\u3000",
    "\u2028\u2029\x85\x0b\x0c",  # line separators other than LF and CR
    "\U0001d400\U00020000\U0010fffd",  # astral letters, CJK extension B, a private-use plane
    "<!-- termqa-disable-next-line NM01 -->",
    "<!-- termqa-disable GL -->",
    "[link](http://x.y/(z)",
    "**太字**と_斜体_",
    "| a | b |",
    "```",
    "$$",
    "Q:",
    "A:",
    " / ",
    '"',
    "\t",
)
_UNITS = ("あ", "a", "ＧＰＵ", "👩🏽\u200d💻", "e\u0301", "- ", "> ", "LoRA ")
_ENDINGS = ("\n", "\r\n", "\r")
_PRINTABLE = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")


@dataclass(frozen=True)
class GenDoc:
    """A generated digest: the target file's bytes, the source's (separate layout) and the
    byte-level fault planted in the target, if any (the reader must refuse it)."""

    layout: str  # interleaved, target-only, separate, tsv, csv
    suffix: str
    data: bytes
    source: bytes | None = None
    fault: str | None = None  # nul, invalid-utf8, cp932


def hostile_piece() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(HOSTILE), st.text(_PRINTABLE, max_size=12))


@st.composite
def ja_line(draw: st.DrawFn) -> str:
    """A Japanese line: digest sentences with hostile pieces spliced in."""
    parts = draw(st.lists(st.one_of(st.sampled_from(PAIRS).map(lambda p: p[0]), hostile_piece())))
    return "".join(parts) or PAIRS[0][0]


@st.composite
def en_line(draw: st.DrawFn) -> str:
    parts = draw(
        st.lists(st.one_of(st.sampled_from(PAIRS).map(lambda p: p[1]), hostile_piece()), min_size=1)
    )
    return " ".join(parts)


def long_line() -> st.SearchStrategy[str]:
    """A line of 100,000 characters or more."""
    return st.builds(
        lambda unit, n: unit * (100_000 // len(unit) + n),
        st.sampled_from(_UNITS),
        st.integers(0, 2_000),
    )


@st.composite
def nested(draw: st.DrawFn) -> str:
    """Block quotes and list items nested 50 to 80 deep around a digest sentence."""
    depth = draw(st.integers(50, 80))
    marks = draw(st.lists(st.sampled_from(("> ", "- ", "1. ", "  ", "* ")), min_size=depth))
    return "".join(marks[:depth]) + draw(ja_line())


@st.composite
def block(draw: st.DrawFn) -> list[str]:
    """Lines of one block of a Japanese digest; now and then a very long or deep one."""
    kind = draw(st.integers(0, 19))
    if kind == 0:
        return [draw(long_line())]
    if kind == 1:
        return [draw(nested())]
    if kind <= 4:
        _, en = draw(st.sampled_from(TITLES))
        return [f"## {en}", *draw(st.lists(st.sampled_from(METADATA), max_size=3))]
    if kind <= 6:
        return [draw(st.sampled_from(QA)) + draw(ja_line())]
    if kind == 7:
        return ["```python", draw(st.text(_PRINTABLE, max_size=30)), "```"]
    return [draw(st.sampled_from(("", "- ", "> ", "# ", "1. "))) + draw(ja_line())]


def join_lines(draw: st.DrawFn, lines: list[str]) -> str:
    """Lines joined with a mix of LF, CRLF and CR; maybe no final line end."""
    endings = draw(st.lists(st.sampled_from(_ENDINGS), min_size=len(lines), max_size=len(lines)))
    text = "".join(line + end for line, end in zip(lines, endings, strict=True))
    return text if draw(st.booleans()) else text.rstrip("\r\n")


@st.composite
def target_only_text(draw: st.DrawFn) -> str:
    lines = ["# 週刊ML論文ダイジェスト", ""]
    for part in draw(st.lists(block(), min_size=1, max_size=8)):
        lines += [*part, ""]
    return join_lines(draw, lines)


@st.composite
def interleaved_text(draw: st.DrawFn) -> str:
    ja, en = draw(st.sampled_from(TITLES))
    lines = [f"{ja} / {en}", "論文紹介"]
    for _ in range(draw(st.integers(1, 8))):
        if draw(st.integers(0, 9)) == 0:
            lines.append(draw(st.one_of(long_line(), nested())))
        bullet = draw(st.sampled_from(("- ", "", "> ")))
        lines += [bullet + draw(ja_line()), draw(en_line())]
    return join_lines(draw, lines)


@st.composite
def separate_texts(draw: st.DrawFn) -> tuple[str, str]:
    ja_lines: list[str] = []
    en_lines: list[str] = []
    for _ in range(draw(st.integers(1, 6))):
        mark = draw(st.sampled_from(("", "- ", "## ", "> ")))
        ja_lines += [mark + draw(ja_line()), ""]
        if draw(st.integers(0, 5)):  # now and then a block left unpaired
            en_lines += [mark + draw(en_line()), ""]
    return join_lines(draw, ja_lines), join_lines(draw, en_lines or ["Only English."])


def _cell(value: str, delimiter: str, quote: bool) -> str:
    if quote or any(c in value for c in (delimiter, '"', "\r", "\n")):
        return '"' + value.replace('"', '""') + '"'
    return value


@st.composite
def table_text(draw: st.DrawFn, delimiter: str) -> str:
    header = delimiter.join(("id", "source", "target"))
    rows = [header]
    for i in range(draw(st.integers(1, 8))):
        en = draw(st.one_of(en_line(), st.just("")))
        ja = draw(st.one_of(ja_line(), long_line()) if i == 0 else ja_line())
        quote = draw(st.booleans())
        rows.append(
            delimiter.join((str(i), _cell(en, delimiter, quote), _cell(ja, delimiter, quote)))
        )
    endings = draw(st.lists(st.sampled_from(_ENDINGS[:2]), min_size=len(rows), max_size=len(rows)))
    return "".join(row + end for row, end in zip(rows, endings, strict=True))


def encode(draw: st.DrawFn, text: str) -> tuple[bytes, str | None]:
    """UTF-8 with or without a BOM; or, now and then, bytes the reader must refuse."""
    data = (codecs.BOM_UTF8 if draw(st.booleans()) else b"") + text.encode("utf-8")
    fault = draw(st.sampled_from((None, None, None, None, None, "nul", "invalid-utf8", "cp932")))
    at = draw(st.integers(0, len(data)))
    if fault == "nul":
        data = data[:at] + b"\x00" + data[at:]
    elif fault == "invalid-utf8":
        # A lone surrogate written escaped: the bytes of text decoded with surrogateescape.
        escaped = draw(st.sampled_from(("\udc80", "\udcff", "\udce3\udc81")))
        data = data[:at] + escaped.encode("utf-8", "surrogateescape") + data[at:]
    elif fault == "cp932":
        data = "本文は日本語です。ひらがなが多い文章。\n".encode("cp932") + data
    return data, fault


@st.composite
def documents(draw: st.DrawFn) -> GenDoc:
    """One digest in any layout."""
    layout = draw(st.sampled_from(("interleaved", "target-only", "separate", "tsv", "csv")))
    if layout == "separate":
        ja, en = draw(separate_texts())
        data, fault = encode(draw, ja)
        return GenDoc(layout, ".md", data, en.encode("utf-8"), fault)
    if layout in ("tsv", "csv"):
        text = draw(table_text("\t" if layout == "tsv" else ","))
    elif layout == "interleaved":
        text = draw(interleaved_text())
    else:
        text = draw(target_only_text())
    suffix = {"tsv": ".tsv", "csv": ".csv", "interleaved": ".txt", "target-only": ".md"}[layout]
    data, fault = encode(draw, text)
    return GenDoc(layout, suffix, data, None, fault)
