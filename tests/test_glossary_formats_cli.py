"""`termqa glossary export|import|suggest` end to end: output, -o, warnings, errors, startup."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from termqa.glossary.parse import parse_glossary

EXCHANGE = ROOT / "tests" / "fixtures" / "exchange"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "TERMQA_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}


def termqa(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "termqa", "glossary", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )


def assert_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("termqa: error: ")
    for needle in needles:
        assert needle in lines[0]


@pytest.mark.parametrize("fmt", ["csv", "tsv", "tbx", "prh", "deepl"])
def test_export_the_shipped_glossary(env: dict[str, str], fmt: str) -> None:
    result = termqa(env, "export", "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert "RAG" in result.stdout
    for line in result.stderr.splitlines():
        assert line.startswith("warning: "), line
    if fmt in ("csv", "tsv"):
        assert result.stderr == (
            f"warning: {fmt} cannot hold examples (56 entries: LoRA, RAG, OpenAI, Anthropic, "
            "Google, …)\n"
        )


def test_export_to_a_file_and_import_it_back(env: dict[str, str], tmp_path: Path) -> None:
    team = tmp_path / "team.yaml"
    team.write_text(
        "version: 1\nentries:\n  - term: RAG\n    kind: translate\n    ja: [検索拡張生成]\n"
        "  - term: TreeSpec\n    kind: keep\n",
        encoding="utf-8",
    )
    base = tmp_path / "base.yaml"
    base.write_text(
        "version: 1\nentries:\n  - term: RAG\n    kind: keep\n  - term: LoRA\n    kind: keep\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.tsv"
    result = termqa(env, "export", str(base), str(team), "--format", "deepl", "-o", str(out))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert out.read_text(encoding="utf-8") == "RAG\t検索拡張生成\nLoRA\tLoRA\nTreeSpec\tTreeSpec\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    yaml_out = tmp_path / "back.yaml"
    result = termqa(env, "import", str(out), "--format", "deepl", "-o", str(yaml_out))
    assert result.returncode == 0, result.stderr
    entries = parse_glossary(yaml_out.read_text(encoding="utf-8"), str(yaml_out))
    assert [(e.term, e.kind) for e in entries] == [
        ("RAG", "translate"),
        ("LoRA", "keep"),
        ("TreeSpec", "keep"),
    ]


def test_import_prints_yaml_and_warnings(env: dict[str, str]) -> None:
    result = termqa(env, "import", str(EXCHANGE / "cat-export.tbx"), "--format", "tbx")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Imported from cat-export.tbx (tbx)")
    assert len(parse_glossary(result.stdout, "x.yaml")) == 9
    assert "warning: " in result.stderr
    assert "cat-export.tbx:187: entry without an English term: skipped" in result.stderr


def test_tbx_import_export_import_is_stable(env: dict[str, str], tmp_path: Path) -> None:
    first = termqa(env, "import", str(EXCHANGE / "cat-export.tbx"), "--format", "tbx")
    (tmp_path / "first.yaml").write_text(first.stdout, encoding="utf-8")
    exported = termqa(env, "export", str(tmp_path / "first.yaml"), "--format", "tbx")
    assert (exported.returncode, exported.stderr) == (0, "")
    (tmp_path / "again.tbx").write_text(exported.stdout, encoding="utf-8")
    second = termqa(env, "import", str(tmp_path / "again.tbx"), "--format", "tbx")
    body = first.stdout.split("\n", 2)[2]  # past the header naming the source file
    assert second.stdout.split("\n", 2)[2].replace("name: again", "name: cat-export") == body


def test_the_prh_dictionary_imports_without_errors(env: dict[str, str]) -> None:
    result = termqa(env, "import", str(EXCHANGE / "ml-dictionary.prh.yml"), "--format", "prh")
    assert result.returncode == 0, result.stderr
    assert len(parse_glossary(result.stdout, "x.yaml")) > 1100


@pytest.mark.parametrize(
    ("name", "fmt", "needles"),
    [
        ("bomb.tbx", "tbx", ("bomb.tbx:3: refusing XML that declares an entity",)),
        ("spreadsheet.csv", "deepl", ("spreadsheet.csv:1: expected 'source<TAB>target'",)),
        ("deepl-entries.tsv", "prh", ("deepl-entries.tsv:1: a prh file must be a mapping",)),
        ("missing.csv", "csv", ("missing.csv: file not found",)),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    env: dict[str, str], name: str, fmt: str, needles: tuple[str, ...]
) -> None:
    assert_error(termqa(env, "import", str(EXCHANGE / name), "--format", fmt), *needles)


def test_export_of_a_malformed_glossary_names_its_line(env: dict[str, str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nentries:\n  - term: x\n    kind: maybe\n", encoding="utf-8")
    assert_error(termqa(env, "export", str(bad), "--format", "csv"), "bad.yaml:4:")


def test_format_is_required_and_checked(env: dict[str, str]) -> None:
    result = termqa(env, "export", "--format", "xlsx")
    assert result.returncode == 2
    assert "Invalid value for '--format'" in result.stderr
    assert termqa(env, "import", "x.csv").returncode == 2


def test_suggest_on_the_sample_corpora(env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "suggested.yaml"
    result = termqa(env, "suggest", str(ROOT / "corpora"), "--min-count", "3", "-o", str(out))
    assert result.returncode == 0, result.stderr
    entries = parse_glossary(out.read_text(encoding="utf-8"), str(out))
    assert "ExpertFuse" in [e.term for e in entries]
    assert_error(termqa(env, "suggest", str(tmp_path / "nothing")), "no such file or directory")


def test_heavy_libraries_stay_out_of_startup(env: dict[str, str]) -> None:
    code = (
        "import sys, termqa.cli\n"
        "heavy = [m for m in ('spacy', 'defusedxml', 'deepl', 'termqa.glossary.formats')"
        " if m in sys.modules]\n"
        "print(heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == "[]"
