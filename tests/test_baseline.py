"""Baselines: fingerprints survive moved lines; only new findings are reported and gated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from termqa import baseline
from termqa.api import Checker, check_paths
from termqa.config import Config
from termqa.errors import TermqaError
from termqa.readers.decode import read_text

TITLE = "スパース注意の再考 / Rethinking Sparse Attention\n"
BAD = TITLE + "- KVキャッシュを45%削減する。\nreduces the KV cache by 40%.\n"


def run(path: Path, checker: Checker, base: Path) -> tuple[int, int, bool]:
    report = check_paths([str(path)], checker=checker)
    known = baseline.load(str(base))
    new, matched = baseline.subtract(report, str(base), known, read_text, Config())
    return len(new.files[0].findings), matched, new.passed


def test_baseline_survives_lines_moving(tmp_path: Path, checker: Checker) -> None:
    post = tmp_path / "docs" / "post.txt"
    post.parent.mkdir()
    post.write_text(BAD, encoding="utf-8")
    base = tmp_path / ".termqa-baseline.json"
    report = check_paths([str(post)], checker=checker)
    assert not report.passed
    baseline.write(str(base), report, read_text)
    data = json.loads(base.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert {item["path"] for item in data["findings"]} == {"docs/post.txt"}
    count = len(data["findings"])
    assert run(post, checker, base) == (0, count, True)
    moved = TITLE + "- 注意機構を改良する。\nimproves attention.\n\n" + BAD.removeprefix(TITLE)
    post.write_text(moved, encoding="utf-8")
    assert run(post, checker, base) == (0, count, True)


def test_new_findings_are_reported(tmp_path: Path, checker: Checker) -> None:
    post = tmp_path / "post.txt"
    post.write_text(BAD, encoding="utf-8")
    base = tmp_path / "b.json"
    baseline.write(str(base), check_paths([str(post)], checker=checker), read_text)
    post.write_text(BAD + "- 精度を12%改善する。\nimproves accuracy by 21%.\n", encoding="utf-8")
    new, matched, passed = run(post, checker, base)
    assert new >= 1
    assert matched >= 1
    assert not passed


def test_bad_baseline_files(tmp_path: Path) -> None:
    with pytest.raises(TermqaError, match="no such baseline"):
        baseline.load(str(tmp_path / "missing.json"))
    broken = tmp_path / "broken.json"
    broken.write_text("{}", encoding="utf-8")
    with pytest.raises(TermqaError, match="not a termqa baseline"):
        baseline.load(str(broken))
