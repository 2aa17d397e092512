"""`termqa glossary add|set|remove`: untouched text stays byte for byte, the touched entry keeps
its comments and styles, invalid edits are refused before anything is written."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termqa.cli import main
from termqa.errors import TermqaError
from termqa.glossary.commands_edit import _introduced
from termqa.glossary.edit import Options, add_entry, remove_entry, set_entry, suggestions
from termqa.glossary.lint_model import Level, LintIssue
from termqa.glossary.model import Kind, Scope
from termqa.glossary.parse import parse_glossary

TEAM = """\
# Team glossary: shared by the digest translators.
version: 1
name: team
entries:
  # --- retrieval ---
  - term: RAG                    # English term, canonical spelling
    kind: keep
    expansion: retrieval-augmented generation
    aliases: [RAGs]
    ja: [検索拡張生成]             # approved glosses
    forbidden: [ラグ]
    forbidden_scope: source
    note: "retrieval-augmented generation, not the cloth"

  # --- training ---
  - term: fine-tuning
    kind: translate
    # the first rendering is preferred
    ja:
      - ファインチューニング
      - 微調整
    forbidden: ['ファインチューン']
  - term: checkpoint
    kind: translate
    ja: [チェックポイント]
    note: "a saved model state"
# end of entries
"""


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERMQA_CACHE_DIR", str(tmp_path / "cache"))


def team(tmp_path: Path, text: str = TEAM, name: str = "team.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["glossary", *args])


def entries(path: Path) -> dict[str, object]:
    return {e.term: e for e in parse_glossary(path.read_text(encoding="utf-8-sig"), str(path))}


def changed_lines(before: str, after: str) -> list[str]:
    """The removed (-) and added (+) lines between two texts."""
    diff = difflib.ndiff(before.splitlines(keepends=True), after.splitlines(keepends=True))
    return [line for line in diff if line[:1] in "+-"]


def assert_error(result: Result, code: int, *needles: str) -> None:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    for needle in needles:
        assert needle in result.stderr


# --- add ----------------------------------------------------------------------------------


def test_add_appends_after_the_last_entry_in_the_files_style(tmp_path: Path) -> None:
    path = team(tmp_path)
    result = run(
        "add", str(path), "LoRA", "--kind", "keep", "--expansion", "low-rank adaptation",
        "--ja", "低ランク適応", "--alias", "LoRAs", "--note", "Hu et al., 2021",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == f"added LoRA (keep) to {path}\n"
    after = path.read_text(encoding="utf-8")
    head = TEAM.removesuffix("# end of entries\n")
    assert after == head + (
        "  - term: LoRA\n"
        "    kind: keep\n"
        "    expansion: low-rank adaptation\n"
        "    aliases: [LoRAs]\n"
        "    ja: [低ランク適応]\n"
        '    note: "Hu et al., 2021"\n'  # notes are double-quoted in this file
        "# end of entries\n"
    )
    lora = parse_glossary(after, str(path))[-1]
    assert (lora.kind, lora.ja, lora.aliases) == (Kind.KEEP, ("低ランク適応",), ("LoRAs",))


def test_add_existing_term_is_an_error_naming_its_line(tmp_path: Path) -> None:
    path = team(tmp_path)
    result = run("add", str(path), "RAG", "--kind", "translate", "--ja", "検索拡張生成")
    assert_error(result, 2, f"termqa: error: {path}:6: 'RAG' is already in the glossary")
    assert "use 'set'" in result.stderr
    assert path.read_text(encoding="utf-8") == TEAM


def test_add_needs_a_kind(tmp_path: Path) -> None:
    path = team(tmp_path)
    assert_error(run("add", str(path), "LoRA"), 2, "--kind")
    assert path.read_text(encoding="utf-8") == TEAM


def test_add_rejects_set_only_options(tmp_path: Path) -> None:
    path = team(tmp_path)
    result = run("add", str(path), "LoRA", "--kind", "keep", "--add-ja", "x")
    assert_error(result, 2, "--add-ja")


def test_add_creates_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "post.yaml"
    result = run("add", str(path), "RAG", "--kind", "keep", "--ja", "検索拡張生成")
    assert result.exit_code == 0, result.output
    assert "new file" in result.stdout
    assert path.read_text(encoding="utf-8") == (
        "version: 1\nname: post\nentries:\n  - term: RAG\n    kind: keep\n    ja: [検索拡張生成]\n"
    )


def test_add_to_an_empty_entries_list(tmp_path: Path) -> None:
    path = team(tmp_path, "version: 1  # schema 1\nentries: []\n# more later\n")
    assert run("add", str(path), "GPU", "--kind", "keep").exit_code == 0
    assert path.read_text(encoding="utf-8") == (
        "version: 1  # schema 1\nentries:\n  - term: GPU\n    kind: keep\n# more later\n"
    )


def test_add_in_a_missing_directory_is_an_error(tmp_path: Path) -> None:
    result = run("add", str(tmp_path / "nope" / "x.yaml"), "GPU", "--kind", "keep")
    assert_error(result, 2, "does not exist")
    assert not (tmp_path / "nope").exists()


def test_add_quotes_values_a_yaml_reader_would_misread(tmp_path: Path) -> None:
    path = team(tmp_path)
    for term in ("yes", "No", "null", "~", "1.0", "2024-01-01", "#hashtag", "a: b", "- x"):
        result = run("add", "--kind", "keep", "--note", "on", "--", str(path), term)
        assert result.exit_code == 0, result.output
    found = entries(path)
    for term in ("yes", "No", "null", "~", "1.0", "2024-01-01", "#hashtag", "a: b", "- x"):
        assert term in found


def test_add_that_fails_the_lint_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    path = team(tmp_path)
    result = run("add", str(path), "LoRA", "--kind", "translate")
    assert_error(result, 1, "a translate entry needs at least one 'ja' rendering")
    assert "termqa: edit refused: 1 lint error(s); nothing written" in result.stderr
    result = run(
        "add", str(path), "LoRA", "--kind", "translate", "--ja", "ロラ", "--forbidden", "ロラ"
    )
    assert_error(result, 1, "'ロラ' is both forbidden and approved", "[forbidden-approved]")
    assert path.read_text(encoding="utf-8") == TEAM


def test_errors_the_file_already_had_do_not_block_an_unrelated_edit(tmp_path: Path) -> None:
    broken = TEAM.replace("forbidden: [ラグ]", "forbidden: [ラグ, 検索拡張生成]")
    path = team(tmp_path, broken)
    result = run("add", str(path), "LoRA", "--kind", "keep")
    assert result.exit_code == 0, result.output
    assert "note: 1 lint error(s) were already there" in result.stderr
    assert "LoRA" in entries(path)
    # ...but a second error of the same kind, new with this edit, is refused.
    result = run("add", str(path), "DPO", "--kind", "translate", "--ja", "x", "--forbidden", "x")
    assert_error(result, 1, "'x' is both forbidden and approved for 'DPO'")
    assert "DPO" not in entries(path)


def test_introduced_errors_ignore_line_shifts() -> None:
    def issue(line: int, message: str) -> LintIssue:
        return LintIssue("t.yaml", line, "kind-conflict", Level.ERROR, message)

    before = [issue(9, "'a' clashes with 'A' at line 4")]
    after = [issue(12, "'a' clashes with 'A' at line 7"), issue(20, "'b' clashes")]
    assert _introduced(after, before) == [after[1]]


def test_warnings_about_the_new_entry_are_shown(tmp_path: Path) -> None:
    path = team(tmp_path)
    result = run("add", str(path), "fine tuning", "--kind", "translate", "--ja", "微調整")
    assert result.exit_code == 0, result.output
    assert "near-duplicate" in result.stderr or "duplicate" in result.stderr


# --- set ----------------------------------------------------------------------------------


def test_set_changes_only_the_entrys_own_lines(tmp_path: Path) -> None:
    path = team(tmp_path)
    result = run("set", str(path), "RAG", "--add-ja", "RAG", "--note", "not the cloth")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"updated RAG in {path}: ")
    after = path.read_text(encoding="utf-8")
    assert changed_lines(TEAM, after) == [
        "- " + "    ja: [検索拡張生成]             # approved glosses\n",
        "+ " + "    ja: [検索拡張生成, RAG]        # approved glosses\n",
        "- " + '    note: "retrieval-augmented generation, not the cloth"\n',
        "+ " + '    note: "not the cloth"\n',  # the old quoting is kept
    ]


def test_set_keeps_a_block_list_block_and_its_comments(tmp_path: Path) -> None:
    path = team(tmp_path)
    result = run("set", str(path), "fine-tuning", "--remove-ja", "微調整", "--add-ja", "FT")
    assert result.exit_code == 0, result.output
    assert changed_lines(TEAM, path.read_text(encoding="utf-8")) == [
        "-       - 微調整\n",
        "+       - FT\n",
    ]


def test_set_replaces_lists_and_adds_keys_in_schema_order(tmp_path: Path) -> None:
    path = team(tmp_path)
    result = run(
        "set", str(path), "checkpoint", "--ja", "チェックポイント", "--ja", "保存点",
        "--forbidden", "チェックポインツ", "--case", "sensitive", "--expansion", "ckpt",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert changed_lines(TEAM, path.read_text(encoding="utf-8")) == [
        "+     expansion: ckpt\n",
        "-     ja: [チェックポイント]\n",
        "+     ja: [チェックポイント, 保存点]\n",
        "+     forbidden: [チェックポインツ]\n",
        "+     case: sensitive\n",
    ]
    entry = entries(path)["checkpoint"]
    assert entry.case_sensitive is True  # type: ignore[attr-defined]


def test_set_empty_string_removes_a_key(tmp_path: Path) -> None:
    path = team(tmp_path)
    assert run("set", str(path), "checkpoint", "--note", "").exit_code == 0
    assert changed_lines(TEAM, path.read_text(encoding="utf-8")) == [
        '-     note: "a saved model state"\n'
    ]


def test_set_kind_and_scope(tmp_path: Path) -> None:
    path = team(tmp_path)
    result = run("set", str(path), "RAG", "--kind", "translate", "--scope", "always")
    assert result.exit_code == 0, result.output
    assert "kind keep -> translate" in result.stdout
    assert "forbidden_scope source -> always" in result.stdout
    entry = entries(path)["RAG"]
    assert entry.kind is Kind.TRANSLATE  # type: ignore[attr-defined]
    assert entry.forbidden_scope is Scope.ALWAYS  # type: ignore[attr-defined]


def test_set_with_no_change_writes_nothing(tmp_path: Path) -> None:
    path = team(tmp_path)
    before = path.stat().st_mtime_ns
    result = run("set", str(path), "RAG", "--kind", "keep", "--ja", "検索拡張生成")
    assert result.exit_code == 0, result.output
    assert "unchanged" in result.stdout
    assert path.stat().st_mtime_ns == before


def test_set_without_options_is_an_error(tmp_path: Path) -> None:
    assert_error(run("set", str(team(tmp_path)), "RAG"), 2, "nothing to change")


def test_set_missing_term_suggests_close_ones(tmp_path: Path) -> None:
    path = team(tmp_path)
    assert_error(run("set", str(path), "rag", "--note", "x"), 2, "no entry 'rag'", "'RAG'")
    assert_error(run("set", str(path), "finetuning", "--note", "x"), 2, "'fine-tuning'")
    assert_error(run("set", str(path), "RAGs", "--note", "x"), 2, "'RAG'")  # an alias
    result = run("set", str(path), "Zebra", "--note", "x")
    assert_error(result, 2, f"termqa: error: {path}: no entry 'Zebra'")
    assert "did you mean" not in result.stderr


def test_set_remove_of_a_missing_rendering_is_an_error(tmp_path: Path) -> None:
    path = team(tmp_path)
    result = run("set", str(path), "RAG", "--remove-ja", "ラグ")
    assert_error(result, 2, "'ラグ' is not in ja of 'RAG'")
    assert path.read_text(encoding="utf-8") == TEAM


def test_set_that_fails_the_lint_is_refused(tmp_path: Path) -> None:
    path = team(tmp_path)
    result = run("set", str(path), "checkpoint", "--remove-ja", "チェックポイント")
    assert_error(result, 1, "needs at least one 'ja'")
    result = run("set", str(path), "checkpoint", "--add-forbidden", "チェックポイント")
    assert_error(result, 1, "both forbidden and approved")
    assert path.read_text(encoding="utf-8") == TEAM


def test_set_on_a_missing_file_is_an_error(tmp_path: Path) -> None:
    result = run("set", str(tmp_path / "none.yaml"), "RAG", "--note", "x")
    assert_error(result, 2, "glossary file not found")
    assert list(tmp_path.iterdir()) == []  # not even a lock file


def test_invalid_glossary_is_an_input_error(tmp_path: Path) -> None:
    path = team(tmp_path, "version: 1\nentries:\n  - term: RAG\n    kind: maybe\n")
    assert_error(run("set", str(path), "RAG", "--note", "x"), 2, f"{path}:4:", "kind 'maybe'")


# --- remove -------------------------------------------------------------------------------


def test_remove_deletes_only_the_entrys_lines(tmp_path: Path) -> None:
    path = team(tmp_path)
    result = run("remove", str(path), "fine-tuning")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"removed fine-tuning from {path}\n"
    assert changed_lines(TEAM, path.read_text(encoding="utf-8")) == [
        "-   - term: fine-tuning\n",
        "-     kind: translate\n",
        "-     # the first rendering is preferred\n",
        "-     ja:\n",
        "-       - ファインチューニング\n",
        "-       - 微調整\n",
        "-     forbidden: ['ファインチューン']\n",
    ]  # the group header before it and the comment after the last entry stay


def test_remove_the_last_entry_leaves_an_empty_list(tmp_path: Path) -> None:
    path = team(tmp_path, "version: 1\nentries:\n  # only one\n  - term: GPU\n    kind: keep\n")
    assert run("remove", str(path), "GPU").exit_code == 0
    assert path.read_text(encoding="utf-8") == "version: 1\nentries: []\n  # only one\n"
    assert entries(path) == {}


def test_remove_missing_term_is_an_error_with_suggestions(tmp_path: Path) -> None:
    path = team(tmp_path)
    assert_error(run("remove", str(path), "Checkpoint"), 2, "no entry 'Checkpoint'", "'checkpoint'")
    assert path.read_text(encoding="utf-8") == TEAM


def test_remove_in_a_blank_line_separated_file_takes_one_blank_line(tmp_path: Path) -> None:
    entry = "  - term: {}\n    kind: keep\n"
    text = "version: 1\nentries:\n" + "\n".join(entry.format(t) for t in "ABC")
    path = team(tmp_path, text)
    assert run("remove", str(path), "B").exit_code == 0
    assert path.read_text(encoding="utf-8") == (
        "version: 1\nentries:\n  - term: A\n    kind: keep\n\n  - term: C\n    kind: keep\n"
    )
    assert run("add", str(path), "D", "--kind", "keep").exit_code == 0
    assert path.read_text(encoding="utf-8").endswith("kind: keep\n\n  - term: D\n    kind: keep\n")


# --- file-level fidelity ------------------------------------------------------------------


def test_bom_and_crlf_are_kept(tmp_path: Path) -> None:
    path = team(tmp_path, "\ufeff" + TEAM.replace("\n", "\r\n"))
    assert run("set", str(path), "RAG", "--note", "cloth").exit_code == 0
    assert run("add", str(path), "GPU", "--kind", "keep").exit_code == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\n") == data.count(b"\r\n")
    assert set(entries(path)) == {"RAG", "fine-tuning", "checkpoint", "GPU"}


def test_other_indentation_is_kept(tmp_path: Path) -> None:
    text = "version: 1\nentries:\n-   term: A\n    kind: keep\n-   term: B\n    kind: keep\n"
    path = team(tmp_path, text)
    assert run("add", str(path), "C", "--kind", "translate", "--ja", "シー").exit_code == 0
    assert run("set", str(path), "A", "--ja", "エー").exit_code == 0
    assert path.read_text(encoding="utf-8") == (
        "version: 1\nentries:\n-   term: A\n    kind: keep\n    ja: [エー]\n"
        "-   term: B\n    kind: keep\n-   term: C\n    kind: translate\n    ja: [シー]\n"
    )


def test_flow_style_entries_list_is_refused(tmp_path: Path) -> None:
    path = team(tmp_path, "version: 1\nentries: [{term: A, kind: keep}]\n")
    assert_error(
        run("add", str(path), "B", "--kind", "keep"), 2, "flow list [...] cannot be edited"
    )


def test_editing_the_shipped_glossary_touches_one_entry(tmp_path: Path) -> None:
    path = tmp_path / "ml.yaml"
    shutil.copyfile(ROOT / "glossaries" / "ml.yaml", path)
    original = path.read_text(encoding="utf-8")
    result = run("set", str(path), "CV", "--add-ja", "CV")
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert changed_lines(original, after) == [
        "-     ja: [コンピュータビジョン]\n",
        "+     ja: [コンピュータビジョン, CV]\n",
    ]
    assert run("remove", str(path), "CV").exit_code == 0
    assert run("add", str(path), "CV", "--kind", "keep").exit_code == 0
    assert len(entries(path)) == len(parse_glossary(original, "ml.yaml"))


# --- the pure functions -------------------------------------------------------------------


def test_suggestions_rank_case_and_aliases_first() -> None:
    found = parse_glossary(TEAM, "t.yaml")
    assert suggestions("rags", found) == ["RAG"]
    assert suggestions("checkpointing", found)[0] == "checkpoint"
    assert suggestions("zzz", found) == []


def test_set_unchanged_returns_the_same_text() -> None:
    edit = set_entry(TEAM, "t.yaml", "RAG", Options(kind="keep", aliases=("RAGs",)))
    assert (edit.changed, edit.text) == (False, TEAM)


def test_edit_lines_point_at_the_touched_entry() -> None:
    edit = add_entry(TEAM, "t.yaml", "GPU", Options(kind="keep", ja=("画像処理装置",)))
    lines = edit.text.split("\n")
    first, last = edit.lines
    assert lines[first - 1] == "  - term: GPU"
    assert lines[last - 1] == "    ja: [画像処理装置]"
    edit = set_entry(TEAM, "t.yaml", "fine-tuning", Options(note="x"))
    assert edit.text.split("\n")[edit.lines[0] - 1] == "  - term: fine-tuning"


def test_term_must_not_be_empty() -> None:
    with pytest.raises(TermqaError, match="must not be empty"):
        add_entry(TEAM, "t.yaml", "  ", Options(kind="keep"))


WORD = (
    st.text(
        alphabet=st.characters(
            categories=("L", "N", "P", "S"), exclude_characters="\x85", max_codepoint=0x9FFF
        )
        | st.sampled_from(" -:#'\"[]{},&*!|>%@`"),
        min_size=1,
        max_size=12,
    )
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    term=WORD.filter(lambda t: t not in ("RAG", "fine-tuning", "checkpoint")),
    ja=st.lists(WORD, min_size=1, max_size=3, unique=True),
    note=st.none() | WORD,
)
def test_add_then_remove_gives_back_the_original_bytes(
    term: str, ja: list[str], note: str | None
) -> None:
    added = add_entry(TEAM, "t.yaml", term, Options(kind="translate", ja=tuple(ja), note=note))
    entry = parse_glossary(added.text, "t.yaml")[-1]
    assert (entry.term, entry.ja, entry.note) == (term, tuple(ja), note)
    assert added.text.startswith(TEAM.removesuffix("# end of entries\n"))
    assert remove_entry(added.text, "t.yaml", term).text == TEAM


@settings(max_examples=60, deadline=None)
@given(ja=st.lists(WORD, min_size=1, max_size=3, unique=True), note=WORD)
def test_set_changes_exactly_the_asked_fields(ja: list[str], note: str) -> None:
    edit = set_entry(TEAM, "t.yaml", "fine-tuning", Options(ja=tuple(ja), note=note))
    before = parse_glossary(TEAM, "t.yaml")
    after = parse_glossary(edit.text, "t.yaml")
    assert (after[1].ja, after[1].note, after[1].forbidden) == (
        tuple(ja),
        note,
        before[1].forbidden,
    )
    assert [(e.term, e.ja) for e in after[::2]] == [(e.term, e.ja) for e in before[::2]]
    untouched = TEAM[: TEAM.index("  - term: fine-tuning")]
    assert edit.text.startswith(untouched)
    assert edit.text.endswith(TEAM[TEAM.index("  - term: checkpoint") :])
