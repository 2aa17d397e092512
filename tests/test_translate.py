"""termqa translate against the fake DeepL server: protection, batching, cache, errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_deepl import FakeDeepL
from test_translate_support import KEY, output, run, sent, sent_batches, sent_texts, serve

from termqa.translate.batch import batches
from termqa.translate.markdown import BlockKind, split_markdown
from termqa.translate.protect import protect, unprotect

SOURCE = """# Rethinking Sparse Attention

- The LoRA adapter improves accuracy by 3.1 points on [long contexts](https://example.com/paper).
- Run `pip install lora-kit` before training.

```python
print("do not send me")
```

| Model | Score |
|---|---|
| Llama-3-8B | 71.2 |
"""


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeDeepL]:
    yield from serve(monkeypatch, tmp_path, SOURCE)


def test_markdown_split_keeps_structure_and_freezes_code_and_urls() -> None:
    blocks = split_markdown("## Results\n- see `x` at https://a.org/b now\n|---|\n")
    assert blocks[0].parts[0] == "## "
    assert blocks[0].kind is BlockKind.HEADING
    unit = blocks[1].units[0]
    assert [p.text for p in unit.pieces if p.frozen] == ["`x`", "https://a.org/b"]
    assert blocks[2].kind is BlockKind.ROW
    assert not blocks[2].units
    assert not blocks[3].units


def test_protect_round_trip_escapes_and_restores() -> None:
    (unit,) = split_markdown("Use `a<b` with LoRA & <em>care</em>")[0].units
    xml = protect(unit, [(unit.plain.index("LoRA"), unit.plain.index("LoRA") + 4)])
    assert "<x>LoRA</x>" in xml
    assert "&amp;" in xml
    assert "a<b" not in xml
    assert unprotect(xml, unit) == unit.raw


def test_batches_respect_count_and_size() -> None:
    assert [len(b) for b in batches(["a"] * 120)] == [50, 50, 20]
    groups = batches(["x" * 50_000] * 5)
    assert all(sum(50_002 for _ in g) <= 128 * 1024 for g in groups)
    assert len(groups) == 3


def test_translate_sends_protected_text_and_checks_the_result(fake: FakeDeepL) -> None:
    result = run(fake)
    assert result.exit_code == 0, result.output
    bodies = sent(fake)
    assert bodies
    assert all(b["ignore_tags"] == ["x"] and b["tag_handling"] == "xml" for b in bodies)
    texts = "\n".join(sent_texts(fake))
    assert "https://" not in texts
    assert "pip install" not in texts
    assert "do not send" not in texts
    assert "<x>LoRA</x>" in texts
    out = output()
    assert "https://example.com/paper" in out
    assert "`pip install lora-kit`" in out
    assert '```python\nprint("do not send me")\n```' in out
    assert "|---|---|" in out
    assert KEY not in result.output


def test_cache_hits_send_nothing_and_no_cache_sends_again(fake: FakeDeepL) -> None:
    assert run(fake).exit_code == 0
    first = output()
    fake.clear_log()
    assert run(fake).exit_code == 0
    assert sent(fake) == []
    assert output() == first
    assert run(fake, "--no-cache").exit_code == 0
    assert sent(fake)


def test_glossary_id_is_sent_when_current_and_refused_when_stale(
    fake: FakeDeepL, tmp_path: Path
) -> None:
    from termqa.glossary.deepl_entries import deepl_entries  # noqa: PLC0415
    from termqa.glossary.deepl_state import SyncState, write_state  # noqa: PLC0415
    from termqa.glossary.io import load_glossaries  # noqa: PLC0415

    entries = deepl_entries(load_glossaries([]).entries)
    gid = fake.add_glossary("termqa EN-JA", dict(entries.entries))
    state = SyncState(gid, "termqa EN-JA", "v2", "EN", "JA", len(entries), entries.digest, "now")
    write_state(tmp_path, state)
    assert run(fake).exit_code == 0
    assert {b.get("glossary_id") for b in sent(fake)} == {gid}
    write_state(tmp_path, SyncState(gid, "n", "v2", "EN", "JA", 1, "sha256:old", "then"))
    stale = run(fake, "--no-cache")
    assert stale.exit_code == 2
    assert "out of date" in stale.stderr
    assert run(fake, "--no-cache", "--use-stale-glossary").exit_code == 0


def test_many_paragraphs_are_batched(fake: FakeDeepL) -> None:
    Path("post.en.md").write_text(
        "\n\n".join(f"Paragraph number {i} about models." for i in range(120)), encoding="utf-8"
    )
    assert run(fake).exit_code in (0, 1)
    assert [len(b) for b in sent_batches(fake)] == [50, 50, 20]


@pytest.mark.parametrize(("mode", "code"), [("alter-tags", "AC01"), ("drop-number", "NM01")])
def test_misbehaving_translation_is_caught(fake: FakeDeepL, mode: str, code: str) -> None:
    fake.store.translate_mode = mode
    result = run(fake)
    assert result.exit_code == 1, result.output
    assert f" {code}" in result.stdout


@pytest.mark.parametrize("status", [403, 429, 456])
def test_errors_are_one_line_and_write_nothing(fake: FakeDeepL, status: int) -> None:
    fake.fail(status, path="/v2/translate", times=None)
    result = run(fake)
    assert result.exit_code == 2
    assert str(status) in result.stderr
    assert KEY not in result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert not Path("post.ja.md").exists()


def test_interleaved_layout_reads_back_as_bilingual(fake: FakeDeepL) -> None:
    Path("post.en.md").write_text(SOURCE.split("| Model", maxsplit=1)[0], encoding="utf-8")
    result = run(fake, "--interleave")
    assert result.exit_code == 0, result.output
    out = output()
    assert "/ Rethinking Sparse Attention" in out
    assert "interleaved" in result.stdout


def test_translation_cache_lives_in_the_shared_cache_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from termqa.translate.cache import FILE_NAME, Cache  # noqa: PLC0415

    monkeypatch.delenv("TERMQA_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    with Cache.open() as cache:
        cache.put({"k": "v"})
    assert (tmp_path / "xdg" / "termqa" / FILE_NAME).is_file()
    monkeypatch.setenv("TERMQA_CACHE_DIR", "")  # empty: every cache off
    with Cache.open() as cache:
        cache.put({"k": "v"})
        assert cache.get("k") is None
