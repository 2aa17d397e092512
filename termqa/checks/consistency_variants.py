"""Katakana spelled several ways in one post (CN01): long vowels and separators.

Katakana runs are found by regex (no tokenizer: most segments are never tokenized) and grouped
by their letters without long-vowel marks and separators (`ユーザ`/`ユーザー`,
`インタフェース`/`インターフェース`, `トークナイザ`/`トークナイザー`,
`ファイン・チューニング`/`ファインチューニング`). A word that stands alone is also found at
the start or end of longer runs (`パラメータ` in `ハイパーパラメーター`), where Sudachi
allows the cut (`プリング` is not a part of `サンプリング`, so it is no variant of
`プーリング`). Keys of four letters
or more are one word; shorter ones only when the difference is a final long vowel or Sudachi
gives both spellings one normalized form, so `コスト` and `コースト` stay apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from termqa.checks.base import Context
from termqa.checks.consistency_report import Occurrence
from termqa.model import Segment

Keyed = tuple[str, Occurrence]

_RUN = re.compile(r"[ァ-ヺー]+(?:[・･ 　=＝][ァ-ヺー]+)*")
_SEPARATORS = "・･ 　=＝"
_LOOSE = str.maketrans("", "", "ー・･ 　=＝")
_NO_SEPARATORS = str.maketrans("", "", _SEPARATORS)
_WORD = 4  # letters (long vowels and separators aside) that make a key one word by itself
_REST = 2  # letters the rest of a compound needs to be a word


def katakana_runs(seg: Segment, ctx: Context) -> list[Keyed]:
    """Katakana runs of three characters or more, keyed by their loose spelling."""
    out: list[Keyed] = []
    for m in _RUN.finditer(seg.text):
        surface = m.group()
        if len(surface) >= 3:
            loose = surface.translate(_LOOSE)
            if len(loose) >= 2:
                occ = Occurrence(seg, m.start(), m.end(), surface, surface, fix=True)
                out.append(("k:" + loose, occ))
    return out


def compound_parts(
    groups: dict[str, list[Occurrence]], cuts: Callable[[str, int], bool] | None = None
) -> Iterator[Keyed]:
    """Words that stand alone somewhere in the post, found at the start or end of longer runs,
    keyed like the word alone and marked `part`; `cuts(run, offset)` says whether a run may be
    cut there (any cut when None)."""
    alone = {key for key in groups if len(key) - 2 >= _WORD}
    for key, occs in groups.items():
        loose = key[2:]
        for n in range(_WORD, len(loose) - _REST + 1):
            for piece, at_start in ((loose[:n], True), (loose[-n:], False)):
                if "k:" + piece not in alone:
                    continue
                for occ in occs:
                    part = _part(occ, n, at_start)
                    cut = (part.end if at_start else part.start) - occ.start
                    if cuts is None or cuts(occ.shown, cut):
                        yield "k:" + piece, part


def _part(occ: Occurrence, letters: int, at_start: bool) -> Occurrence:
    """The first or last `letters` letters of a run, with the long vowels that follow them."""
    text = occ.shown
    if at_start:
        end, seen = 0, 0
        while seen < letters:
            seen += text[end] not in "ー" + _SEPARATORS
            end += 1
        while end < len(text) and text[end] == "ー":
            end += 1
        start = 0
    else:
        start, seen = len(text), 0
        while seen < letters:
            start -= 1
            seen += text[start] not in "ー" + _SEPARATORS
        end = len(text)
    shown = text[start:end]
    return Occurrence(occ.seg, occ.start + start, occ.start + end, shown, shown, True, "part")


def compatible(key: str, best: str, other: str, ctx: Context) -> bool:
    """Whether two katakana spellings grouped under `key` are one word."""
    if best.translate(_NO_SEPARATORS) == other.translate(_NO_SEPARATORS):
        return True
    if len(key) - 2 >= _WORD or best.rstrip("ー") == other.rstrip("ー"):
        return True
    return _normalized(best, ctx) == _normalized(other, ctx)


def _normalized(text: str, ctx: Context) -> str:
    return "".join(t.normalized for t in ctx.ja.tokens(text))
