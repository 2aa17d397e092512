"""Big inputs: peak RSS and wall time of `termqa check` on one large file, and the size limit.

Cases, for a target-only Markdown digest and an interleaved bilingual one:
  1, 4, 16 MiB          checked (exit 0 or 1)
  limit                  a file exactly at the default --max-file-size, checked
  100 MiB                refused before it is read (exit 2, one line naming size and limit)
With --unlimited SIZE_MB the limit is lifted (--max-file-size 0) to measure what a file of that
size costs; a watchdog kills the run above --kill-at GiB of RSS.

Inputs are generated deterministically from corpora/ into a temporary directory.
Usage: python bench/big_input.py [--sizes 1,4,16] [--unlimited 100] [--kill-at 8]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
MIB = 1024 * 1024
LAYOUTS = {"target-only": ("ja-only-*.md", ".md"), "interleaved": ("interleaved-*.txt", ".txt")}
_KATAKANA = "アイウエオカキクケコサシスセソタチツテト"


@dataclass(frozen=True)
class Run:
    code: int
    wall: float
    peak_mib: float
    stderr: str
    killed: bool


def make_file(path: Path, layout: str, size: int) -> None:
    """Exactly `size` bytes of digest: copies of the corpus samples, each with its own marker
    on the headings (so no two sections are the same text), padded with a Japanese line."""
    pattern, _ = LAYOUTS[layout]
    parts = [p.read_text(encoding="utf-8") for p in sorted(CORPORA.glob(pattern))]
    out: list[bytes] = []
    total = 0
    copy = 0
    while True:
        marker = _marker(copy)
        text = parts[copy % len(parts)].replace("\n\n", f"\n\n<!-- {marker} -->\n\n", 1)
        data = (text.rstrip("\n") + "\n\n").encode()
        if total + len(data) > size:
            break
        out.append(data)
        total += len(data)
        copy += 1
    pad = size - total  # a line of あ (3 bytes each) and 1 to 3 newlines make up the rest
    if pad < 4:
        out.append(b"\n" * pad)
    else:
        out.append(("あ" * ((pad - 1) // 3)).encode() + b"\n" * ((pad - 1) % 3 + 1))
    path.write_bytes(b"".join(out))


def _marker(n: int) -> str:
    digits = []
    while True:
        n, rest = divmod(n, len(_KATAKANA))
        digits.append(_KATAKANA[rest])
        if n == 0:
            return "".join(digits)


def run(args: list[str], kill_at: int) -> Run:
    """Run the CLI; poll its RSS and kill it (and say so) when it passes `kill_at` bytes."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    killed = False
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if _rss(proc.pid) > kill_at:
            proc.send_signal(signal.SIGKILL)
            killed = True
        time.sleep(0.05)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    return Run(code, wall, usage.ru_maxrss / 1024, err.strip(), killed)


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return 0
    return 0


def default_limit() -> int:
    sys.path.insert(0, str(ROOT))
    from termqa.readers.decode import DEFAULT_MAX_FILE_SIZE  # noqa: PLC0415

    return DEFAULT_MAX_FILE_SIZE


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1,4,16", help="MB sizes to check (comma list)")
    parser.add_argument("--unlimited", type=int, help="also check a file this many MB, no limit")
    parser.add_argument("--kill-at", type=float, default=8.0, help="GiB of RSS; kill above")
    parser.add_argument("--layouts", default=",".join(LAYOUTS))
    opts = parser.parse_args()
    limit = default_limit()
    cases: list[tuple[str, int, list[str]]] = []
    for mb in map(int, opts.sizes.split(",")):
        at_limit = " (the limit)" if mb * MIB == limit else ""
        cases.append((f"{mb} MiB{at_limit}", mb * MIB, []))
    if all(size != limit for _, size, _ in cases):
        cases.append((f"{limit / MIB:g} MiB (the limit)", limit, []))
    if opts.unlimited:
        unlimited = ["--max-file-size", "0"]
        cases.append((f"{opts.unlimited} MiB, no limit", opts.unlimited * MIB, unlimited))
    cases.append(("100 MiB, refused", 100 * MIB, []))
    termqa = [sys.executable, "-m", "termqa", "check", "--no-config", "--format", "json"]
    tmp = Path(tempfile.mkdtemp(prefix="termqa-big-"))
    rows: list[tuple[str, str, int, Run]] = []
    try:
        for layout in opts.layouts.split(","):
            for name, size, extra in cases:
                path = tmp / f"big{LAYOUTS[layout][1]}"
                make_file(path, layout, size)
                result = run([*termqa, *extra, str(path)], int(opts.kill_at * 1024**3))
                rows.append((layout, name, size, result))
                path.unlink()
                print(_row(layout, name, size, result), flush=True)
    finally:
        shutil.rmtree(tmp)
    print()
    print(f"{'layout':<12}{'case':<22}{'bytes':>11}{'exit':>5}{'wall s':>9}{'peak MiB':>10}")
    for layout, name, size, result in rows:
        print(_row(layout, name, size, result))
    for layout, name, _, result in rows:
        if result.code == 2:
            print(f"{layout} {name}: {result.stderr}")


def _row(layout: str, name: str, size: int, result: Run) -> str:
    code = "KILL" if result.killed else str(result.code)
    return f"{layout:<12}{name:<22}{size:>11}{code:>5}{result.wall:>9.2f}{result.peak_mib:>10.1f}"


if __name__ == "__main__":
    main()
