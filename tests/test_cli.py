"""The command line end to end: every option of `termqa check`, output formats, exit codes and
every bad-input case (one line on stderr, exit 2, never a traceback)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

TITLE = "スパース注意の再考 / Rethinking Sparse Attention\n"
BAD_NUMBER = TITLE + "- KVキャッシュを45%削減する。\nreduces the KV cache by 40%.\n"
CLEAN = TITLE + "- KVキャッシュを40%削減する。\nreduces the KV cache by 40%.\n"


def termqa(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "termqa", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def assert_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("termqa: error: ")
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0]


def test_clean_digest_passes_with_exit_0(tmp_path: Path) -> None:
    result = termqa("check", str(write(tmp_path / "post.txt", CLEAN)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 finding(s)" in result.stdout


def test_defect_fails_with_exit_1_and_text_output(tmp_path: Path) -> None:
    post = write(tmp_path / "post.txt", BAD_NUMBER)
    result = termqa("check", str(post))
    assert result.returncode == 1
    head = next(line for line in result.stdout.splitlines() if "NM02" in line)
    assert head.startswith(f"{post}:2:")
    assert "[major]" in head
    assert "'45%'" in head


def test_json_output_has_the_design_schema(tmp_path: Path) -> None:
    post = write(tmp_path / "post.txt", BAD_NUMBER)
    result = termqa("check", str(post), "--format", "json")
    data = json.loads(result.stdout)
    assert data["version"] == 1
    assert data["summary"] == {"files": 1, "findings": 1, "passed": 0, "failed": 1}
    file = data["files"][0]
    assert set(file) == {"path", "layout", "segments", "score", "passed", "findings"}
    assert file["layout"] == "interleaved"
    finding = file["findings"][0]
    assert set(finding) == {
        "code", "name", "category", "severity", "path", "line", "column",
        "end_line", "end_column", "message", "target", "source", "suggestion",
    }  # fmt: skip
    assert (finding["code"], finding["category"], finding["target"]) == ("NM02", "number", "45%")
    line = BAD_NUMBER.split("\n")[finding["line"] - 1]
    assert line[finding["column"] - 1 : finding["end_column"] - 1] == "45%"


def test_select_and_ignore(tmp_path: Path) -> None:
    post = str(write(tmp_path / "post.txt", BAD_NUMBER))
    assert termqa("check", post, "--select", "AC,CS").returncode == 0
    assert termqa("check", post, "--ignore", "NM").returncode == 0
    assert termqa("check", post, "--select", "nm02").returncode == 1


def test_unknown_rule_code_is_a_usage_error(tmp_path: Path) -> None:
    post = str(write(tmp_path / "post.txt", CLEAN))
    assert_error(termqa("check", post, "--select", "ZZ99"), "ZZ99")


def test_fail_on_threshold(tmp_path: Path) -> None:
    post = str(write(tmp_path / "post.txt", BAD_NUMBER))
    assert termqa("check", post, "--fail-on", "critical").returncode == 0
    assert termqa("check", post, "--fail-on", "minor").returncode == 1


def test_explicit_source_and_layout(tmp_path: Path) -> None:
    ja = write(tmp_path / "a.md", "# 結果\n\nKVキャッシュを45%削減する。\n")
    en = write(tmp_path / "b.md", "# Results\n\nIt reduces the KV cache by 40%.\n")
    result = termqa("check", str(ja), "--source", str(en), "--format", "json")
    data = json.loads(result.stdout)
    assert data["files"][0]["layout"] == "separate"
    assert [f["code"] for f in data["files"][0]["findings"]] == ["NM02"]
    result = termqa("check", str(ja), "--layout", "target-only", "--format", "json")
    assert json.loads(result.stdout)["files"][0]["layout"] == "target-only"


def test_sibling_source_is_found(tmp_path: Path) -> None:
    write(tmp_path / "post.ja.md", "# 結果\n\nKVキャッシュを45%削減する。\n")
    write(tmp_path / "post.en.md", "# Results\n\nIt reduces the KV cache by 40%.\n")
    result = termqa("check", str(tmp_path), "--format", "json")
    files = json.loads(result.stdout)["files"]
    assert [Path(f["path"]).name for f in files] == ["post.ja.md"]
    assert files[0]["layout"] == "separate"


def test_source_with_several_targets_is_refused(tmp_path: Path) -> None:
    a = str(write(tmp_path / "a.md", CLEAN))
    b = str(write(tmp_path / "b.md", CLEAN))
    assert_error(termqa("check", a, b, "--source", a), "--source")


def test_glossary_option_and_no_default(tmp_path: Path) -> None:
    team = write(
        tmp_path / "team.yaml",
        "version: 1\nentries:\n  - term: Zeta\n    kind: keep\n    forbidden: [ゼータ]\n",
    )
    post = str(write(tmp_path / "post.md", "# 紹介\n\nゼータを使う。グーグルも使う。\n"))
    codes = _codes(termqa("check", post, "--glossary", str(team), "--format", "json"))
    assert codes.count("GL01") == 2
    codes = _codes(
        termqa("check", post, "--no-default-glossary", "--glossary", str(team), "--format", "json")
    )
    assert codes == ["GL01"]


def _codes(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert result.returncode in (0, 1), result.stderr
    return [f["code"] for f in json.loads(result.stdout)["files"][0]["findings"]]


# --- bad input -------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.md")
    assert_error(termqa("check", missing), missing)


def test_directory_without_digests(tmp_path: Path) -> None:
    (tmp_path / "data.bin").write_bytes(b"\x00\x01")
    assert_error(termqa("check", str(tmp_path)), str(tmp_path), "no digests")


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert_error(termqa("check", str(path)), str(path), "binary")


def test_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_bytes("日本語".encode() + b"\xff\xfe\xfd abc\n")
    assert_error(termqa("check", str(path)), str(path), "UTF-8")


def test_cp932_is_named_with_a_conversion_hint(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_bytes("# 結果\n\nKVキャッシュを40%削減する。\n".encode("cp932"))
    assert_error(termqa("check", str(path)), str(path), "CP932", "iconv")


def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path / "post.md", "")
    assert_error(termqa("check", str(path)), str(path), "empty")


def test_malformed_glossary_names_file_and_line(tmp_path: Path) -> None:
    post = str(write(tmp_path / "post.md", CLEAN))
    bad = write(tmp_path / "g.yaml", "version: 1\nentries:\n  - term: RAG\n    kind: maybe\n")
    assert_error(termqa("check", post, "--glossary", str(bad)), f"{bad}:4")


def test_malformed_tsv_header(tmp_path: Path) -> None:
    path = write(tmp_path / "pairs.tsv", "id\tenglish_text\tnotes\n1\tHello\tこんにちは\n")
    assert_error(termqa("check", str(path)), str(path), "source")


def test_bad_choice_is_a_usage_error(tmp_path: Path) -> None:
    post = str(write(tmp_path / "post.md", CLEAN))
    result = termqa("check", post, "--layout", "weird")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


# --- other commands -------------------------------------------------------------------------


def test_rules_lists_every_rule() -> None:
    from termqa.checks import ALL_RULES  # noqa: PLC0415

    out = termqa("rules").stdout.splitlines()
    assert [line.split()[0] for line in out] == [r.code for r in ALL_RULES]


def test_rule_unknown_code() -> None:
    assert_error(termqa("rule", "XX01"), "XX01")


def test_startup_does_not_import_heavy_packages() -> None:
    code = (
        "import sys, termqa.cli, termqa.api, termqa.document;"
        "print(sorted(m for m in ('spacy','pandas','deepl') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


SAMPLES = sorted(p for p in (ROOT / "corpora").glob("*-0*.*") if not p.name.endswith(".en.md"))


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_samples_run_without_error(sample: Path) -> None:
    result = termqa("check", str(sample), "--format", "json")
    assert result.returncode in (0, 1), result.stderr


def test_style_preset_changes_typography(tmp_path: Path) -> None:
    post = str(write(tmp_path / "post.md", "# 結果\n\nGPU を使う。\n"))
    assert "TY04" in _codes(termqa("check", post, "--style", "jtf", "--format", "json"))
    assert "TY04" not in _codes(termqa("check", post, "--style", "technical", "--format", "json"))
    assert_error(termqa("check", post, "--style", "bogus"), "bogus")
