"""Run each tool on a Japanese digest, measure it, and turn its output into line hits."""

from __future__ import annotations

import csv
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.peers.install import Peers
from bench.peers.score import Hit

ROOT = Path(__file__).resolve().parents[2]
TIME = "/usr/bin/time"
_RSS = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")
_PO_CHECK = re.compile(r"^# \(pofilter\) ([\w-]+):", re.MULTILINE)
_PO_LOCATION = re.compile(r"^#: .*?:(\d+)$", re.MULTILINE)
_MARKER = re.compile(r"^(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,3}\.[ \t]+)")
TEXTLINTRC = {
    "rules": {
        "preset-jtf-style": True,
        "preset-ja-technical-writing": True,
        "prh": {"rulePaths": ["prh.yml"]},
    }
}


@dataclass(frozen=True, slots=True)
class Run:
    stdout: str
    seconds: float
    rss_kb: int


@dataclass(frozen=True, slots=True)
class Measured:
    hits: tuple[Hit, ...]
    seconds: float  # median wall time
    rss_kb: int  # peak RSS over all runs


def timed(cmd: list[str], cwd: Path, ok: tuple[int, ...] = (0, 1)) -> Run:
    """One run of `cmd` under /usr/bin/time -v: its stdout, wall seconds and peak RSS."""
    with tempfile.NamedTemporaryFile("r", suffix=".time", encoding="utf-8") as report:
        start = time.perf_counter()
        done = subprocess.run(
            [TIME, "-v", "-o", report.name, *cmd],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - start
        match = _RSS.search(report.read())
    if done.returncode not in ok or match is None:
        raise RuntimeError(f"{cmd[0]} exited {done.returncode}: {done.stderr.strip()[-2000:]}")
    return Run(done.stdout, seconds, int(match.group(1)))


def measure(cmd: list[str], cwd: Path, parse: Callable[[str], list[Hit]], runs: int) -> Measured:
    """An untimed warm-up run, then `runs` timed ones; the hits of the last run."""
    timed(cmd, cwd)
    results = [timed(cmd, cwd) for _ in range(runs)]
    return Measured(
        hits=tuple(sorted(parse(results[-1].stdout))),
        seconds=statistics.median(r.seconds for r in results),
        rss_kb=max(r.rss_kb for r in results),
    )


def termqa_command() -> list[str]:
    script = Path(sys.executable).with_name("termqa")
    return [str(script)] if script.exists() else [sys.executable, "-m", "termqa"]


def parse_termqa(output: str) -> list[Hit]:
    data = json.loads(output)
    return [Hit(f["line"], f["code"]) for file in data["files"] for f in file["findings"]]


def run_termqa(target: Path, source: Path, runs: int) -> Measured:
    cmd = [*termqa_command(), "check", target.name, "--source", source.name, "--format", "json"]
    return measure(cmd, target.parent, parse_termqa, runs)


def write_po(peers: Peers, target: Path, source: Path) -> Path:
    """The digest as PO: line pairs into a location/source/target CSV, then csv2po."""
    table = target.with_suffix(".csv")
    en_lines = source.read_text(encoding="utf-8").split("\n")
    ja_lines = target.read_text(encoding="utf-8").split("\n")
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["location", "source", "target"])
        for number, (en, ja) in enumerate(zip(en_lines, ja_lines, strict=True), start=1):
            if en.strip():
                # Markdown block markers are structure, not text: a PO from md2po has none.
                writer.writerow(
                    [f"{target.name}:{number}", _MARKER.sub("", en), _MARKER.sub("", ja)]
                )
    po = target.with_suffix(".po")
    subprocess.run(
        [str(peers.csv2po), "--progress=none", str(table), str(po)],
        check=True,
        capture_output=True,
    )
    return po


def parse_pofilter(output: str) -> list[Hit]:
    """Each failing unit's checks at its PO location (the Japanese line)."""
    hits: list[Hit] = []
    for block in output.split("\n\n"):
        location = _PO_LOCATION.search(block)
        if location:
            hits += [Hit(int(location.group(1)), c) for c in _PO_CHECK.findall(block)]
    return hits


def run_pofilter(peers: Peers, target: Path, source: Path, runs: int) -> Measured:
    po = write_po(peers, target, source)
    cmd = [str(peers.pofilter), "--progress=none", "--language=ja", str(po)]
    return measure(cmd, target.parent, parse_pofilter, runs)


def parse_textlint(output: str) -> list[Hit]:
    return [Hit(m["line"], m["ruleId"]) for file in json.loads(output) for m in file["messages"]]


def setup_textlint(peers: Peers) -> Path:
    """The .textlintrc (both presets, prh with termqa's shipped glossary) in the scratch dir."""
    prh = peers.scratch / "prh.yml"
    subprocess.run(
        [*termqa_command(), "glossary", "export", "--format", "prh", "-o", str(prh)],
        check=True,
        capture_output=True,
    )
    config = peers.scratch / ".textlintrc.json"
    config.write_text(json.dumps(TEXTLINTRC, indent=2) + "\n", encoding="utf-8")
    return config


def run_textlint(peers: Peers, config: Path, target: Path, runs: int) -> Measured:
    cmd = [str(peers.textlint), "--config", str(config), "--format", "json", str(target)]
    return measure(cmd, peers.scratch, parse_textlint, runs)


def available() -> bool:
    return Path(TIME).exists() and shutil.which("npm") is not None
