"""`termqa glossary lint|stats|show`: output, JSON shapes and exit codes (0 clean, 1 errors
or not found, 2 bad input with one line on stderr and no traceback)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from termqa.glossary.commands_lint import lint_command, show_command, stats_command

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LINT = HERE / "fixtures" / "lint"
GOOD = str(LINT / "good.yaml")


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERMQA_CACHE_DIR", str(tmp_path / "cache"))


def run(command: object, *args: str) -> Result:
    return CliRunner().invoke(command, list(args))  # type: ignore[arg-type]


def assert_error(result: Result, *needles: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("termqa: error: ")
    assert result.stdout == ""
    for needle in needles:
        assert needle in lines[0]


def test_lint_clean_file_exits_0() -> None:
    result = run(lint_command, GOOD)
    assert result.exit_code == 0
    assert result.stdout == "no issues in 1 glossary file\n"


def test_lint_errors_exit_1_with_file_and_line() -> None:
    path = str(LINT / "duplicates.yaml")
    result = run(lint_command, path)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[-1] == "5 errors, 0 warnings in 1 glossary file"
    assert lines[0].startswith(f"{path}:6: error: ")
    assert lines[0].endswith("[duplicate-alias]")


def test_warnings_exit_0_unless_strict() -> None:
    path = str(LINT / "near.yaml")
    result = run(lint_command, path)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "0 errors, 5 warnings in 1 glossary file"
    assert run(lint_command, "--strict", path).exit_code == 1
    assert run(lint_command, "--strict", GOOD).exit_code == 0


def test_lint_json_shape() -> None:
    paths = [str(LINT / "base.yaml"), str(LINT / "team.yaml")]
    result = run(lint_command, "--format", "json", *paths)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert set(data) == {"version", "files", "issues", "summary"}
    assert data["version"] == 1
    assert data["files"] == paths
    assert data["summary"] == {"errors": 2, "warnings": 2}
    first = data["issues"][0]
    assert set(first) == {"path", "line", "code", "level", "message"}
    assert (first["path"], first["line"], first["code"], first["level"]) == (
        paths[1],
        4,
        "kind-conflict",
        "error",
    )


def test_lint_json_when_clean() -> None:
    data = json.loads(run(lint_command, "--format", "json", GOOD).stdout)
    assert data["issues"] == []
    assert data["summary"] == {"errors": 0, "warnings": 0}


def test_schema_errors_are_lint_errors_not_aborts() -> None:
    path = str(LINT / "schema.yaml")
    result = run(lint_command, path)
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if "schema-error" in line]
    assert [line.split(":")[1] for line in lines] == ["1", "3", "7", "8", "10", "14"]


@pytest.mark.parametrize(
    ("name", "needles"),
    [
        ("invalid-yaml.yaml", ("invalid-yaml.yaml:6:", "invalid YAML")),
        ("missing.yaml", ("missing.yaml", "not found")),
    ],
)
def test_lint_bad_input_exits_2(name: str, needles: tuple[str, ...]) -> None:
    assert_error(run(lint_command, str(LINT / name)), *needles)


def test_lint_not_utf8_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"version: 1\nentries:\n  - term: caf\xe9\n    kind: keep\n")
    assert_error(run(lint_command, str(path)), "latin1.yaml:3:", "UTF-8")


def test_lint_with_default_finds_conflicts_with_the_shipped_glossary(tmp_path: Path) -> None:
    team = tmp_path / "team.yaml"
    team.write_text(
        "version: 1\nentries:\n  - term: Google\n    kind: translate\n    ja: [グーグル]\n",
        encoding="utf-8",
    )
    assert run(lint_command, str(team)).exit_code == 0
    result = run(lint_command, "--with-default", str(team))
    assert result.exit_code == 1
    assert f"{team}:3: error: 'Google' is translated here but do-not-translate at" in (
        result.stdout
    )
    assert "ml.yaml:" in result.stdout
    assert result.stdout.endswith(" in 2 glossary files\n")
    data = json.loads(run(lint_command, "--with-default", "--format", "json", str(team)).stdout)
    assert [Path(p).name for p in data["files"]] == ["ml.yaml", "team.yaml"]
    assert {i["path"] for i in data["issues"]} == {str(team)}


def test_lint_without_files_lints_the_shipped_glossary() -> None:
    result = run(lint_command, "--no-examples", "--format", "json")
    data = json.loads(result.stdout)
    assert [Path(p).name for p in data["files"]] == ["ml.yaml"]
    assert data["summary"]["errors"] == 0
    assert result.exit_code == 0


def test_stats_text() -> None:
    result = run(stats_command, GOOD, str(LINT / "base.yaml"))
    assert result.exit_code == 0
    header, good, base, total = result.stdout.splitlines()
    assert header.split() == [
        "file",
        "entries",
        "keep",
        "translate",
        "forbidden",
        "examples",
        "aliases",
    ]
    assert good.split() == [GOOD, "18", "7", "11", "4", "3", "4"]
    assert base.split()[1:] == ["5", "2", "3", "0", "0", "1"]
    assert total.split() == ["total", "23", "9", "14", "4", "3", "5"]


def test_stats_json() -> None:
    data = json.loads(run(stats_command, "--format", "json", GOOD).stdout)
    assert data["files"] == [
        {
            "path": GOOD,
            "entries": 18,
            "keep": 7,
            "translate": 11,
            "forbidden": 4,
            "examples": 3,
            "aliases": 4,
        }
    ]
    assert data["total"]["entries"] == 18
    assert "path" not in data["total"]


def test_stats_of_the_shipped_glossary() -> None:
    result = run(stats_command)
    assert result.exit_code == 0
    row = result.stdout.splitlines()[1].split()
    assert row[0].endswith("ml.yaml")
    assert int(row[1]) > 1000


def test_stats_warns_about_schema_errors() -> None:
    result = run(stats_command, str(LINT / "schema.yaml"))
    assert result.exit_code == 0
    assert "6 schema errors" in result.stderr
    assert result.stdout.splitlines()[1].split()[1] == "2"


def test_show_by_alias_any_case() -> None:
    result = run(show_command, "finetuning", GOOD)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:4] == [
        f"{GOOD}:42",
        "  term: fine-tuning",
        "  kind: translate",
        "  aliases: finetuning, fine tuning",
    ]
    assert run(show_command, "FINE-TUNING", GOOD).stdout == result.stdout


def test_show_lists_every_case_variant_and_examples() -> None:
    result = run(show_command, "transformer", GOOD)
    assert result.exit_code == 0
    out = result.stdout
    assert f"{GOOD}:16\n  term: Transformer\n  kind: keep\n" in out
    assert f"{GOOD}:21\n  term: transformer\n  kind: translate\n" in out
    assert "    bad: 12層の変圧器を学習する。  (en: We train a 12-layer transformer.)" in out
    assert "  forbidden_scope: source" in out


def test_show_json() -> None:
    data = json.loads(run(show_command, "--format", "json", "google", GOOD).stdout)
    assert data["entries"] == [
        {
            "path": GOOD,
            "line": 5,
            "term": "Google",
            "kind": "keep",
            "forbidden": ["グーグル"],
            "forbidden_scope": "always",
            "case": "sensitive",
            "examples": {
                "bad": ["グーグルが新しいモデルを発表した。"],
                "good": ["Googleが新しいモデルを発表した。"],
            },
        }
    ]


def test_show_marks_overridden_entries() -> None:
    result = run(show_command, "prompt", str(LINT / "base.yaml"), str(LINT / "team.yaml"))
    assert result.exit_code == 0
    assert f"base.yaml:7 (overridden by {LINT / 'team.yaml'}:6)" in result.stdout


def test_show_not_found_suggests_close_matches() -> None:
    result = run(show_command, "Transfomer", GOOD)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "'Transfomer' is not in" in result.stderr
    assert "close matches: 'Transformer', 'transformer'" in result.stderr


def test_show_in_the_shipped_glossary() -> None:
    result = run(show_command, "lora")
    assert result.exit_code == 0
    assert "  term: LoRA" in result.stdout


def test_show_bad_input_exits_2() -> None:
    assert_error(run(show_command, "x", str(LINT / "missing.yaml")), "not found")


def test_wired_into_the_cli_without_heavy_imports() -> None:
    code = (
        "import sys, termqa.glossary.commands_lint as c; "
        "heavy = {'rapidfuzz', 'yaml', 'numpy', 'termqa.api', 'sudachipy'} & set(sys.modules); "
        "print(sorted(heavy))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.strip() == "[]"
    help_text = subprocess.run(
        [sys.executable, "-m", "termqa", "glossary", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    ).stdout
    for name in ("lint", "stats", "show"):
        assert f"  {name} " in help_text
