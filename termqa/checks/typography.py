"""Typography rules: punctuation, character widths, spacing and range marks in Japanese text.

What a rule enforces comes from the house style (termqa/style.py, `style` in the config). The
rules read the masked target text, so code, URLs and math never count; a space the rules look
at must also be a space in the file (`raw`), not a blanked span.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from termqa.checks.base import Context, Rule
from termqa.checks.typography_marks import JA, MARK_RULES, is_ja_letter
from termqa.model import Category, Hit, Segment, SegmentKind, Severity
from termqa.style import resolve_style
from termqa.text.tokens import fold_width

_HSPACE = "[ \t]"

# ASCII `.` ending a Japanese sentence (not an ellipsis, not `名前.py`), and ASCII `,` after
# Japanese (not a thousands separator). Trailing spaces belong to the hit: the fix drops them.
# (Each pattern starts with its mark and looks behind afterwards: a literal first lets the
# regex engine skip ahead instead of trying every position.)
_ASCII_PERIOD = re.compile(rf"\.(?<=[{JA}]\.)(?!\.)(?P<gap>{_HSPACE}*)(?=[\s{JA}]|$)")
_ASCII_COMMA = re.compile(rf",(?<=[{JA}],)(?!\d)(?P<gap>{_HSPACE}*)(?P<next>.?)")
_FULLWIDTH_PERIOD = re.compile(rf"[．，](?<=[{JA}][．，])")
_MARU = re.compile("[。、]")
_TO_MARU = {"．": "。", "，": "、"}
_TO_PERIOD = {"。": "．", "、": "，"}

_FULLWIDTH_ALNUM = re.compile("[Ａ-Ｚａ-ｚ０-９]+")
_HALFWIDTH_KANA = re.compile("[\uff61-\uff9f]+")

_SPACE_AFTER_JA = re.compile(rf"{_HSPACE}(?<=[{JA}]{_HSPACE}){_HSPACE}*(?=[A-Za-z0-9])")
_SPACE_BEFORE_JA = re.compile(rf"{_HSPACE}(?<=[A-Za-z0-9]{_HSPACE}){_HSPACE}*(?=[{JA}])")
_LATIN_CHAR = re.compile(r"[A-Za-z0-9.\-_]")
# A Latin run with a letter glued to Japanese on either side (`GPUを`, `はGPT-4`; not `3つ`).
_LATIN_WORD = re.compile(r"[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*")


def _quote(text: str, start: int, end: int, margin: int = 4) -> str:
    """The hit with a little context, on one line."""
    piece = text[max(0, start - margin) : end + margin]
    return " ".join(piece.split()) if "\n" in piece else piece


def sentence_punctuation(seg: Segment, ctx: Context) -> Iterator[Hit]:
    """Japanese sentences or clauses end in punctuation that the house style does not use.

    Why: an ASCII period or comma after Japanese text (or ．， where the style uses 。、) is a
    leftover of machine translation or of English typing habits, and looks broken in print.

    Bad:
        target: 本論文では新しい手法を提案します.
    Good:
        target: 本論文では新しい手法を提案します。
    """
    style = resolve_style(ctx.config.style)
    text = seg.text
    if seg.kind is SegmentKind.METADATA:
        return  # `著者: 田中, 佐藤` lists names, it does not punctuate a sentence
    if not style.allow_ascii_punctuation:
        marks = ("．", "，") if style.punctuation == "period" else ("。", "、")
        yield from _ascii_punctuation(text, *marks)
    if style.punctuation == "maru":
        yield from _other_marks(text, _FULLWIDTH_PERIOD, _TO_MARU, "full-width ")
    elif style.punctuation == "period":
        yield from _other_marks(text, _MARU, _TO_PERIOD, "")


def _other_marks(
    text: str, pattern: re.Pattern[str], wanted: dict[str, str], label: str
) -> Iterator[Hit]:
    """Sentence marks of the other convention (`．` under `。`, or `。` under `．`)."""
    for m in pattern.finditer(text):
        mark = m.group()
        yield Hit(
            m.start(),
            m.end(),
            f"{label}'{mark}' in '{_quote(text, m.start(), m.end())}' where the style uses "
            f"'{wanted[mark]}'",
            fix=wanted[mark],
        )


def _ascii_punctuation(text: str, period: str, comma: str) -> Iterator[Hit]:
    for m in _ASCII_PERIOD.finditer(text):
        at = m.start()
        yield Hit(
            at,
            m.end(),
            f"ASCII '.' ends a Japanese sentence in '{_quote(text, at, at + 1)}'",
            fix=period,
        )
    for m in _ASCII_COMMA.finditer(text):
        at = m.start()
        clear = is_ja_letter(m.group("next"))
        yield Hit(
            at,
            m.end("gap"),
            f"ASCII ',' follows Japanese text in '{_quote(text, at, at + 1)}'",
            fix=comma if clear else None,
        )


def fullwidth_alphanumeric(seg: Segment, ctx: Context) -> Iterator[Hit]:
    """Latin letters or digits are written in full width.

    Why: full-width `ＧＰＵ` or `１２８` does not match the half-width spelling in search, in
    glossaries or in the rest of the post, and most Japanese style guides forbid it.

    Bad:
        target: ＧＰＵを１２８枚使って学習しました。
    Good:
        target: GPUを128枚使って学習しました。
    """
    if resolve_style(ctx.config.style).allow_fullwidth_alnum:
        return
    for m in _FULLWIDTH_ALNUM.finditer(seg.text):
        word = m.group()
        kind = "digits" if word.isdigit() else "Latin"
        yield Hit(
            m.start(), m.end(), f"full-width {kind} '{word}' in Japanese text", fix=fold_width(word)
        )


def halfwidth_katakana(seg: Segment, ctx: Context) -> Iterator[Hit]:
    """Katakana is written in half width.

    Why: half-width katakana (ｶﾀｶﾅ) is a legacy encoding artefact; it breaks search and
    consistency checks and no current Japanese style accepts it in prose.

    Bad:
        target: ﾓﾃﾞﾙの重みを公開しました。
    Good:
        target: モデルの重みを公開しました。
    """
    if resolve_style(ctx.config.style).allow_halfwidth_kana:
        return
    for m in _HALFWIDTH_KANA.finditer(seg.text):
        word = m.group()
        if word == "\uff65":  # a lone half-width middle dot is punctuation, not katakana
            continue
        yield Hit(
            m.start(),
            m.end(),
            f"half-width kana '{word}'",
            fix=unicodedata.normalize("NFKC", word),
        )


def latin_spacing(seg: Segment, ctx: Context) -> Iterator[Hit]:
    """A space between Japanese and Latin text where the house style forbids (or needs) one.

    Why: the JTF style guide writes no space between full-width and half-width characters
    (`GPUを`); a post that mixes `GPU を` and `GPUを` reads as unedited.

    Bad:
        target: 学習には GPU を使用しました。
    Good:
        target: 学習にはGPUを使用しました。
    """
    spacing = resolve_style(ctx.config.style).spacing
    if spacing == "any" or seg.kind is SegmentKind.METADATA:
        return
    text, raw = seg.text, seg.target.raw
    if spacing == "forbidden":
        for pattern in (_SPACE_AFTER_JA, _SPACE_BEFORE_JA):
            for m in pattern.finditer(text):
                start, end = m.span()
                if raw[start:end] == text[start:end]:
                    quote = _around(text, start, end)
                    yield Hit(start, end, f"space between Japanese and Latin in '{quote}'", fix="")
        return
    yield from _missing_spaces(text)


def _around(text: str, start: int, end: int) -> str:
    """The gap `text[start:end]` with the Latin word and two Japanese characters around it."""
    lo, hi = start, end
    while lo > 0 and lo > start - 20 and _LATIN_CHAR.match(text[lo - 1]):
        lo -= 1
    while hi < len(text) and hi < end + 20 and _LATIN_CHAR.match(text[hi]):
        hi += 1
    return text[max(lo - 2 if lo == start else lo, 0) : hi + 2 if hi == end else hi]


def _missing_spaces(text: str) -> Iterator[Hit]:
    for m in _LATIN_WORD.finditer(text):
        start, end = m.span()
        if m.group()[0].isdigit():
            continue  # a number, perhaps with a unit (`3つ`, `64kトークン`, `7Bモデル`)
        for at in (start, end):
            if 0 < at < len(text) and is_ja_letter(text[at - 1] if at == start else text[at]):
                pair = text[at - 1 : at + 1]
                yield Hit(
                    at - 1,
                    at + 1,
                    f"no space between Japanese and Latin in '{pair}'",
                    fix=f"{pair[0]} {pair[1]}",
                )


RULES: tuple[Rule, ...] = (
    Rule(
        "TY01",
        "sentence-punctuation",
        Category.TYPOGRAPHY,
        Severity.MINOR,
        check=sentence_punctuation,
    ),
    Rule(
        "TY02",
        "fullwidth-alphanumeric",
        Category.TYPOGRAPHY,
        Severity.MINOR,
        check=fullwidth_alphanumeric,
    ),
    Rule(
        "TY03",
        "halfwidth-katakana",
        Category.TYPOGRAPHY,
        Severity.MINOR,
        check=halfwidth_katakana,
    ),
    Rule("TY04", "latin-spacing", Category.TYPOGRAPHY, Severity.INFO, check=latin_spacing),
    *MARK_RULES,
)
