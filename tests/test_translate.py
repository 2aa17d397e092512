"""termqa translate against the fake DeepL server: protection, batching, cache, errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click
import deepl
import pytest
from click.testing import CliRunner, Result
from fake_deepl import FakeDeepL

from termqa.translate.batch import batches
from termqa.translate.commands import translate_command
from termqa.translate.markdown import split_markdown
from termqa.translate.protect import protect, unprotect

KEY = "fake-auth-key-0000:fx"
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
    monkeypatch.setattr(deepl.http_client, "max_network_retries", 0)
    monkeypatch.setenv("TERMQA_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'digests'\n")
    (tmp_path / "post.en.md").write_text(SOURCE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with FakeDeepL(auth_key=KEY) as server:
        yield server


def run(fake: FakeDeepL, *args: str) -> Result:
    env = {"DEEPL_AUTH_KEY": KEY, "DEEPL_SERVER_URL": fake.url}
    cli = click.Group(commands=[translate_command])
    return CliRunner().invoke(cli, ["translate", "post.en.md", "-o", "post.ja.md", *args], env=env)


def sent(fake: FakeDeepL) -> list[dict[str, object]]:
    return [r.json for r in fake.requests if r.path == "/v2/translate"]


def sent_texts(fake: FakeDeepL) -> list[str]:
    return [t for body in sent(fake) for t in body["text"]]  # type: ignore[attr-defined]


def test_markdown_split_keeps_structure_and_freezes_code_and_urls() -> None:
    lines = split_markdown("## Results\n- see `x` at https://a.org/b now\n|---|\n")
    assert lines[0].parts[0] == "## "
    assert lines[0].heading
    unit = lines[1].units[0]
    assert [p.text for p in unit.pieces if p.frozen] == ["`x`", "https://a.org/b"]
    assert not lines[2].units
    assert not lines[3].units


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
    out = Path("post.ja.md").read_text(encoding="utf-8")
    assert "https://example.com/paper" in out
    assert "`pip install lora-kit`" in out
    assert '```python\nprint("do not send me")\n```' in out
    assert "|---|---|" in out
    assert KEY not in result.output


def test_cache_hits_send_nothing_and_no_cache_sends_again(fake: FakeDeepL) -> None:
    assert run(fake).exit_code == 0
    first = Path("post.ja.md").read_text(encoding="utf-8")
    fake.clear_log()
    assert run(fake).exit_code == 0
    assert sent(fake) == []
    assert Path("post.ja.md").read_text(encoding="utf-8") == first
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
    assert [len(b["text"]) for b in sent(fake)] == [50, 50, 20]  # type: ignore[arg-type]


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
    out = Path("post.ja.md").read_text(encoding="utf-8")
    assert "/ Rethinking Sparse Attention" in out
    assert "interleaved" in result.stdout
