"""termqa translate when DeepL fails: one line, exit 2, no output written, the cache sound;
and the auth key from another variable, never shown."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import deepl
import pytest
from fake_deepl import FakeDeepL
from test_translate_support import KEY, output, run, sent, sent_batches, serve

SOURCE = """# Sparse Attention Revisited

The LoRA adapter improves accuracy by 3.1 points on long contexts.

- Training takes 12 hours on 8 GPUs.
"""
OLD = b"old translation\r\n\xe6\x97\xa7\n"  # an earlier output, bytes that must survive


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeDeepL]:
    yield from serve(monkeypatch, tmp_path, SOURCE)


@pytest.fixture
def fast_retries(monkeypatch: pytest.MonkeyPatch) -> int:
    """The client retries 429 and 5xx twice, after 10 ms instead of a second."""
    monkeypatch.setattr(deepl.http_client, "max_network_retries", 2)
    monkeypatch.setattr(deepl.http_client._BackoffTimer, "BACKOFF_INITIAL", 0.01)
    return 2


def assert_failed_cleanly(stderr: str, exit_code: int, *needles: str) -> None:
    assert exit_code == 2
    lines = stderr.strip().split("\n")
    assert len(lines) == 1, stderr
    assert lines[0].startswith("termqa: error: ")
    assert "Traceback" not in stderr
    assert KEY not in stderr
    for needle in needles:
        assert needle in lines[0]
    assert Path("post.ja.md").read_bytes() == OLD
    left = {p.name for p in Path().iterdir()} - {"cache"}  # no temporary file left behind
    assert left == {"post.en.md", "post.ja.md", "pyproject.toml"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_connection_refused_is_one_line_and_writes_nothing(fake: FakeDeepL) -> None:
    Path("post.ja.md").write_bytes(OLD)
    url = f"http://127.0.0.1:{free_port()}"
    result = run(fake, env={"DEEPL_SERVER_URL": url})
    assert_failed_cleanly(
        result.stderr, result.exit_code, f"cannot reach DeepL at {url}", "(while translating)"
    )
    assert sent(fake) == []


@pytest.mark.parametrize(
    ("status", "needle", "attempts"),
    [
        (403, "DeepL rejected the auth key (403): check the key in $DEEPL_AUTH_KEY", 1),
        (456, "DeepL quota exceeded (456)", 1),
        (429, "DeepL rate limit (429): retry later", 3),
        (500, "DeepL server error (500): retry later", 3),
        (503, "DeepL server error (503): retry later", 3),
    ],
)
def test_http_errors_are_one_line_exit_2_and_leave_the_old_output(
    fake: FakeDeepL, fast_retries: int, status: int, needle: str, attempts: int
) -> None:
    Path("post.ja.md").write_bytes(OLD)
    fake.fail(status, path="/v2/translate", times=None)
    result = run(fake)
    assert_failed_cleanly(result.stderr, result.exit_code, needle)
    assert result.stdout == ""
    assert [r.status for r in fake.requests] == [status] * attempts  # retried only if transient


def test_a_transient_429_is_retried_by_the_client(fake: FakeDeepL, fast_retries: int) -> None:
    fake.fail(429, path="/v2/translate", times=1, retry_after=1)
    result = run(fake)
    assert result.exit_code == 0, result.output
    assert [r.status for r in fake.requests] == [429, 200]
    assert output().startswith("# 訳文")


def test_a_failed_second_batch_writes_nothing_and_keeps_the_first_in_the_cache(
    fake: FakeDeepL,
) -> None:
    paragraphs = [f"Paragraph number {i} about models." for i in range(120)]
    Path("post.en.md").write_text("\n\n".join(paragraphs), encoding="utf-8")
    Path("post.ja.md").write_bytes(OLD)
    fake.fail(500, path="/v2/translate", after=1, times=None)
    failed = run(fake)
    assert_failed_cleanly(failed.stderr, failed.exit_code, "DeepL server error (500)")
    assert [r.status for r in fake.requests] == [200, 500]
    first_batch = set(sent_batches(fake)[0])
    fake.clear_faults()
    fake.clear_log()
    rerun = run(fake)
    assert rerun.exit_code in (0, 1), rerun.output
    resent = sent_batches(fake)
    assert [len(texts) for texts in resent] == [50, 20]  # only what was not cached
    assert not first_batch & {t for texts in resent for t in texts}
    cached = output()
    assert cached.count("\n\n") == 119
    assert run(fake, "--no-cache").exit_code in (0, 1)
    assert output() == cached  # the cache gave exactly what DeepL gives


# --- the auth key ----------------------------------------------------------------------------
def test_the_key_comes_from_the_variable_auth_key_env_names(fake: FakeDeepL) -> None:
    result = run(fake, "--auth-key-env", "TEAM_DEEPL_KEY",
                 env={"DEEPL_AUTH_KEY": None, "TEAM_DEEPL_KEY": KEY})  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sent(fake)
    assert all(r.authorized for r in fake.requests)
    assert all(KEY not in r.body for r in fake.requests)  # only in the Authorization header
    for text in (result.stdout, result.stderr, output()):
        assert KEY not in text
    assert all(KEY.encode() not in p.read_bytes() for p in Path("cache").iterdir())


@pytest.mark.parametrize(
    ("env", "needle"),
    [
        ({"TEAM_DEEPL_KEY": None}, "$TEAM_DEEPL_KEY is not set"),
        ({"TEAM_DEEPL_KEY": "   "}, "$TEAM_DEEPL_KEY is not set"),
        ({"TEAM_DEEPL_KEY": "abc def:fx"}, "$TEAM_DEEPL_KEY holds spaces"),
    ],
)
def test_a_missing_or_malformed_key_names_the_variable(
    fake: FakeDeepL, env: dict[str, str | None], needle: str
) -> None:
    Path("post.ja.md").write_bytes(OLD)
    result = run(fake, "--auth-key-env", "TEAM_DEEPL_KEY", env=env)
    assert_failed_cleanly(result.stderr, result.exit_code, needle)
    assert "abc def" not in result.stderr
    assert fake.requests == []


def test_a_rejected_key_names_its_variable_and_is_never_shown(fake: FakeDeepL) -> None:
    wrong = "wrong-key-9999:fx"
    Path("post.ja.md").write_bytes(OLD)
    result = run(fake, "--auth-key-env", "TEAM_DEEPL_KEY",
                 env={"TEAM_DEEPL_KEY": wrong})  # fmt: skip
    assert_failed_cleanly(result.stderr, result.exit_code, "check the key in $TEAM_DEEPL_KEY")
    assert wrong not in result.output
    assert [(r.status, r.authorized) for r in fake.requests] == [(403, False)]
