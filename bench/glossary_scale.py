"""Glossary scaling: load, compile and match with a 100- and a 10,000-entry glossary.

Builds synthetic glossaries (keep entries with katakana transliterations forbidden, translate
entries with approved and forbidden renderings) and a ~40 KB Japanese text with its English
source, then prints the time to parse (cold, no cache), to load from the cache (warm, a new
process's view), to run every glossary matcher over the text, and to run GL01-GL03 over it
one line a segment (Sudachi tokens are cached, as they are when other families ran first).

    python bench/glossary_scale.py
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from termqa.checks import glossary as rules
from termqa.checks.base import Context
from termqa.config import Config
from termqa.engine import run_rules
from termqa.glossary import io
from termqa.glossary.index import Glossary
from termqa.model import Document, Segment, SegmentKind, Span
from termqa.text.ja import JaTools

_KATA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモラリルレロ"
_KANJI = "学習推論評価模型重層注意損失勾配分布表現生成検索拡張蒸留量子化圧縮埋込語彙解析"
_LATIN = "bcdfghjklmnprstvz"
_VOWELS = "aeiou"


def _name(rng: random.Random, i: int) -> str:
    syllables = "".join(rng.choice(_LATIN) + rng.choice(_VOWELS) for _ in range(rng.randint(2, 3)))
    return f"{syllables.capitalize()}{i}"


def _entry_yaml(rng: random.Random, i: int) -> tuple[str, str, str]:
    """YAML of one entry, its English term, and a Japanese rendering to plant in text."""
    term = _name(rng, i)
    kata = "".join(rng.choice(_KATA) for _ in range(rng.randint(3, 5)))
    if i % 5 < 2:
        return (f"  - term: {term}\n    kind: keep\n    forbidden: [{kata}]\n", term, kata)
    ja = "".join(rng.choice(_KANJI) for _ in range(3))
    lines = f"  - term: {term.lower()}\n    kind: translate\n    ja: [{ja}]\n"
    if i % 5 == 2:
        lines += f"    forbidden: [{kata}]\n"
    return (lines, term.lower(), ja)


def _glossary(size: int, folder: Path) -> tuple[Path, list[tuple[str, str]]]:
    rng = random.Random(size)
    parts = ["version: 1\nname: synthetic\nentries:\n"]
    pairs = []
    for i in range(size):
        text, term, ja = _entry_yaml(rng, i)
        parts.append(text)
        pairs.append((term, ja))
    path = folder / f"g{size}.yaml"
    path.write_text("".join(parts), encoding="utf-8")
    return path, pairs


def _texts(pairs: list[tuple[str, str]], size: int = 40_000) -> tuple[str, str]:
    rng = random.Random(7)
    ja: list[str] = []
    en: list[str] = []
    length = 0
    while length < size:
        term, rendering = rng.choice(pairs)
        ja.append(f"この手法では{rendering}を用いて、推論の精度を3.1ポイント改善しました。\n")
        en.append(f"This method uses {term} and improves inference accuracy by 3.1 points.\n")
        length += len(ja[-1].encode())
    return "".join(ja), "".join(en)


def _time(label: str, func: Callable[[], object], repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    print(f"  {label:<34} {best * 1000:8.1f} ms")
    return best


def _forget() -> None:
    io._FILES.clear()
    io._COMPILED.clear()


def _load(path: Path, ja: JaTools, cache_dir: str) -> Glossary:
    _forget()
    os.environ["TERMQA_CACHE_DIR"] = cache_dir
    return io.load_glossaries([str(path)], default=False, ja=ja)


def _bench(size: int, folder: Path, ja: JaTools) -> None:
    path, pairs = _glossary(size, folder)
    target, source = _texts(pairs)
    tokens = ja.tokens(target)
    kb = len(target.encode()) // 1024
    print(f"{size} entries ({path.stat().st_size // 1024} KB YAML), text {kb} KB")
    cached = str(folder / "cache")
    _time("load, no cache (parse+normalize)", lambda: _load(path, ja, ""), repeat=1)
    _load(path, ja, cached)
    _time("load, disk cache warm", lambda: _load(path, ja, cached))
    gloss = _load(path, ja, cached)
    _time("find_english (source)", lambda: gloss.find_english(source))
    _time("find_in_target", lambda: gloss.find_in_target(target))
    _time("find_forbidden", lambda: gloss.find_forbidden(target, tokens, source))
    _time("GL01-GL03 over 40 KB, per segment", lambda: _run_rules(gloss, target, source, ja))
    _time("entries (decode all rows)", lambda: _load(path, ja, cached).entries)


def _run_rules(gloss: Glossary, target: str, source: str, ja: JaTools) -> int:
    """The glossary rules over one segment per line, as the engine runs them."""
    segments = tuple(
        Segment(i, SegmentKind.PARAGRAPH, Span(t, t, 0), Span(s, s, 0))
        for i, (t, s) in enumerate(zip(target.splitlines(), source.splitlines(), strict=True))
    )
    doc = Document("bench", target, "interleaved", segments)
    ctx = Context(doc=doc, glossary=gloss, config=Config(), ja=ja)
    return len(run_rules(doc, ctx, rules.RULES))


def main() -> None:
    ja = JaTools()
    with tempfile.TemporaryDirectory() as tmp:
        for size in (100, 10_000):
            _bench(size, Path(tmp), ja)


if __name__ == "__main__":
    main()
