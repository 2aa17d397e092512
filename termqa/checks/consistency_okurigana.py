"""Kanji words spelled with different okurigana in one post (CN01): `組み合わせ`/`組合せ`,
`取り組み`/`取組`, `行う`/`行なう`.

Found in two steps so that most segments are never tokenized. A regex finds words with kana
between their kanji (`取り組`); their kanji alone (`取組`) is then looked up in the whole post,
and a few verbs whose variants add okurigana before the inflection are found by pattern. Only
segments holding a spelling that has a rival are tokenized; there Sudachi's normalized form
decides what is one word. Inflections of one spelling are one form; different kanji
(`計る`/`測る`) and kana against kanji (`こと`/`事`) are never variants, as writers choose
those on purpose.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import ahocorasick

from termqa.checks.base import Context
from termqa.checks.consistency_report import Occurrence
from termqa.model import Document, Segment
from termqa.text.ja import Token

Keyed = tuple[str, Occurrence]

_KANJI = "\u3005\u3400-\u9fff"
# A run of kanji and one or two kana before another run of kanji (`取り` of `取り組`), the
# next run left unread so that it can start the next match (`組み` of `組み合`).
_MIXED = re.compile(f"([{_KANJI}]+)([ぁ-ゖ]{{1,2}})(?=[{_KANJI}])")
_KANJI_RUN = re.compile(f"[{_KANJI}]+")
_HIRAGANA = "".join(chr(c) for c in range(0x3041, 0x3097))
# Kana between kanji that are or end in particles, or are endings, not okurigana (`学習の結果`,
# `取り組みを紹介`, `使って学習`).
_GRAMMAR = re.compile(
    ".?[のをにはがとでもやへ]|[かなだ]|から|まで|より|など|ので|って|して|した|する|され"
)
# Verbs whose variant adds okurigana before the inflected kana (`行なっ` starts with the `行`
# of `行う`, so the dictionary-form test cannot tell it from an inflection): normalized form,
# the variant's stem, and a pattern for both spellings.
_EXTRA_KANA = {
    "行う": ("行な", re.compile("行な?[わいうえおっ]")),
    "表す": ("表わ", re.compile("表わ?[さしすせそ]")),
    "断る": ("断わ", re.compile("断わ?[らりるれろっ]")),
}
_CONTENT = frozenset(("名詞", "動詞", "形容詞"))


def skeleton(word: str) -> str:
    """The kanji of a word, in order (`組み合わせ` → `組合`)."""
    return "".join(_KANJI_RUN.findall(word))


def mixed_words(seg: Segment, ctx: Context) -> list[tuple[str, str]]:
    """(skeleton, surface) of the words with okurigana between kanji in a segment."""
    text = seg.text
    out = []
    for m in _MIXED.finditer(text):
        if not _GRAMMAR.fullmatch(m.group(2)):
            nxt = _KANJI_RUN.match(text, m.end())
            word = m.group() + (nxt.group() if nxt else "")
            out.append((skeleton(word), word))
    return out


def candidates(doc: Document, ctx: Context) -> tuple[list[Segment], set[str]]:
    """Segments holding a spelling with a rival elsewhere, and the skeletons and verbs at
    stake."""
    surfaces: dict[str, set[str]] = {}
    where: dict[str, set[int]] = {}
    for seg in doc.segments:
        for skel, surface in ctx.memo("consistency.mixed", seg, mixed_words):
            surfaces.setdefault(skel, set()).add(surface)
            where.setdefault(skel, set()).add(seg.index)
    _add_plain(doc, surfaces, where)
    live = {skel for skel, found in surfaces.items() if len(found) > 1}
    chosen = set().union(*(where[skel] for skel in live))
    for norm, (variant, pattern) in _EXTRA_KANA.items():
        segs = {seg.index: m for seg in doc.segments if (m := pattern.findall(seg.text))}
        spellings = {x.startswith(variant) for found in segs.values() for x in found}
        if len(spellings) > 1:
            live.add(norm)
            chosen.update(segs)
    return [seg for seg in doc.segments if seg.index in chosen], live


def _add_plain(doc: Document, surfaces: dict[str, set[str]], where: dict[str, set[int]]) -> None:
    """Record where each skeleton is written in kanji alone (`取組`, maybe in `取組状況`)."""
    if not surfaces:
        return
    auto = ahocorasick.Automaton(ahocorasick.STORE_ANY)
    for skel in surfaces:
        auto.add_word(skel, skel)
    auto.make_automaton()
    for seg in doc.segments:
        for _, skel in auto.iter(seg.text):
            surfaces[skel].add(skel)
            where[skel].add(seg.index)


def kanji_words(segs: Iterable[Segment], live: set[str], ctx: Context) -> list[Keyed]:
    """Content words of `segs` whose skeleton (or verb) is at stake, keyed by part of speech
    and normalized form, one form per spelling."""
    out: list[Keyed] = []
    for seg in segs:
        for tok in ctx.ja.tokens(seg.text):
            if tok.pos not in _CONTENT or not all(map(_japanese, tok.surface)):
                continue
            if skeleton(tok.surface) in live or tok.normalized in live:
                out.append((f"j:{tok.pos}:{tok.normalized}", _occurrence(seg, tok)))
    return out


def _japanese(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "ぁ" <= c <= "ゖ" or "ァ" <= c <= "ヺ" or c in "々ー"


def _occurrence(seg: Segment, tok: Token) -> Occurrence:
    """A noun's surface is its spelling; a verb's or adjective's inflections of one spelling
    share one form, its normalized form when it is spelled so."""
    if tok.pos == "名詞":
        return Occurrence(seg, tok.start, tok.end, tok.surface, tok.surface, fix=True)
    norm = tok.normalized
    stem = norm[:-2] if norm.endswith(("する", "ずる")) else norm[:-1]
    variant = _EXTRA_KANA.get(norm, ("\x00",))[0]
    if tok.surface.startswith(stem) and not tok.surface.startswith(variant):
        return Occurrence(seg, tok.start, tok.end, "=" + norm, norm)
    return Occurrence(seg, tok.start, tok.end, tok.surface.rstrip(_HIRAGANA), tok.surface)


def compatible(best: str, other: str) -> bool:
    """Two spellings of one normalized form are okurigana variants: the same kanji."""
    a, b = skeleton(best), skeleton(other)
    return bool(a) and a == b and min(len(best), len(other)) >= 2
