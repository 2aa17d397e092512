"""Glossary lint speed: a deterministic 10,000-entry glossary (target: lint <= 2 s).

The glossary mixes do-not-translate names (katakana transliterations forbidden) and
translated multiword terms (katakana and kanji renderings, kanji forbidden), with aliases,
a hundred entries with bad and good examples, and a few planted near-duplicates
(`foo-bar` / `foo bar`, plurals, British spellings) so the near-duplicate pass has work.
Prints the wall time of `termqa glossary lint FILE` as a new process without the glossary
cache (what a user waits for after editing the file: imports, parse, every check, Sudachi
for the examples) and with it, the time of `lint_files` alone in a process that has run it
once (modules and Sudachi loaded), and the issues found by code.

    python bench/glossary_lint.py [--entries N]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_SYLLABLES = tuple(
    (c + v, k)
    for c, row in (
        ("k", "カキクケコ"),
        ("s", "サシスセソ"),
        ("t", "タチツテト"),
        ("n", "ナニヌネノ"),
        ("m", "マミムメモ"),
        ("r", "ラリルレロ"),
        ("b", "バビブベボ"),
        ("d", "ダヂヅデド"),
        ("g", "ガギグゲゴ"),
        ("p", "パピプペポ"),
    )
    for v, k in zip("aiueo", row, strict=True)
)
_KANJI = "学習推論評価模型重層注意損失勾配分布表現生成検索拡張蒸留圧縮埋込語彙解析探索最適"


def _word(rng: random.Random, low: int, high: int) -> tuple[str, str]:
    """A pseudo-English word and its katakana transliteration."""
    parts = [rng.choice(_SYLLABLES) for _ in range(rng.randint(low, high))]
    return "".join(p[0] for p in parts), "".join(p[1] for p in parts)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _keep(rng: random.Random) -> tuple[str, list[str], str]:
    a, kana_a = _word(rng, 2, 3)
    b, kana_b = _word(rng, 2, 3)
    term = a.capitalize() + b.capitalize()
    lines = [f"    forbidden: [{_quote(kana_a + kana_b)}]"]
    return term, lines, kana_a + kana_b


def _translate(rng: random.Random, kanji: set[str]) -> tuple[str, list[str], str]:
    words = [_word(rng, 3, 4) for _ in range(rng.randint(1, 3))]
    term = " ".join(w[0] for w in words)
    forbidden = ""
    while not forbidden or forbidden in kanji:
        forbidden = "".join(rng.choice(_KANJI) for _ in range(rng.randint(3, 4)))
    kanji.add(forbidden)
    rendering = "".join(w[1] for w in words)
    lines = [f"    ja: [{_quote(rendering)}]", f"    forbidden: [{_quote(forbidden)}]"]
    return term, lines, forbidden


def _variant(term: str, n: int) -> str:
    """`foo-bar` for `foo bar` (or `foo-bar` for `foobar`), or a plural."""
    if n % 2000 == 1:
        return term.replace(" ", "-") if " " in term else term[:3] + "-" + term[3:]
    return term + "s"


def generate(size: int, seed: int = 2024) -> str:
    """YAML of a glossary of `size` entries, the same for the same arguments."""
    rng = random.Random(seed)
    out = ["version: 1", "name: bench", "entries:"]
    seen: set[str] = set()
    kanji: set[str] = set()
    while len(seen) < size:
        keep = rng.random() < 0.3
        term, lines, bad = _keep(rng) if keep else _translate(rng, kanji)
        if term.casefold() in seen:
            continue
        seen.add(term.casefold())
        out += [f"  - term: {_quote(term)}", f"    kind: {'keep' if keep else 'translate'}"]
        out += lines
        if len(seen) % 10 == 0:
            out.append(f"    aliases: [{_quote(term + 's' if keep else term.upper())}]")
        if len(seen) % 100 == 0:
            good = term if keep else lines[0].split('"')[1]
            out += ["    examples:", f"      bad: [{_quote(bad + 'を使った。')}]"]
            out.append(f"      good: [{_quote(good + 'を使った。')}]")
        if len(seen) % 1000 == 1 and not keep:  # planted near-duplicates
            variant = _variant(term, len(seen))
            seen.add(variant.casefold())
            out += [f"  - term: {_quote(variant)}", "    kind: translate"]
            out += [f"    ja: [{_quote('変種' + str(len(seen)))}]"]
    return "\n".join(out) + "\n"


def _in_process(path: str, runs: int) -> tuple[float, list[str]]:
    """Best seconds of `lint_files` in this process without the cache, after a first call
    has loaded the modules and Sudachi: the glossary parsed and checked again."""
    from termqa.glossary import io  # noqa: PLC0415
    from termqa.glossary.lint import lint_files  # noqa: PLC0415

    os.environ["TERMQA_CACHE_DIR"] = ""
    codes = [i.code for i in lint_files([path])]
    best = float("inf")
    for _ in range(runs):
        io._FILES.clear()
        io._COMPILED.clear()
        start = time.perf_counter()
        lint_files([path])
        best = min(best, time.perf_counter() - start)
    return best, codes


def _process(path: str, cache: str, runs: int) -> str:
    """Median and best wall seconds, and median CPU seconds, of `termqa glossary lint PATH`
    as a new process (CPU time is what a busy machine does not inflate)."""
    env = {**os.environ, "TERMQA_CACHE_DIR": cache, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "termqa", "glossary", "lint", path]
    walls, cpus = [], []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        walls.append(time.perf_counter() - start)
        cpus.append(usage.ru_utime + usage.ru_stime)
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            raise SystemExit("termqa glossary lint failed")
    wall, best, cpu = statistics.median(walls), min(walls), statistics.median(cpus)
    return f"wall median {wall:5.2f} s, best {best:5.2f} s; CPU {cpu:5.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))  # run from a checkout without installing
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "bench.yaml")
        Path(path).write_text(generate(args.entries), encoding="utf-8")
        print(f"{args.entries} entries ({os.path.getsize(path) // 1024} KB YAML)")
        print(f"  new process, no cache:  {_process(path, '', args.runs)}  (target 2 s)")
        cache = os.path.join(folder, "cache")
        _process(path, cache, 1)
        print(f"  new process, cache warm: {_process(path, cache, args.runs)}")
        seconds, codes = _in_process(path, args.runs)
        print(f"  lint_files again in the same process, no cache: best {seconds:5.2f} s")
        counts = ", ".join(f"{code} {n}" for code, n in sorted(Counter(codes).items()))
        print(f"  issues: {counts or 'none'}")


if __name__ == "__main__":
    main()
