"""Benchmark corpus runs: wall time and peak RSS of the parent and of its workers, by jobs and N.

Generates N digests (variants of the corpora/ samples: interleaved, target-only, TSV and
separate pairs, digits permuted alike on both sides and a per-copy marker so no two are equal),
then checks the directory in a fresh process per case, rendering JSON as `termqa check --format
json -o /dev/null` does. That process reports its own peak RSS (the parent: it holds the report)
and the largest worker's (RUSAGE_CHILDREN); with --jobs 1 there are no workers. Memory that does
not grow from N=100 to N=400 is the point.

Usage: python bench/corpus_jobs.py [--files 100 400] [--jobs 1 2]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
SAMPLES = ("interleaved-01.txt", "interleaved-02.txt", "ja-only-01.md", "ja-only-02.md")

# Runs in the measured process: check, render, print its own and its workers' peak RSS.
CHILD = """
import json, resource, sys, time
from termqa.report.formats import json as json_format
from termqa.runner import run
start = time.perf_counter()
report = run([sys.argv[1]], jobs=int(sys.argv[2]), progress=False)
checked = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
findings = sum(len(r.findings) for r in report.files)
with open("/dev/null", "w", encoding="utf-8") as out:
    out.write(json_format.render(report))
wall = time.perf_counter() - start
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = sum(resource.getrusage(resource.RUSAGE_SELF)[:2]) + kids.ru_utime + kids.ru_stime
print(json.dumps({"wall": wall, "cpu": cpu, "parent": own, "checked": checked,
                  "workers": kids.ru_maxrss / 1024, "findings": findings}))
"""


def make_corpus(directory: Path, n: int, seed: int = 0) -> int:
    """Write n digests into directory; returns their total size in bytes."""
    rnd = random.Random(seed)
    texts = {name: (CORPORA / name).read_text(encoding="utf-8") for name in SAMPLES}
    pair = [(CORPORA / f"separate-01.{lang}.md").read_text("utf-8") for lang in ("ja", "en")]
    total = 0
    for i in range(n):
        digits = list("123456789")
        rnd.shuffle(digits)
        table = str.maketrans("123456789", "".join(digits))
        marker = "".join(rnd.choices("アイウエオカキクケコサシスセソ", k=4))
        kind = i % (len(SAMPLES) + 2)
        if kind < len(SAMPLES):
            name = SAMPLES[kind]
            out = [
                (f"digest-{i:04}{Path(name).suffix}", _mark(texts[name].translate(table), marker))
            ]
        elif kind == len(SAMPLES):
            out = [(f"digest-{i:04}.tsv", (CORPORA / "pairs-01.tsv").read_text("utf-8"))]
        else:
            ja, en = (t.translate(table) for t in pair)
            out = [(f"digest-{i:04}.ja.md", _mark(ja, marker)), (f"digest-{i:04}.en.md", en)]
        for name, text in out:
            (directory / name).write_text(text, encoding="utf-8")
            total += len(text.encode())
    return total


def _mark(text: str, marker: str) -> str:
    return "\n".join(line + marker if line.endswith("。") else line for line in text.split("\n"))


def measure(directory: Path, jobs: int) -> dict[str, float]:
    cmd = [sys.executable, "-c", CHILD, str(directory), str(jobs)]
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode != 0:
        raise SystemExit(f"run failed ({done.returncode}): {done.stderr}")
    result: dict[str, float] = json.loads(done.stdout)
    result["process"] = time.perf_counter() - start  # with interpreter start-up and imports
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, nargs="+", default=[100, 400])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    opts = parser.parse_args()
    print(
        f"{'files':>6} {'MB':>6} {'findings':>8} {'jobs':>4} {'wall s':>7} {'cpu s':>6} "
        f"{'process s':>9} {'parent MiB':>10} {'(pre-render)':>12} {'worker MiB':>10}"
    )
    for n in opts.files:
        tmp = Path(tempfile.mkdtemp(prefix="termqa-corpus-"))
        try:
            size = make_corpus(tmp, n)
            measure(tmp, 1)  # warm the page cache and bytecode
            for jobs in opts.jobs:
                r = measure(tmp, jobs)
                workers = f"{r['workers']:10.0f}" if jobs > 1 else f"{'-':>10}"
                print(
                    f"{n:>6} {size / 1e6:6.2f} {r['findings']:8.0f} {jobs:>4} {r['wall']:7.2f} "
                    f"{r['cpu']:6.2f} {r['process']:9.2f} {r['parent']:10.0f} "
                    f"{r['checked']:12.0f} {workers}",
                    flush=True,
                )
        finally:
            shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
