"""Markup rules: leaked LaTeX, broken Markdown links, and (with a source) altered URLs or code.

The masked text shows what a reader sees: valid links, math and code are blanked, so markup
that is still visible there did not parse. The raw text (same offsets) gives what was masked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from termqa.checks.base import Context, Rule
from termqa.checks.markup_source import SOURCE_RULES
from termqa.model import Category, Hit, Segment, Severity

# Symbol commands that have a plain character: the fix for a leaked `$\times$` or `\times`.
SYMBOLS = {
    "times": "×",
    "rightarrow": "→",
    "to": "→",
    "leftarrow": "←",
    "Rightarrow": "⇒",
    "leftrightarrow": "↔",
    "uparrow": "↑",
    "downarrow": "↓",
    "sim": "〜",
    "approx": "≈",
    "leq": "≤",
    "le": "≤",
    "geq": "≥",
    "ge": "≥",
    "neq": "≠",
    "pm": "±",
    "cdot": "・",
    "dagger": "†",
    "ddagger": "‡",
    "checkmark": "✓",
    "infty": "∞",
    "degree": "°",
}
# Commands whose argument is the visible text: the fix keeps the argument.
_TEXT_COMMANDS = frozenset(("url", "textbf", "textit", "emph", "texttt", "text", "underline"))
_COMMAND = re.compile(r"\\(?P<cmd>[A-Za-z]+)\*?(?:\[[^\]\n]*\])?\{(?P<arg>[^{}\n]*)\}")
_BARE_SYMBOL = re.compile(r"\\(?P<cmd>" + "|".join(sorted(SYMBOLS, key=len, reverse=True)) + ")")
_SYMBOL_MATH = re.compile(r"\$\\(?P<cmd>[A-Za-z]+)\$")
_JA_OR_DIGIT = re.compile(r"[\u3041-\u30ff\u3400-\u9fff0-9]")
_JA = re.compile(r"[\u3041-\u30ff\u3400-\u9fff]")

_VISIBLE_LINK = re.compile(r"(?P<bang>!?)\[(?P<label>[^\[\]\n]*)\]\(")
_EMPTY_TARGET = re.compile(r"(?P<bang>!?)\[(?P<label>[^\[\]\n]*)\]\([ \t]*\)")
_SPACED_LINK = re.compile(r"\[(?P<label>[^\[\]\n]+)\](?P<gap>[ \t]+)\(")
_URLISH = re.compile(r"(?:https?://|www\.|\.{0,2}/|#)[^\s()]*\)")
_QUOTE_LIMIT = 40


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE_LIMIT else text[: _QUOTE_LIMIT - 1] + "…"


def leaked_tex_command(seg: Segment, _ctx: Context) -> Iterator[Hit]:
    """A LaTeX command appears in the text outside math.

    Why: `\\cite{…}`, `\\url{…}` or `\\times` copied from a paper's source is shown to readers
    as raw markup; the citation, link or symbol it stood for is lost.

    Bad:
        target: この手法は先行研究\\cite{vaswani2017}を拡張したものです。
    Good:
        target: この手法は先行研究（Vaswani et al., 2017）を拡張したものです。
    """
    text, raw = seg.text, seg.target.raw
    taken: list[tuple[int, int]] = []
    for m in _COMMAND.finditer(text):
        cmd = m.group("cmd")
        fix = raw[m.start("arg") : m.end("arg")] if cmd in _TEXT_COMMANDS else None
        taken.append(m.span())
        quote = _clip(raw[m.start() : m.end()])
        yield Hit(m.start(), m.end(), f"LaTeX command '{quote}' in text", fix=fix)
    for m in _BARE_SYMBOL.finditer(text):
        start, end = m.span()
        if (end < len(text) and text[end].isalpha()) or any(a <= start < b for a, b in taken):
            continue
        if text[start - 1 : start] == "$" and text[end : end + 1] == "$":
            continue  # `$\times$10` is not masked as math (a digit follows); MK02 reports it
        yield Hit(
            m.start(), end, f"LaTeX command '{m.group()}' in text", fix=SYMBOLS[m.group("cmd")]
        )


def tex_symbol_math(seg: Segment, _ctx: Context) -> Iterator[Hit]:
    """A math span holds a single symbol command in running Japanese text.

    Why: `2$\\times$` is how a paper's LaTeX source writes `2×`; carried into a digest it shows
    up as dollar signs and a backslash wherever math is not rendered.

    Bad:
        target: 推論が2$\\times$高速になりました。
    Good:
        target: 推論が2×高速になりました。
    """
    raw, text = seg.target.raw, seg.text
    if "$\\" not in raw or _JA.search(text) is None:
        return
    for m in _SYMBOL_MATH.finditer(raw):
        cmd = m.group("cmd")
        if cmd not in SYMBOLS or _in_code(raw, m.start()):
            continue
        before, after = raw[m.start() - 1 : m.start()], raw[m.end() : m.end() + 1]
        if not (_JA_OR_DIGIT.match(before) or _JA_OR_DIGIT.match(after)):
            continue
        yield Hit(m.start(), m.end(), f"math '{m.group()}' for a plain symbol", fix=SYMBOLS[cmd])


def _in_code(raw: str, pos: int) -> bool:
    """`pos` sits inside inline code: an odd number of backticks before it on its line."""
    return raw.count("`", raw.rfind("\n", 0, pos) + 1, pos) % 2 == 1


def broken_link(seg: Segment, _ctx: Context) -> Iterator[Hit]:
    """A Markdown link or image is malformed: unclosed, empty, or split by a space.

    Why: a broken link renders as literal brackets and parentheses and leads nowhere; the
    reader loses the reference it pointed to.

    Bad:
        target: 詳細は[論文](https://arxiv.org/abs/2408.00417を参照してください。
    Good:
        target: 詳細は[論文](https://arxiv.org/abs/2408.00417)を参照してください。
    """
    text, raw = seg.text, seg.target.raw
    if "[" not in raw:
        return
    for m in _VISIBLE_LINK.finditer(text):
        what = "image" if m.group("bang") else "link"
        end = _token_end(raw, m.end())
        yield Hit(m.start(), end, f"unclosed Markdown {what} '{_clip(raw[m.start() : end])}'")
    yield from _empty_targets(text, raw)
    for m in _SPACED_LINK.finditer(text):
        if not _URLISH.match(raw, m.end()):
            continue
        start, end = m.span("gap")
        yield Hit(
            start,
            end,
            f"space between link text '[{_clip(m.group('label'))}]' and its target",
            fix="",
        )


def _token_end(raw: str, pos: int) -> int:
    """End of the link target that starts at `pos`: the next space, Japanese or line end."""
    end = pos
    while end < len(raw) and not raw[end].isspace() and not _JA.match(raw[end]):
        end += 1
    return end


def _empty_targets(text: str, raw: str) -> Iterator[Hit]:
    for m in _EMPTY_TARGET.finditer(raw):
        paren = raw.index("(", m.end("label"))
        if text[paren] != " " or _in_code(raw, m.start()):
            continue  # not masked as a link (so it is visible and MK03 saw it), or inside code
        label = m.start("label")
        if m.group("bang") == "" and text[label : m.end("label")] != m.group("label"):
            continue
        what = "image" if m.group("bang") else "link"
        yield Hit(m.start(), m.end(), f"Markdown {what} '{_clip(m.group())}' has an empty target")


RULES: tuple[Rule, ...] = (
    Rule(
        "MK01",
        "leaked-tex-command",
        Category.MARKUP,
        Severity.MAJOR,
        check=leaked_tex_command,
    ),
    Rule("MK02", "tex-symbol-math", Category.MARKUP, Severity.MINOR, check=tex_symbol_math),
    Rule("MK03", "broken-link", Category.MARKUP, Severity.MAJOR, check=broken_link),
    *SOURCE_RULES,
)
