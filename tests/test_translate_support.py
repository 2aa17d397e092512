"""Shared helpers of the `termqa translate` tests (no tests here): the fake DeepL server with
a project in a temporary directory, running the command, and reading the request log."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click
import deepl
import pytest
from click.testing import CliRunner, Result
from fake_deepl import FakeDeepL

from termqa.translate.commands import translate_command

KEY = "fake-auth-key-0000:fx"


def serve(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, source: str) -> Iterator[FakeDeepL]:
    """The body of a `fake` fixture: a project in `tmp_path` with `post.en.md` holding
    `source`, its own translation cache, no client retries, and the fake server running."""
    monkeypatch.setattr(deepl.http_client, "max_network_retries", 0)
    monkeypatch.setenv("TERMQA_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'digests'\n")
    (tmp_path / "post.en.md").write_text(source, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with FakeDeepL(auth_key=KEY) as server:
        yield server


def run(fake: FakeDeepL, *args: str, env: dict[str, str | None] | None = None) -> Result:
    """`termqa translate post.en.md -o post.ja.md ARGS` with the key in $DEEPL_AUTH_KEY."""
    environ: dict[str, str | None] = {"DEEPL_AUTH_KEY": KEY, "DEEPL_SERVER_URL": fake.url}
    environ.update(env or {})
    cli = click.Group(commands=[translate_command])
    return CliRunner().invoke(
        cli, ["translate", "post.en.md", "-o", "post.ja.md", *args], env=environ
    )


def sent(fake: FakeDeepL) -> list[dict[str, object]]:
    """The JSON bodies of the /v2/translate requests, in order."""
    return [r.json for r in fake.requests if r.path == "/v2/translate"]


def sent_batches(fake: FakeDeepL) -> list[list[str]]:
    """The texts of each /v2/translate request."""
    return [[str(t) for t in body["text"]] for body in sent(fake)]  # type: ignore[attr-defined]


def sent_texts(fake: FakeDeepL) -> list[str]:
    return [t for batch in sent_batches(fake) for t in batch]


def output() -> str:
    return Path("post.ja.md").read_text(encoding="utf-8")
