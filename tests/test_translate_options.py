"""termqa translate: the options reach DeepL (request log), and the ones that change the
answer change the cache key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_deepl import FakeDeepL
from test_translate_support import run, sent, serve

from termqa.glossary.deepl_entries import deepl_entries
from termqa.glossary.deepl_state import SyncState, write_state
from termqa.glossary.io import load_glossaries

SOURCE = """# Sparse Attention Revisited

The LoRA adapter improves accuracy by 3.1 points on long contexts.
"""
TEAM = """version: 1
name: team
entries:
  - term: SparseKit
    kind: keep
"""


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeDeepL]:
    yield from serve(monkeypatch, tmp_path, SOURCE)


def sync(fake: FakeDeepL, project: Path, *files: str, glossary_id: str | None = None) -> str:
    """What `termqa glossary sync --deepl` leaves: a DeepL glossary and the state file (with
    `glossary_id`, the state records new entries under that id, as an update in place would)."""
    entries = deepl_entries(load_glossaries(list(files)).entries)
    gid = glossary_id or fake.add_glossary("termqa EN-JA", dict(entries.entries))
    write_state(
        project,
        SyncState(gid, "termqa EN-JA", "v2", "EN", "JA", len(entries), entries.digest, "now"),
    )
    return gid


def test_fixed_tag_settings_and_chosen_options_are_sent(fake: FakeDeepL) -> None:
    result = run(fake, "--formality", "prefer_less", "--model", "quality")
    assert result.exit_code == 0, result.output
    (body,) = sent(fake)
    assert body["formality"] == "prefer_less"
    assert body["model_type"] == "quality_optimized"
    assert body["tag_handling"] == "xml"
    assert body["ignore_tags"] == ["x"]
    assert body["source_lang"] == "EN"
    assert body["target_lang"] == "JA"
    assert "glossary_id" not in body  # nothing synced
    assert [r.status for r in fake.requests] == [200]  # the fake accepted every value


def test_latency_model_and_no_options(fake: FakeDeepL) -> None:
    assert run(fake, "--model", "latency", "--no-cache").exit_code == 0
    assert sent(fake)[0]["model_type"] == "latency_optimized"
    fake.clear_log()
    assert run(fake, "--no-cache").exit_code == 0
    (body,) = sent(fake)
    assert "model_type" not in body
    assert "formality" not in body


def test_an_unknown_model_is_a_usage_error_before_any_request(fake: FakeDeepL) -> None:
    result = run(fake, "--model", "fastest")
    assert result.exit_code == 2
    assert "fastest" in result.stderr
    assert fake.requests == []


@pytest.mark.parametrize(
    "changed",
    [("--formality", "more"), ("--formality", "less"), ("--model", "quality"),
     ("--model", "latency")],
)  # fmt: skip
def test_formality_and_model_change_the_cache_key(
    fake: FakeDeepL, changed: tuple[str, str]
) -> None:
    assert run(fake).exit_code == 0
    fake.clear_log()
    assert run(fake, *changed).exit_code == 0
    assert len(sent(fake)) == 1  # a different option: sent again
    fake.clear_log()
    assert run(fake, *changed).exit_code == 0
    assert run(fake).exit_code == 0
    assert sent(fake) == []  # the same options as an earlier run: nothing sent


def test_glossary_id_is_sent_and_its_version_changes_the_cache_key(
    fake: FakeDeepL, tmp_path: Path
) -> None:
    assert run(fake).exit_code == 0
    first = sync(fake, tmp_path)
    fake.clear_log()
    assert run(fake).exit_code == 0
    assert [b["glossary_id"] for b in sent(fake)] == [first]
    fake.clear_log()
    assert run(fake).exit_code == 0
    assert sent(fake) == []
    Path("team.yaml").write_text(TEAM, encoding="utf-8")
    sync(fake, tmp_path, "team.yaml", glossary_id=first)
    result = run(fake, "--glossary", "team.yaml")
    assert result.exit_code == 0, result.output
    assert [b["glossary_id"] for b in sent(fake)] == [first]  # same id, new version: sent
    fake.clear_log()
    second = sync(fake, tmp_path, "team.yaml")
    assert run(fake, "--glossary", "team.yaml").exit_code == 0
    assert [b["glossary_id"] for b in sent(fake)] == [second]  # a new glossary: sent again
