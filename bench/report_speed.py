"""Benchmark `termqa report` on 200 generated digests: wall time and peak RSS of the CLI.

Digests are the samples in corpora/ (interleaved and Japanese-only) with their digits permuted
the same way on both sides and a marker per copy, named with a date so the HTML report has a
score-over-time chart. Runs with `--jobs 1` and `--jobs 2` when the parallel runner
(termqa/runner.py) exists, else once. Peak RSS is the largest process of the run (the CLI or
one of its workers, which wait4 reports as the child's waited-for descendants).
Usage: python bench/report_speed.py [--digests N]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
SAMPLES = ("interleaved-01.txt", "interleaved-02.txt", "ja-only-01.md", "ja-only-02.md")


def make_corpus(directory: Path, count: int, seed: int = 0) -> int:
    """Write `count` dated digests; returns their total size in bytes."""
    rnd = random.Random(seed)
    texts = [(CORPORA / name).read_text(encoding="utf-8") for name in SAMPLES]
    start, total = date(2024, 1, 1), 0
    for i in range(count):
        name = SAMPLES[i % len(SAMPLES)]
        digits = list("123456789")
        rnd.shuffle(digits)
        text = texts[i % len(texts)].translate(str.maketrans("123456789", "".join(digits)))
        marker = "".join(rnd.choices("アイウエオカキクケコ", k=4))
        text = text.replace("。\n", f"{marker}。\n", 3)
        when = start + timedelta(days=i)
        path = directory / f"digest-{when.isoformat()}-{i:03}{Path(name).suffix}"
        path.write_text(text, encoding="utf-8")
        total += len(text.encode())
    return total


def run_once(args: list[str]) -> tuple[float, float]:
    start = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"termqa report exited {code}: {err}")
    return wall, usage.ru_maxrss / 1024


def report_cli() -> list[str]:
    """`termqa report` through the main CLI once it is registered there, else the module."""
    from termqa.cli import main  # noqa: PLC0415

    if "report" in main.commands:
        return [sys.executable, "-m", "termqa", "report"]
    return [sys.executable, "-m", "termqa.report.commands"]


def main() -> None:
    sys.path.insert(0, str(ROOT))
    parser = argparse.ArgumentParser()
    parser.add_argument("--digests", type=int, default=200)
    opts = parser.parse_args()
    has_runner = importlib.util.find_spec("termqa.runner") is not None
    tmp = Path(tempfile.mkdtemp(prefix="termqa-report-bench-"))
    try:
        corpus = tmp / "corpus"
        corpus.mkdir()
        size = make_corpus(corpus, opts.digests)
        outputs = ["--html", str(tmp / "r.html"), "--csv", str(tmp / "f.csv")]
        outputs += ["--summary-csv", str(tmp / "s.csv")]
        base = [*report_cli(), str(corpus), *outputs]
        rows = []
        for jobs in (1, 2) if has_runner else (None,):
            args = base + (["--jobs", str(jobs)] if jobs else [])
            wall, rss = run_once(args)
            rows.append((f"jobs={jobs}" if jobs else "sequential", wall, rss))
        html_kib = (tmp / "r.html").stat().st_size / 1024
    finally:
        shutil.rmtree(tmp)
    print(f"{opts.digests} digests, {size / 1e6:.2f} MB, HTML report {html_kib:.0f} KiB")
    print(f"{'case':<12}{'wall s':>9}{'peak MiB':>10}")
    for name, wall, rss in rows:
        print(f"{name:<12}{wall:>9.2f}{rss:>10.1f}")


if __name__ == "__main__":
    main()
