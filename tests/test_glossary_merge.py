"""`termqa glossary merge A B`: union in order, A's text kept, every conflict reported field by
field, nothing written without an explicit --prefer, the merged result linted before output."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from termqa.cli import main
from termqa.glossary.merge import Conflict, merge_texts
from termqa.glossary.model import Kind
from termqa.glossary.parse import parse_glossary

A = """\
# Team glossary (A).
version: 1
name: team
entries:
  # --- retrieval ---
  - term: RAG   # keep it Latin
    kind: keep
    ja: [検索拡張生成]
  - term: embedding
    kind: translate
    ja: [埋め込み]
  # --- training ---
  - term: checkpoint
    kind: translate
    ja: [チェックポイント]
# end of A
"""

B = """\
version: 1
name: post
entries:
# B's entries, other indentation
-   term: LoRA   # from the post
    kind: keep
    ja: [低ランク適応]
-   term: embedding
    kind: translate
    ja: 埋め込み
    case: insensitive
-   term: RAG
    kind: translate
    ja: [検索拡張生成, 検索拡張]
-   term: KV cache
    kind: translate
    ja:
    -   KVキャッシュ
"""


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERMQA_CACHE_DIR", str(tmp_path / "cache"))


def files(tmp_path: Path, a: str = A, b: str = B) -> tuple[Path, Path]:
    (tmp_path / "a.yaml").write_text(a, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(b, encoding="utf-8")
    return tmp_path / "a.yaml", tmp_path / "b.yaml"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["glossary", "merge", *args])


def terms(text: str) -> list[str]:
    return [e.term for e in parse_glossary(text, "m.yaml")]


def test_conflicts_are_reported_field_by_field_and_nothing_is_written(tmp_path: Path) -> None:
    a, b = files(tmp_path)
    out = tmp_path / "out.yaml"
    result = run(str(a), str(b), "-o", str(out))
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"conflict: 'RAG': kind keep ({a}:7) vs translate ({b}:13)",
        f"conflict: 'RAG': ja [検索拡張生成] ({a}:8) vs [検索拡張生成, 検索拡張] ({b}:14)",
        "termqa: merge refused: 2 conflicting field(s); nothing written "
        "(choose with --prefer A or --prefer B)",
    ]
    assert not out.exists()


def test_conflicts_without_output_print_no_yaml(tmp_path: Path) -> None:
    a, b = files(tmp_path)
    result = run(str(a), str(b))
    assert result.exit_code == 1
    assert result.stdout == ""


def test_prefer_a_keeps_as_entries_and_reports_each_resolution(tmp_path: Path) -> None:
    a, b = files(tmp_path)
    result = run(str(a), str(b), "--prefer", "A")
    assert result.exit_code == 0, result.output
    assert f"conflict: 'RAG': kind keep ({a}:7) vs translate ({b}:13); kept A" in result.stderr
    assert "1 new from B" not in result.stderr
    assert "3 from A, 2 new from B, 1 identical, 2 conflicting field(s)" in result.stderr
    merged = result.stdout
    assert merged.startswith(A.removesuffix("# end of A\n"))  # A's text, byte for byte
    assert merged.endswith(
        "  - term: LoRA   # from the post\n"
        "    kind: keep\n"
        "    ja: [低ランク適応]\n"
        "  - term: KV cache\n"
        "    kind: translate\n"
        "    ja:\n"
        "      - KVキャッシュ\n"
        "# end of A\n"
    )  # B's new entries in B's order, with their comments, indented like A
    assert terms(merged) == ["RAG", "embedding", "checkpoint", "LoRA", "KV cache"]
    assert parse_glossary(merged, "m")[0].kind is Kind.KEEP


def test_prefer_b_replaces_the_entry_wholesale_in_as_position(tmp_path: Path) -> None:
    a, b = files(tmp_path)
    out = tmp_path / "out.yaml"
    result = run(str(a), str(b), "--prefer", "b", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "; kept B" in result.stderr
    assert "1 entry taken from B" in result.stderr
    merged = out.read_text(encoding="utf-8")
    assert "  - term: RAG\n    kind: translate\n    ja: [検索拡張生成, 検索拡張]\n" in merged
    assert "# keep it Latin" not in merged  # wholesale: A's entry, comment included, is gone
    assert merged.startswith(A[: A.index("  - term: RAG")])
    assert terms(merged) == ["RAG", "embedding", "checkpoint", "LoRA", "KV cache"]
    assert parse_glossary(merged, "m")[0].kind is Kind.TRANSLATE


def test_identical_entries_are_kept_once_however_written() -> None:
    merged = merge_texts(A, "a.yaml", B, "b.yaml", prefer="A")
    # `ja: 埋め込み` vs `ja: [埋め込み]`, and `case: insensitive` that is the default anyway
    assert merged.identical == 1
    assert terms(merged.text).count("embedding") == 1
    assert (merged.from_a, merged.new_from_b, merged.replaced) == (3, 2, 0)


def test_a_merge_with_itself_changes_nothing() -> None:
    merged = merge_texts(A, "a.yaml", A, "a2.yaml")
    assert merged.text == A
    assert (merged.conflicts, merged.identical, merged.new_from_b) == ((), 3, 0)


def test_disjoint_glossaries_merge_without_conflicts(tmp_path: Path) -> None:
    b_only = "version: 1\nentries:\n  - term: GPU\n    kind: keep\n"
    a, b = files(tmp_path, b=b_only)
    out = tmp_path / "out.yaml"
    result = run(str(a), str(b), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"wrote {out}" in result.stderr
    assert out.read_text(encoding="utf-8") == A.replace(
        "# end of A", "  - term: GPU\n    kind: keep\n# end of A"
    )


def test_merge_into_a_in_place(tmp_path: Path) -> None:
    a, b = files(tmp_path)
    result = run(str(a), str(b), "--prefer", "A", "-o", str(a))
    assert result.exit_code == 0, result.output
    assert terms(a.read_text(encoding="utf-8")) == [
        "RAG",
        "embedding",
        "checkpoint",
        "LoRA",
        "KV cache",
    ]


def test_every_differing_field_is_a_conflict() -> None:
    a = (
        "version: 1\nentries:\n  - term: X\n    kind: translate\n    ja: [エックス]\n"
        "    forbidden: [バツ]\n    note: 'a'\n    expansion: ex\n"
    )
    b = (
        "version: 1\nentries:\n  - term: X\n    kind: translate\n    ja: [エックス]\n"
        "    forbidden_scope: source\n    case: sensitive\n    aliases: [Xs]\n"
        "    examples:\n      bad: [バツです]\n"
    )
    found = merge_texts(a, "a.yaml", b, "b.yaml").conflicts
    assert [c.field for c in found] == [
        "forbidden",
        "forbidden_scope",
        "case",
        "aliases",
        "expansion",
        "note",
        "examples",
    ]
    assert found[0] == Conflict("X", "forbidden", "[バツ]", "[]", "a.yaml:6", "b.yaml:3")
    assert found[2].render() == "conflict: 'X': case insensitive (a.yaml:3) vs sensitive (b.yaml:7)"
    assert found[6].b == "bad [バツです], good []"
    assert found[5].render("B") == "conflict: 'X': note a (a.yaml:7) vs (none) (b.yaml:3); kept B"


def test_terms_differing_in_case_are_different_entries_and_the_lint_decides(
    tmp_path: Path,
) -> None:
    a_text = "version: 1\nentries:\n  - term: rag\n    kind: translate\n    ja: [ぼろ布]\n"
    b_text = "version: 1\nentries:\n  - term: RAG\n    kind: keep\n"
    a, b = files(tmp_path, a_text, b_text)
    result = run(str(a), str(b), "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 1, result.output
    assert "<merged>" not in result.stderr
    assert "duplicate term 'RAG' (first at line 3 as 'rag') [duplicate-term]" in result.stderr
    assert "termqa: merge refused:" in result.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_missing_or_invalid_input_is_an_error(tmp_path: Path) -> None:
    a, _ = files(tmp_path)
    result = run(str(a), str(tmp_path / "none.yaml"))
    assert result.exit_code == 2
    assert result.stderr == f"termqa: error: {tmp_path / 'none.yaml'}: glossary file not found\n"
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nentries:\n  - term: X\n", encoding="utf-8")
    result = run(str(a), str(bad))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"termqa: error: {bad}:3: ")


def test_merge_into_an_empty_glossary(tmp_path: Path) -> None:
    a, b = files(tmp_path, a="version: 1\nentries: []\n")
    result = run(str(a), str(b))
    assert result.exit_code == 0, result.output
    assert terms(result.stdout) == ["LoRA", "embedding", "RAG", "KV cache"]
    assert result.stdout.startswith("version: 1\nentries:\n  - term: LoRA")


def test_only_warnings_the_merge_brings_are_shown(tmp_path: Path) -> None:
    flops = "  - term: FLOPs\n    kind: keep\n  - term: FLOPS\n    kind: keep\n"
    b_text = "version: 1\nentries:\n  - term: check-point\n    kind: translate\n    ja: [保存点]\n"
    a, b = files(tmp_path, A.replace("# end of A\n", flops), b_text)
    result = run(str(a), str(b))
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if ": warning: " in line]
    assert len(warnings) == 1
    assert "'check-point' is a near-duplicate of 'checkpoint'" in warnings[0]
    assert "FLOPS" not in result.stderr  # A's own warning is not repeated


ENTRY = st.tuples(
    st.sampled_from(["RAG", "LoRA", "GPU", "KV cache", "fine-tuning", "token"]),
    st.sampled_from(["keep", "translate"]),
    st.lists(st.sampled_from(["検索", "低ランク", "トークン", "微調整"]), max_size=2, unique=True),
)


def glossary(entries: list[tuple[str, str, list[str]]], indent: str) -> str:
    lines = ["version: 1", "entries:"]
    for term, kind, ja in entries:
        lines += [f"{indent}- term: {term}", f"{indent}  kind: {kind}"]
        if ja or kind == "translate":
            lines.append(f"{indent}  ja: [{', '.join(ja or ['訳'])}]")
    return "\n".join(lines) + "\n"


def unique_terms(entries: list[tuple[str, str, list[str]]]) -> bool:
    return len({e[0] for e in entries}) == len(entries)


@settings(max_examples=80, deadline=None)
@given(
    a=st.lists(ENTRY, min_size=1, max_size=5).filter(unique_terms),
    b=st.lists(ENTRY, min_size=1, max_size=5).filter(unique_terms),
    prefer=st.sampled_from([None, "A", "B"]),
)
def test_merge_is_a_union_in_order(
    a: list[tuple[str, str, list[str]]], b: list[tuple[str, str, list[str]]], prefer: str | None
) -> None:
    a_text, b_text = glossary(a, "  "), glossary(b, "")
    merged = merge_texts(a_text, "a.yaml", b_text, "b.yaml", prefer)
    a_entries = {e.term: e for e in parse_glossary(a_text, "a")}
    b_entries = {e.term: e for e in parse_glossary(b_text, "b")}
    differing = {t for t in a_entries.keys() & b_entries.keys() if _differ(a, b, t)}
    assert {c.term for c in merged.conflicts} == differing
    result = parse_glossary(merged.text, "m")
    assert [e.term for e in result] == [*a_entries, *(t for t in b_entries if t not in a_entries)]
    winner = b_entries if prefer == "B" else a_entries
    for entry in result:
        source = winner if entry.term in differing else {**b_entries, **a_entries}
        assert (entry.kind, entry.ja) == (source[entry.term].kind, source[entry.term].ja)
    if prefer != "B":
        assert merged.text.startswith(a_text)


def _differ(
    a: list[tuple[str, str, list[str]]], b: list[tuple[str, str, list[str]]], term: str
) -> bool:
    first = next(e for e in a if e[0] == term)
    second = next(e for e in b if e[0] == term)

    def ja(entry: tuple[str, str, list[str]]) -> list[str]:
        return entry[2] or (["訳"] if entry[1] == "translate" else [])

    return (first[1], ja(first)) != (second[1], ja(second))
