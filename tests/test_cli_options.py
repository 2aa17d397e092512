"""`termqa check` options of issue 5 and `termqa init`, run in-process with click's runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from termqa.cli import main

TITLE = "スパース注意の再考 / Rethinking Sparse Attention\n"
BAD = TITLE + "- KVキャッシュを45%削減する。\nreduces the KV cache by 40%.\n"  # NM02, major
FIXABLE = "# 概要\n\nＧＰＵで`ＧＰＵ`を使う。\n"  # TY02, minor, fixable outside the code span


def termqa(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def assert_error(result: Result, *needles: str) -> None:
    assert result.exit_code == 2, result.output
    assert "termqa: error: " in result.output
    for needle in needles:
        assert needle in result.output


def test_config_is_found_upwards_and_cli_overrides_it(tmp_path: Path) -> None:
    post = write(tmp_path / "a" / "post.txt", BAD)
    write(tmp_path / "termqa.toml", '[gate]\nfail-on = "critical"\n')
    assert termqa("check", str(post)).exit_code == 0
    assert termqa("check", "--fail-on", "major", str(post)).exit_code == 1
    assert termqa("check", "--no-config", str(post)).exit_code == 1


def test_explicit_config_and_severity(tmp_path: Path) -> None:
    post = write(tmp_path / "post.txt", BAD)
    config = write(tmp_path / "x" / "team.toml", '[severity]\nNM02 = "info"\n')
    result = termqa("check", "--config", str(config), str(post))
    assert result.exit_code == 0
    assert "NM02 [info]" in result.output


def test_select_ignore_in_config(tmp_path: Path) -> None:
    post = write(tmp_path / "post.txt", BAD)
    write(tmp_path / "pyproject.toml", '[tool.termqa]\nignore = ["NM"]\n')
    assert "NM02" not in termqa("check", str(post)).output
    assert "NM02" in termqa("check", "--ignore", "TY", str(post)).output


def test_gate_min_score_and_max_counts(tmp_path: Path) -> None:
    post = write(tmp_path / "post.md", FIXABLE)
    assert termqa("check", str(post)).exit_code == 0
    assert termqa("check", "--min-score", "99.5", str(post)).exit_code == 1
    write(tmp_path / "termqa.toml", "[gate]\nmax-minor = 0\n")
    assert termqa("check", str(post)).exit_code == 1
    assert termqa("check", "--min-score", "101", str(post)).exit_code == 2


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("bogus = 1\n", "key 'bogus'"),
        ('[severity]\nNM02 = "fatal"\n', "key 'severity.NM02'"),
        ('select = ["QQ"]\n', "'QQ'"),
        ('style = "fancy"\n', "key 'style'"),
        ('style = "jtf"\nselect = [NM]\n', "termqa.toml:2: invalid TOML"),
    ],
)
def test_invalid_config_exits_2(tmp_path: Path, text: str, needle: str) -> None:
    write(tmp_path / "termqa.toml", text)
    assert_error(termqa("check", str(write(tmp_path / "post.md", FIXABLE))), needle)


def test_bad_option_values_exit_2(tmp_path: Path) -> None:
    post = str(write(tmp_path / "post.md", FIXABLE))
    assert_error(termqa("check", "--style", "fancy", post), "fancy")
    assert_error(termqa("check", "--config", str(tmp_path / "none.toml"), post), "none.toml")
    assert_error(termqa("check", "--update-baseline", post), "--baseline")
    assert_error(termqa("check", "--fix", "--diff", post), "--diff")
    assert_error(termqa("check", "--baseline", str(tmp_path / "no.json"), post), "no.json")


def test_baseline_then_only_new_findings_fail(tmp_path: Path) -> None:
    post = write(tmp_path / "post.txt", BAD)
    base = str(tmp_path / ".termqa-baseline.json")
    result = termqa("check", "--baseline", base, "--update-baseline", str(post))
    assert result.exit_code == 0
    assert "baselined" in result.output
    result = termqa("check", "--baseline", base, "--format", "json", str(post))
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["summary"]["baselined"] >= 1
    assert data["files"][0]["findings"] == []
    write(post, BAD + "- 精度を12%改善する。\nimproves accuracy by 21%.\n")
    assert termqa("check", "--baseline", base, str(post)).exit_code == 1


def test_diff_writes_nothing_and_fix_writes_once(tmp_path: Path) -> None:
    post = write(tmp_path / "post.md", FIXABLE)
    result = termqa("check", "--diff", str(post))
    assert result.exit_code == 1
    assert "-ＧＰＵで`ＧＰＵ`を使う。" in result.output
    assert "+GPUで`ＧＰＵ`を使う。" in result.output
    assert post.read_text(encoding="utf-8") == FIXABLE
    result = termqa("check", "--fix", str(post))
    assert result.exit_code == 0
    assert "0 finding(s)" in result.output
    assert post.read_text(encoding="utf-8") == FIXABLE.replace("ＧＰＵで", "GPUで")
    assert termqa("check", "--diff", str(post)).output == ""
    assert termqa("check", "--diff", str(post)).exit_code == 0


def test_output_file_and_jobs(tmp_path: Path) -> None:
    post = write(tmp_path / "post.txt", BAD)
    out = tmp_path / "report.json"
    result = termqa("check", "--jobs", "2", "--format", "json", "-o", str(out), str(post))
    assert result.exit_code == 1
    assert result.output == ""
    assert json.loads(out.read_text(encoding="utf-8"))["files"][0]["passed"] is False
    assert termqa("check", "--jobs", "0", str(post)).exit_code == 2


@pytest.mark.parametrize("fmt", ["sarif", "github", "csv"])
def test_other_formats(tmp_path: Path, fmt: str) -> None:
    result = termqa("check", "--format", fmt, str(write(tmp_path / "post.txt", BAD)))
    assert result.exit_code == 1
    assert "NM02" in result.output


def test_pairs_from_config(tmp_path: Path) -> None:
    write(tmp_path / "termqa.toml", '[pairs]\n"*_ja.md" = "*_en.md"\n')
    write(tmp_path / "post_en.md", "# Overview\n\nThe cache shrinks by 40%.\n")
    write(tmp_path / "post_ja.md", "# 概要\n\nキャッシュを45%削減する。\n")
    result = termqa("check", "--format", "json", str(tmp_path))
    files = json.loads(result.output)["files"]
    assert [Path(f["path"]).name for f in files] == ["post_ja.md"]
    assert files[0]["layout"] == "separate"
    assert "NM02" in {f["code"] for f in files[0]["findings"]}


def test_init(tmp_path: Path) -> None:
    result = termqa("init", str(tmp_path))
    assert result.exit_code == 0
    assert (tmp_path / "termqa.toml").is_file()
    assert_error(termqa("init", str(tmp_path)), "already exists")
    assert termqa("init", "--force", str(tmp_path)).exit_code == 0
    post = write(tmp_path / "post.md", FIXABLE)
    assert termqa("check", str(post)).exit_code == 0
