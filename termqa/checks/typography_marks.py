"""Typography rules on marks and names: glued product names, bracket widths, range tildes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from termqa.checks.base import Context, Rule
from termqa.model import Category, Hit, Segment, Severity
from termqa.style import resolve_style

# Kana and kanji: the letters of Japanese text (punctuation and symbols are not).
JA = "\u3041-\u309f\u30a1-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005"
_JA_LETTER = re.compile(f"[{JA}]")

# A name with a digit glued to a processor word: `A100GPU`, `MI300XGPUs`, `TPUv4`-like names
# are not matched because the processor word must come last.
_GLUED = re.compile(
    r"(?<![A-Za-z0-9.\-])(?P<name>[A-Za-z][A-Za-z0-9]*\d[A-Za-z]?)(?P<unit>[GCTN]PUs?)"
    r"(?![A-Za-z0-9])"
)
# Accelerator model numbers the glossary may not list: `RTX4090`, `MI300X`, `B200`.
_MODEL_NUMBER = re.compile(r"[A-Z]{1,4}\d{2,4}[A-Z]?")

_MIXED = re.compile(r"（[^（）()\n]{0,80}\)|\([^（）()\n]{0,80}）")
_HALF_PAIR = re.compile(r"\((?P<body>[^()（）\n]{1,80})\)")
_RANGE_TILDE = re.compile(r"(?<=\d)[ \t]*(?<!~)~(?!~)[ \t]*(?=\d)")


def is_ja_letter(ch: str) -> bool:
    """A kana or kanji character."""
    return len(ch) == 1 and _JA_LETTER.match(ch) is not None


def glued_product_name(seg: Segment, ctx: Context) -> Iterator[Hit]:
    """A model or product name is glued to the processor word that follows it.

    Why: `A100GPU` is neither the product name nor a word; search, glossaries and readers
    expect `A100 GPU`, with the name kept whole.

    Bad:
        target: 学習には8基のA100GPUを使用しました。
    Good:
        target: 学習には8基のA100 GPUを使用しました。
    """
    if not resolve_style(ctx.config.style).glued_names:
        return
    for m in _GLUED.finditer(seg.text):
        name, unit = m.group("name"), m.group("unit")
        if ctx.glossary.lookup(m.group()) is not None:
            continue
        if ctx.glossary.lookup(name) is None and not _MODEL_NUMBER.fullmatch(name):
            continue
        yield Hit(
            m.start(),
            m.end(),
            f"'{m.group()}' glues the name '{name}' to '{unit}'",
            fix=f"{name} {unit}",
        )


def mixed_bracket_pair(seg: Segment, ctx: Context) -> Iterator[Hit]:
    """One pair of parentheses mixes a full-width and a half-width bracket.

    Why: `（MoE)` is an editing slip in any house style: the two halves of one pair should have
    the same width.

    Bad:
        target: 混合エキスパート（MoE)を用います。
    Good:
        target: 混合エキスパート（MoE）を用います。
    """
    style = resolve_style(ctx.config.style)
    text = seg.text
    for m in _MIXED.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if not _one_slip(line, opener=m.group()[0]):
            continue
        body = m.group()[1:-1]
        full = style.brackets == "fullwidth" or not body.isascii()
        fix = f"（{body}）" if full else f"({body})"
        yield Hit(m.start(), m.end(), f"bracket pair of two widths in '{m.group()}'", fix=fix)


def _one_slip(line: str, opener: str) -> bool:
    """The line's bracket counts are off by exactly one mixed pair (not `（例: a) b)）`)."""
    full = line.count("（") - line.count("）")
    half = line.count("(") - line.count(")")
    return (full, half) == ((1, -1) if opener == "（" else (-1, 1))


def bracket_width(seg: Segment, ctx: Context) -> Iterator[Hit]:
    """Half-width parentheses in Japanese text where the house style wants full-width ones.

    Why: the JTF style guide writes （） around Japanese text; `(第1週)` next to full-width
    text looks cramped and mixes two conventions in one post.

    Bad:
        target: 2024年8月の論文(第1週)を紹介します。
    Good:
        target: 2024年8月の論文（第1週）を紹介します。
    """
    mode = resolve_style(ctx.config.style).brackets
    if mode == "any":
        return
    text = seg.text
    for m in _HALF_PAIR.finditer(text):
        body = m.group("body")
        if _JA_LETTER.search(body) is None and (mode != "fullwidth" or not _beside_ja(text, m)):
            continue
        yield Hit(
            m.start(),
            m.end(),
            f"half-width parentheses in Japanese text: '{m.group()}'",
            fix=f"（{body}）",
        )


def _beside_ja(text: str, m: re.Match[str]) -> bool:
    before = text[m.start() - 1 : m.start()]
    after = text[m.end() : m.end() + 1]
    return is_ja_letter(before) or is_ja_letter(after)


def range_tilde(seg: Segment, ctx: Context) -> Iterator[Hit]:
    """An ASCII tilde marks a numeric range where the house style uses 〜.

    Why: in Japanese text `~` reads as "approximately" and is easily lost in rendering (Markdown
    treats `~~` as strike-through); the JTF style guide marks ranges with 〜.

    Bad:
        target: スループットは2~4倍に向上しました。
    Good:
        target: スループットは2〜4倍に向上しました。
    """
    if resolve_style(ctx.config.style).range_marker != "wave-dash":
        return
    text = seg.text
    for m in _RANGE_TILDE.finditer(text):
        quote = text[max(0, m.start() - 3) : m.end() + 3]
        yield Hit(m.start(), m.end(), f"ASCII '~' marks the range in '{quote}'", fix="〜")


MARK_RULES: tuple[Rule, ...] = (
    Rule(
        "TY05",
        "glued-product-name",
        Category.TYPOGRAPHY,
        Severity.MINOR,
        check=glued_product_name,
    ),
    Rule(
        "TY06",
        "mixed-bracket-width",
        Category.TYPOGRAPHY,
        Severity.MINOR,
        check=mixed_bracket_pair,
    ),
    Rule("TY07", "bracket-width", Category.TYPOGRAPHY, Severity.INFO, check=bracket_width),
    Rule("TY08", "range-tilde", Category.TYPOGRAPHY, Severity.MINOR, check=range_tilde),
)
