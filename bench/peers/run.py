"""Side by side: termqa, translate-toolkit's pofilter and textlint on the same planted digest.

Installs the peers into a scratch directory (reused when present), writes the inputs there
(digest.en.md, correct.ja.md and planted.ja.md = correct + bench/peers/inputs/defects.yaml),
runs every tool on both Japanese digests (a warm-up, then the median wall time of --runs runs
and the peak RSS, from /usr/bin/time -v), scores them and rewrites the peers section of
bench/README.md. See that file for the method.

Usage: python bench/peers/run.py [--scratch DIR] [--runs N] [--no-readme]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench.peers` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.peers import install, readme, tools
from bench.peers.inputs import (
    CATEGORIES,
    CORRECT,
    INPUTS,
    PLANTED,
    SOURCE,
    Defect,
    load_defects,
    prepare,
)
from bench.peers.score import score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--scratch", type=Path, default=Path("/tmp/termqa-peers"))  # noqa: S108 - scratch for installs
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-readme", action="store_true", help="print only")
    args = parser.parse_args(argv)
    if not tools.available():
        print("needs /usr/bin/time and npm", file=sys.stderr)
        return 2
    peers = install.install(args.scratch.resolve())
    paths = prepare(peers.scratch / "work")
    defects = load_defects()
    results = _run_all(peers, paths, args.runs)
    scored = [
        readme.Result(name, score(defects, list(p.hits), list(c.hits)), p, c)
        for name, (p, c) in results.items()
    ]
    body = _body(scored, defects, install.versions(peers), args.runs)
    print(body)
    if not args.no_readme:
        readme.rewrite(body)
        print(f"\nwrote {readme.README}", file=sys.stderr)
    return 0


def _run_all(
    peers: install.Peers, paths: dict[str, Path], runs: int
) -> dict[str, tuple[tools.Measured, tools.Measured]]:
    config = tools.setup_textlint(peers)
    source = paths[SOURCE]
    out: dict[str, tuple[tools.Measured, tools.Measured]] = {}
    out["termqa"] = (
        tools.run_termqa(paths[PLANTED], source, runs),
        tools.run_termqa(paths[CORRECT], source, runs),
    )
    out["pofilter"] = (
        tools.run_pofilter(peers, paths[PLANTED], source, runs),
        tools.run_pofilter(peers, paths[CORRECT], source, runs),
    )
    out["textlint"] = (
        tools.run_textlint(peers, config, paths[PLANTED], runs),
        tools.run_textlint(peers, config, paths[CORRECT], runs),
    )
    return out


def _body(
    results: list[readme.Result],
    defects: tuple[Defect, ...],
    versions: dict[str, str],
    runs: int,
) -> str:
    per_category = Counter(d.category for d in defects)
    size = sum((INPUTS / name).stat().st_size for name in (SOURCE, CORRECT))
    setup = (
        f"Inputs: {len(defects)} planted defects; the digest is {size / 1000:.1f} KB "
        f"(English + Japanese). Times: median of {runs} runs after a warm-up, on "
        f"`planted.ja.md`; peak RSS: the largest of all runs. Machine: {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}."
    )
    return "\n\n".join(
        (
            setup,
            "Versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()) + ".",
            readme.table(results, len(defects), {c: per_category[c] for c in CATEGORIES}),
            readme.misses(results),
            "Findings on the correct digest, by rule:\n\n" + _noise(results),
        )
    )


def _noise(results: list[readme.Result]) -> str:
    lines = []
    for result in results:
        rules = Counter(hit.rule for hit in result.correct.hits).most_common()
        lines.append(f"- {result.tool}: " + (", ".join(f"`{r}` {n}" for r, n in rules) or "none"))
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
