"""Install the peers into a scratch directory, reusing an install that is already there.

translate-toolkit goes into its own venv (`tt-venv/`), the textlint packages into `npm/`.
Nothing of theirs is written into the repository.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

TRANSLATE_TOOLKIT = "translate-toolkit==3.20.4"
NPM_PACKAGES = (
    "textlint@15.8.0",
    "textlint-rule-prh@6.1.0",
    "textlint-rule-preset-jtf-style@3.0.3",
    "textlint-rule-preset-ja-technical-writing@12.0.2",
)


@dataclass(frozen=True, slots=True)
class Peers:
    scratch: Path
    pofilter: Path
    csv2po: Path
    textlint: Path


def peers_in(scratch: Path) -> Peers:
    venv_bin = scratch / "tt-venv" / "bin"
    return Peers(
        scratch=scratch,
        pofilter=venv_bin / "pofilter",
        csv2po=venv_bin / "csv2po",
        textlint=scratch / "npm" / "node_modules" / ".bin" / "textlint",
    )


def install(scratch: Path) -> Peers:
    """The peers in `scratch`, installed first when missing or at another version."""
    peers = peers_in(scratch)
    scratch.mkdir(parents=True, exist_ok=True)
    stamp = scratch / "installed.txt"
    wanted = "\n".join((TRANSLATE_TOOLKIT, *NPM_PACKAGES)) + "\n"
    tools = (peers.pofilter, peers.csv2po, peers.textlint)
    if (
        stamp.exists()
        and stamp.read_text(encoding="utf-8") == wanted
        and all(map(Path.exists, tools))
    ):
        return peers
    venv = scratch / "tt-venv"
    if not (venv / "bin" / "python").exists():
        _run([sys.executable, "-m", "venv", str(venv)])
    _run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", TRANSLATE_TOOLKIT])
    npm_dir = scratch / "npm"
    npm_dir.mkdir(exist_ok=True)
    if not (npm_dir / "package.json").exists():
        (npm_dir / "package.json").write_text('{"name": "termqa-peers", "private": true}\n')
    _run(["npm", "install", "--no-audit", "--no-fund", "--save-exact", *NPM_PACKAGES], npm_dir)
    stamp.write_text(wanted, encoding="utf-8")
    return peers


def versions(peers: Peers) -> dict[str, str]:
    """Installed versions, as the tools report them."""
    pofilter = _output([str(peers.pofilter), "--version"]).split()[-1]
    textlint = _output([str(peers.textlint), "--version"]).strip().lstrip("v")
    node = _output(["node", "--version"]).strip()
    npm = {p.rsplit("@", 1)[0]: p.rsplit("@", 1)[1] for p in NPM_PACKAGES}
    return {
        "translate-toolkit (pofilter)": pofilter,
        "textlint": textlint,
        **{k: v for k, v in npm.items() if k != "textlint"},
        "node": node,
    }


def _run(cmd: list[str], cwd: Path | None = None) -> None:
    print("+", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, cwd=cwd, check=True)


def _output(cmd: list[str]) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
