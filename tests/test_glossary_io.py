"""Loading glossaries: errors with path:line, layering, the shipped default, the cache."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from termqa.errors import TermqaError
from termqa.glossary import cache, io
from termqa.glossary.io import default_glossary_path, load_file, load_glossaries
from termqa.glossary.model import Example, Kind, Scope

FIXTURES = Path(__file__).parent / "fixtures" / "glossaries"


@pytest.fixture(autouse=True)
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("TERMQA_CACHE_DIR", str(folder))
    return folder


def _forget() -> None:
    """What a new process knows: nothing in memory, only the disk cache."""
    io._FILES.clear()
    io._COMPILED.clear()


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


MALFORMED = [
    ("syntax-error.yaml", 6, "invalid YAML: did not find expected ',' or ']'"),
    ("empty.yaml", 1, "empty glossary"),
    ("comments-only.yaml", 1, "empty glossary"),
    ("not-mapping.yaml", 1, "the glossary must be a mapping"),
    ("unknown-top-key.yaml", 3, "unknown key 'owner'"),
    ("entries-not-list.yaml", 3, "'entries' must be a list"),
    ("entry-not-mapping.yaml", 5, "an entry must be a mapping"),
    ("unknown-entry-key.yaml", 7, "entry 'ablation': unknown key 'jp'"),
    ("missing-term.yaml", 5, "entry has no 'term'"),
    ("missing-kind.yaml", 6, "entry 'LoRA' has no 'kind'"),
    ("bad-kind.yaml", 4, "kind 'keep-as-is' is not one of: keep, translate"),
    ("translate-no-ja.yaml", 5, "a translate entry needs at least one 'ja' rendering"),
    ("translate-empty-ja.yaml", 3, "a translate entry needs at least one 'ja' rendering"),
    ("ja-wrong-type.yaml", 6, "entry 'ablation': ja must be a list of strings"),
    ("term-not-string.yaml", 3, "term must be a string"),
    ("bool-in-list.yaml", 8, "forbidden item must be a string (quote it)"),
    ("bad-scope.yaml", 6, "forbidden_scope 'sometimes' is not one of: always, source"),
    ("bad-case.yaml", 5, "case 'upper' is not one of: sensitive, insensitive"),
    ("duplicate-term.yaml", 7, "duplicate term 'RAG' (first at line 3)"),
    ("duplicate-key.yaml", 6, "entry 'RAG': duplicate key 'forbidden'"),
    ("bad-example.yaml", 7, "bad example has no 'ja'"),
    ("bad-version.yaml", 1, "unsupported glossary version"),
    ("empty-string.yaml", 5, "aliases item must not be empty"),
    ("not-utf8.yaml", 5, "not valid UTF-8"),
]


@pytest.mark.parametrize(("name", "line", "message"), MALFORMED)
def test_malformed_glossary_names_path_and_line(name: str, line: int, message: str) -> None:
    path = str(FIXTURES / name)
    with pytest.raises(TermqaError) as caught:
        load_glossaries([path], default=False)
    error = caught.value
    assert (error.path, error.line) == (path, line)
    assert message in error.detail
    assert str(error).startswith(f"{path}:{line}: ")


def test_syntax_error_also_names_the_construct_it_broke() -> None:
    with pytest.raises(TermqaError, match=r"flow sequence at line 5"):
        load_glossaries([str(FIXTURES / "syntax-error.yaml")], default=False)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.yaml")
    with pytest.raises(TermqaError) as caught:
        load_glossaries([missing], default=False)
    assert str(caught.value) == f"{missing}: glossary file not found"
    with pytest.raises(TermqaError, match="is a directory"):
        load_glossaries([str(tmp_path)], default=False)


def test_a_malformed_later_layer_fails_the_whole_load() -> None:
    with pytest.raises(TermqaError, match="duplicate term"):
        load_glossaries([str(FIXTURES / "duplicate-term.yaml")])


def test_shipped_glossary_loads_by_default() -> None:
    glossary = load_glossaries([])
    assert len(glossary) >= 500
    assert Path(default_glossary_path()).is_file()
    rag = glossary.lookup("RAG")
    assert rag is not None
    assert rag.kind is Kind.KEEP
    assert glossary.entries[0].path == default_glossary_path()


def test_team_layer_overrides_by_term_and_adds_entries() -> None:
    team = str(FIXTURES / "team.yaml")
    base = load_glossaries([])
    layered = load_glossaries([team])
    assert len(layered) == len(base) + 1
    rag = layered.lookup("RAG")
    assert rag is not None
    assert rag.forbidden_scope is Scope.ALWAYS
    assert rag.path == team
    assert rag.line == 5
    house = layered.lookup("House Model")
    assert house is not None
    assert house.ja == ("社内モデル",)
    # The override keeps the original position; the new entry comes last.
    terms = [e.term for e in layered.entries]
    assert terms.index("RAG") == [e.term for e in base.entries].index("RAG")
    assert terms[-1] == "house model"
    # Matchers follow the layers: RAG's forbidden scope is now `always`.
    assert [m.entry.term for m in layered.find_forbidden("ラグ", (), "")] == ["RAG"]


def test_later_files_win_and_default_can_be_left_out(tmp_path: Path) -> None:
    first = _write(tmp_path, "a.yaml", "entries:\n  - term: RAG\n    kind: keep\n")
    second = _write(
        tmp_path,
        "b.yaml",
        "entries:\n  - term: LoRA\n    kind: keep\n  - term: RAG\n    kind: keep\n"
        "    forbidden: [ラグ]\n",
    )
    glossary = load_glossaries([first, second], default=False)
    assert [e.term for e in glossary.entries] == ["RAG", "LoRA"]
    rag = glossary.lookup("RAG")
    assert rag is not None
    assert (rag.forbidden, rag.path) == (("ラグ",), second)


def test_entry_fields_defaults_and_shorthands(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "g.yaml",
        "\ufeffversion: 1\nname: t\nentries:\n"
        "  - term: ablation\n    kind: translate\n    ja: アブレーション\n"
        "    examples:\n      bad: [切除を行う。]\n"
        "      good: [{en: We ablate., ja: アブレーションを行う。}]\n"
        "  - term: Adam\n    kind: keep\n    case: insensitive\n    expansion: adaptive moment\n"
        "    note: optimizer\n    aliases: [AdamW]\n",
    )
    ablation, adam = load_glossaries([path], default=False).entries
    assert ablation.ja == ("アブレーション",)
    assert ablation.case_sensitive is False
    assert ablation.bad == (Example(ja="切除を行う。"),)
    assert ablation.good == (Example(ja="アブレーションを行う。", en="We ablate."),)
    assert (adam.case_sensitive, adam.expansion, adam.note) == (
        False,
        "adaptive moment",
        "optimizer",
    )
    assert adam.aliases == ("AdamW",)
    assert adam.line == 10


def test_repeated_loads_reuse_the_compiled_glossary() -> None:
    team = str(FIXTURES / "team.yaml")
    assert load_glossaries([team]) is load_glossaries([team])


def test_disk_cache_round_trips_entries(tmp_path: Path, cache_folder: Path) -> None:
    path = str(FIXTURES / "team.yaml")
    _forget()
    fresh = load_glossaries([path], default=False)
    assert list(cache_folder.glob("*.json"))
    _forget()
    cached = load_glossaries([path], default=False)
    assert cached is not fresh
    assert cached.entries == fresh.entries
    assert [m.entry.term for m in cached.find_forbidden("家モデル", (), "")] == ["house model"]


def test_disk_cache_is_used_and_an_edit_invalidates_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, "g.yaml", "entries:\n  - term: RAG\n    kind: keep\n")
    load_glossaries([path], default=False)
    _forget()

    def refuse(text: str, path: str) -> None:
        raise AssertionError("parsed although cached")

    monkeypatch.setattr("termqa.glossary.parse.parse_glossary", refuse)
    assert load_glossaries([path], default=False).lookup("RAG") is not None
    monkeypatch.undo()
    monkeypatch.setenv("TERMQA_CACHE_DIR", str(tmp_path / "cache"))
    Path(path).write_text("entries:\n  - term: LoRA\n    kind: keep\n", encoding="utf-8")
    os.utime(path, ns=(1, 1))
    glossary = load_glossaries([path], default=False)
    assert [e.term for e in glossary.entries] == ["LoRA"]
    assert len(list((tmp_path / "cache").glob("*.json"))) == 1  # the old version is gone


def test_corrupt_cache_is_ignored(tmp_path: Path, cache_folder: Path) -> None:
    path = _write(tmp_path, "g.yaml", "entries:\n  - term: RAG\n    kind: keep\n")
    load_glossaries([path], default=False)
    for file in cache_folder.glob("*.json"):
        file.write_text("{not json", encoding="utf-8")
    _forget()
    assert [e.term for e in load_glossaries([path], default=False).entries] == ["RAG"]


def test_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERMQA_CACHE_DIR", "")
    assert cache.cache_dir() is None
    path = _write(tmp_path, "g.yaml", "entries:\n  - term: RAG\n    kind: keep\n")
    assert len(load_file(path).entries) == 1
    assert not (tmp_path / "cache").exists()
