"""Benchmark `termqa check` as users run it: wall time and peak RSS of the real CLI process.

Cases (targets from the check issue):
  digest-40k      a ~40 KB interleaved bilingual digest, warm runs (target: <= 0.3 s)
  corpus-4mb      a ~4 MB directory of digests in one process (target: >= 1 MB JA/s/core)
  glossary-100    the 40 KB digest with a 100-entry glossary only
  glossary-10000  the same with a 10,000-entry glossary (target: <= 1.3x glossary-100)

Inputs are generated deterministically from corpora/ into a temporary directory.
Usage: python bench/check_speed.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"


def run_once(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one CLI run."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"termqa exited {code}: {err}")
    return wall, usage.ru_maxrss / 1024


def measure(args: list[str], runs: int) -> tuple[float, float]:
    run_once(args)  # warm the page cache and Python's bytecode cache
    results = [run_once(args) for _ in range(runs)]
    return statistics.median(w for w, _ in results), max(r for _, r in results)


def make_digest(size: int, seed: int = 0) -> str:
    """Copies of the interleaved samples, each with its digits permuted the same way on both
    sides (so numbers still agree) and a distinct marker, so no two copies share a segment and
    per-text caches cannot flatter the numbers."""
    parts = [p.read_text(encoding="utf-8") for p in sorted(CORPORA.glob("interleaved-*.txt"))]
    if not parts:
        raise SystemExit("no corpora/interleaved-*.txt to build the benchmark digest from")
    rnd = random.Random(seed)
    out: list[str] = []
    total = 0
    while total < size:
        digits = list("123456789")
        rnd.shuffle(digits)
        table = str.maketrans("123456789", "".join(digits))
        copy = parts[len(out) % len(parts)].translate(table)
        marker = "".join(rnd.choices("アイウエオカキクケコサシスセソ", k=4))
        copy = "\n".join(_mark(line, marker) for line in copy.split("\n"))
        out.append(copy)
        total += len(copy.encode())
    return "\n".join(out)


def _mark(line: str, marker: str) -> str:
    """Append a katakana marker to Japanese lines (English lines stay as they are)."""
    return line + marker if _is_japanese(line) and line.endswith("。") else line


def make_glossary(n: int, seed: int = 7) -> str:
    rnd = random.Random(seed)
    lines = ["version: 1", f"name: synthetic-{n}", "entries:"]
    for i in range(n):
        if i % 2:
            word = "".join(rnd.choices(string.ascii_lowercase, k=rnd.randint(6, 12)))
            kata = "".join(rnd.choices("アイウエオカキクケコサシスセソタチツテトナニヌネノ", k=5))
            lines += [f"  - term: {word}{i}", "    kind: translate", f"    ja: [{kata}ー{i}]"]
        else:
            acro = "".join(rnd.choices(string.ascii_uppercase, k=rnd.randint(3, 5)))
            lines += [f"  - term: {acro}X{i}", "    kind: keep", f"    forbidden: [ゼタ{i}]"]
    return "\n".join(lines) + "\n"


def ja_bytes(text: str) -> int:
    return sum(len(line.encode()) for line in text.splitlines() if _is_japanese(line))


def _is_japanese(line: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in line)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    opts = parser.parse_args()
    termqa = [sys.executable, "-m", "termqa", "check"]
    tmp = Path(tempfile.mkdtemp(prefix="termqa-bench-"))
    try:
        digest = tmp / "digest.txt"
        text = make_digest(40_000)
        digest.write_text(text, encoding="utf-8")
        corpus = tmp / "corpus"
        corpus.mkdir()
        for i in range(100):
            (corpus / f"digest-{i:03}.txt").write_text(make_digest(40_000, i + 1), "utf-8")
        for n in (100, 10_000):
            (tmp / f"g{n}.yaml").write_text(make_glossary(n), encoding="utf-8")

        rows = []
        wall, rss = measure([*termqa, str(digest)], opts.runs)
        rows.append(("digest-40k", len(text.encode()), wall, rss, ""))
        wall, rss = measure([*termqa, str(corpus)], 1)
        corpus_text = [p.read_text(encoding="utf-8") for p in corpus.iterdir()]
        rate = sum(ja_bytes(t) for t in corpus_text) / wall / 1e6
        size = sum(len(t.encode()) for t in corpus_text)
        rows.append(("corpus-4mb", size, wall, rss, f"{rate:.2f} MB JA/s"))
        base = 0.0
        for n in (100, 10_000):
            args = [*termqa, "--no-default-glossary", "--glossary", str(tmp / f"g{n}.yaml")]
            wall, rss = measure([*args, str(digest)], opts.runs)
            base = base or wall
            rows.append((f"glossary-{n}", len(text.encode()), wall, rss, f"{wall / base:.2f}x"))
    finally:
        shutil.rmtree(tmp)
    print(f"{'case':<16}{'bytes':>10}{'wall s':>9}{'peak MiB':>10}  note")
    for name, size, wall, rss, note in rows:
        print(f"{name:<16}{size:>10}{wall:>9.3f}{rss:>10.1f}  {note}")


if __name__ == "__main__":
    main()
