"""`termqa.glossary.lint`: each check fires on a small bad glossary and stays silent on a good
one; schema errors are all collected with their lines; near-duplicate search is exact."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

from termqa.errors import TermqaError
from termqa.glossary.io import default_glossary_path, load_file
from termqa.glossary.lint import has_errors, lint_files, lint_text, read_entries, shipped_path
from termqa.glossary.lint_model import Level, LintIssue
from termqa.glossary.lint_near import close_keys, is_variant, near_key

HERE = Path(__file__).resolve().parent
LINT = HERE / "fixtures" / "lint"
SCHEMA_FIXTURES = sorted((HERE / "fixtures" / "glossaries").glob("*.yaml"))


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERMQA_CACHE_DIR", str(tmp_path / "cache"))


def lint(*names: str, **options: bool) -> list[LintIssue]:
    return lint_files([str(LINT / name) for name in names], **options)


def found(issues: list[LintIssue], code: str) -> list[tuple[int, str]]:
    """(line, level) of the issues with `code`."""
    return [(i.line, str(i.level)) for i in issues if i.code == code]


def write(tmp_path: Path, text: str, name: str = "g.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_good_glossary_is_clean() -> None:
    assert lint("good.yaml") == []


def test_schema_errors_are_all_reported_with_lines() -> None:
    issues = lint("schema.yaml")
    assert found(issues, "schema-error") == [(n, "error") for n in (1, 3, 7, 8, 10, 14)]
    messages = " | ".join(i.message for i in issues)
    for needle in ("version", "'colour'", "'color'", "no 'kind'", "'ja'", "'sometimes'"):
        assert needle in messages
    # valid entries are still linted: the repeated Google is a duplicate
    assert found(issues, "duplicate-term") == [(18, "error")]


def _refusal(path: Path) -> TermqaError | None:
    """How the loader refuses the file, or None if it loads it."""
    try:
        load_file(str(path))
    except TermqaError as exc:
        return exc
    return None


@pytest.mark.parametrize("path", SCHEMA_FIXTURES, ids=lambda p: p.name)
def test_every_file_the_loader_refuses_is_a_lint_error(path: Path) -> None:
    """The lint and the loader agree: a refused file gets a lint error at the loader's line,
    or, when it cannot be linted at all, the same TermqaError."""
    refused = _refusal(path)
    if refused is None:
        assert not has_errors(lint_files([str(path)], examples=False))
        return
    if "YAML" in refused.detail or "UTF-8" in refused.detail:
        with pytest.raises(TermqaError) as raised:
            lint_files([str(path)], examples=False)
        assert raised.value.render() == refused.render()
        return
    errors = [i for i in lint_files([str(path)], examples=False) if i.level is Level.ERROR]
    assert refused.line in {i.line for i in errors}, (refused.render(), errors)


def test_invalid_yaml_cannot_be_linted() -> None:
    with pytest.raises(TermqaError) as caught:
        lint("invalid-yaml.yaml")
    assert caught.value.line == 6
    assert "invalid YAML" in caught.value.render()


def test_missing_file_and_directory_raise(tmp_path: Path) -> None:
    with pytest.raises(TermqaError, match="not found"):
        lint_files([str(tmp_path / "missing.yaml")])
    with pytest.raises(TermqaError, match="directory"):
        lint_files([str(tmp_path)])


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"version: 1\nentries:\n  - term: caf\xe9\n    kind: keep\n")
    with pytest.raises(TermqaError, match="UTF-8") as caught:
        lint_files([str(path)])
    assert caught.value.line == 3


def test_duplicate_terms_and_aliases() -> None:
    issues = lint("duplicates.yaml")
    assert found(issues, "duplicate-term") == [(14, "error"), (19, "error")]
    assert found(issues, "duplicate-alias") == [(6, "error"), (8, "error"), (8, "error")]
    pruning = next(i for i in issues if i.line == 14)
    assert pruning.message == "duplicate term 'Pruning' (first at line 11 as 'pruning')"
    assert "'LLMs' (alias of 'LM') duplicates 'LLMs' (alias of 'LLM') at line 3" in {
        i.message for i in issues
    }


def test_casing_conflicts_only_between_entries_of_one_kind() -> None:
    issues = lint("casing.yaml")
    assert [(i.line, i.code, str(i.level)) for i in issues] == [
        (6, "casing-conflict", "warning"),
        (11, "casing-conflict", "warning"),
    ]
    assert issues[0].message == "'FLOPS' differs only in case from 'FLOPs' at line 3"


def test_forbidden_equal_to_approved() -> None:
    issues = lint("forbidden.yaml")
    assert found(issues, "forbidden-approved") == [(3, "error"), (7, "warning")]
    assert "'重み' is both forbidden and approved for 'weights'" in issues[0].message
    assert "approved for 'built-in' at line 11" in issues[1].message


def test_near_duplicates() -> None:
    issues = lint("near.yaml")
    assert found(issues, "near-duplicate") == [(n, "warning") for n in (5, 10, 16, 22, 28)]
    assert issues[0].message == (
        "'Mixture-of-Experts' is a near-duplicate of 'Mixture of Experts' at line 3"
    )


def test_failing_examples() -> None:
    issues = lint("examples.yaml")
    assert found(issues, "failing-example") == [(n, "error") for n in (4, 10, 17, 26)]
    by_line = {i.line: i.message for i in issues}
    assert by_line[4] == "bad example 'ググるで検索した。' of 'Google' produces no GL01 finding"
    assert "produces GL02 ('切除' is a forbidden rendering of 'ablation')" in by_line[10]
    assert "no GL01 finding for it, only GL01" in by_line[17]
    assert "(with source) of 'pruning' produces no GL finding" in by_line[26]


def test_examples_can_be_skipped() -> None:
    assert lint("examples.yaml", examples=False) == []


def test_layered_conflicts_name_both_files() -> None:
    issues = lint("base.yaml", "team.yaml")
    base = str(LINT / "base.yaml")
    assert {i.path for i in issues} == {str(LINT / "team.yaml")}
    assert [(i.line, i.code, str(i.level)) for i in issues] == [
        (4, "kind-conflict", "error"),
        (6, "conflict", "warning"),
        (9, "kind-conflict", "error"),
        (12, "conflict", "warning"),
    ]
    assert issues[0].message == f"'agent' is do-not-translate here but translated at {base}:4"
    assert f"[プロンプト] at {base}:7 with [指示文]" in issues[1].message
    assert f"'RAGs' (alias of 'RAG') at {base}:10 is do-not-translate" in issues[2].message


def test_each_file_alone_is_clean_of_the_layered_conflicts() -> None:
    assert lint("base.yaml") == []
    assert lint("team.yaml") == []


def test_with_default_reports_only_the_given_files(tmp_path: Path) -> None:
    team = write(
        tmp_path,
        "version: 1\nentries:\n  - term: Google\n    kind: translate\n    ja: [グーグル]\n",
    )
    issues = lint_files([team], default=True)
    assert {i.path for i in issues} == {team}
    codes = {i.code for i in issues}
    assert "kind-conflict" in codes
    assert f"{shipped_path()}:" in next(i.message for i in issues if i.code == "kind-conflict")
    assert lint_files([team]) == []


def test_lint_text_lints_a_document_in_memory(tmp_path: Path) -> None:
    text = (LINT / "duplicates.yaml").read_text(encoding="utf-8")
    path = str(tmp_path / "never-written.yaml")
    issues = lint_text(text, path)
    assert {i.path for i in issues} == {path}
    assert [i.line for i in issues] == [i.line for i in lint("duplicates.yaml")]
    assert not (tmp_path / "never-written.yaml").exists()
    assert lint_text((LINT / "good.yaml").read_text(encoding="utf-8"), path) == []
    with pytest.raises(TermqaError):
        lint_text("entries: [", path)


def test_lint_text_runs_examples_unless_told_not_to() -> None:
    text = (LINT / "examples.yaml").read_text(encoding="utf-8")
    assert found(lint_text(text, "e.yaml"), "failing-example")
    assert lint_text(text, "e.yaml", examples=False) == []


def test_issues_are_sorted_by_path_and_line() -> None:
    issues = lint("schema.yaml", "duplicates.yaml", "casing.yaml")
    keys = [(i.path, i.line) for i in issues]
    assert keys == sorted(keys)


def test_read_entries_keeps_valid_entries_of_a_broken_file() -> None:
    entries, issues = read_entries(str(LINT / "schema.yaml"))
    assert [e.term for e in entries] == ["Google", "Google"]
    assert len(issues) == 6
    entries, issues = read_entries(str(LINT / "good.yaml"))
    assert len(entries) == 18
    assert issues == []
    assert read_entries(str(LINT / "good.yaml"))[0] == entries  # from the loader's memo


def test_shipped_glossary_has_no_errors() -> None:
    """The shipped glossary lints clean of errors, examples included. (Forbidden renderings
    match on token boundaries, so an example must not glue a forbidden katakana word to the
    next katakana word: Sudachi reads `クーダカーネル` as one unknown token.)"""
    issues = lint_files([default_glossary_path()])
    assert [i.render() for i in issues if i.level is Level.ERROR] == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("tokenizer", "tokenizers"),
        ("regularization", "regularisation"),
        ("modeling", "modelling"),
        ("reward model", "reward modell"),
        ("optimizer", "optimiser"),
        ("patch", "patches"),
        ("knowledge distilation", "knowledge distillation"),
    ],
)
def test_variants(a: str, b: str) -> None:
    assert is_variant(a, b)
    assert is_variant(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("supervised learning", "unsupervised learning"),
        ("top-k sampling", "top-p sampling"),
        ("encoder", "decoder"),
        ("masking", "marking"),
        ("GPT-3 model", "GPT-4 model"),
        ("self-supervised", "semi-supervised"),
        ("perplexity", "perplexity score"),
        ("head", "heads"),  # too short to judge
        ("inference", "interference"),
    ],
)
def test_not_variants(a: str, b: str) -> None:
    assert not is_variant(a, b)


def test_near_key() -> None:
    assert near_key("Mixture-of-Experts") == near_key("mixture of experts") == "mixtureofexperts"
    assert near_key("Fine_Tuning!") == "finetuning"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text("abcd", min_size=1, max_size=9), min_size=0, max_size=40, unique=True))
def test_close_keys_equals_brute_force(keys: list[str]) -> None:
    brute = {
        frozenset((a, b))
        for a, b in itertools.combinations(keys, 2)
        if a[0] == b[0] and Indel.distance(a, b) <= 2
    }
    pairs = close_keys(keys)
    assert len(pairs) == len(brute)
    assert {frozenset(p) for p in pairs} == brute
