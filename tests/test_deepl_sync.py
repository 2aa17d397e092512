"""`termqa glossary sync --deepl` against the fake DeepL server, asserting on its request log."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import deepl
import pytest
from click.testing import CliRunner, Result
from conftest import ROOT
from fake_deepl import FakeDeepL, Request

from termqa.cli import main
from termqa.errors import TermqaError
from termqa.glossary import deepl_sync
from termqa.glossary.deepl_entries import (
    EntrySet,
    deepl_entries,
    diff_entries,
    entries_digest,
    entries_tsv,
)
from termqa.glossary.deepl_remote import Remote, RemoteInfo, client_api, open_remote
from termqa.glossary.deepl_state import (
    SyncState,
    is_current,
    project_root,
    read_state,
    state_path,
    write_state,
)
from termqa.glossary.deepl_sync import Waiting, sync_deepl
from termqa.glossary.io import load_glossaries
from termqa.glossary.model import Entry, Kind

KEY = "sekret-Key-5f2c9a:fx"
GLOSSARY = """\
version: 1
name: team
entries:
  - term: LoRA
    kind: keep
    aliases: [LoRAs]
  - term: fine-tuning
    kind: translate
    ja: [ファインチューニング, 微調整]
    aliases: [finetuning]
  - term: reward model
    kind: translate
    ja: [報酬モデル]
"""
LOCAL = {
    "LoRA": "LoRA",
    "LoRAs": "LoRAs",
    "fine-tuning": "ファインチューニング",
    "finetuning": "ファインチューニング",
    "reward model": "報酬モデル",
}
MODIFYING = {"POST", "PUT", "PATCH", "DELETE"}


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeDeepL]:
    monkeypatch.setattr(deepl.http_client, "max_network_retries", 0)
    with FakeDeepL(auth_key=KEY) as server:
        yield server


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project directory (the cwd) holding a team glossary `team.yaml`."""
    monkeypatch.setenv("TERMQA_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'digests'\n")
    (tmp_path / "team.yaml").write_text(GLOSSARY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(fake: FakeDeepL, *args: str, env: dict[str, str | None] | None = None) -> Result:
    base: dict[str, str | None] = {"DEEPL_AUTH_KEY": KEY, "DEEPL_SERVER_URL": fake.url}
    argv = ["glossary", "sync", "--deepl", "--no-default-glossary", "team.yaml", *args]
    return CliRunner().invoke(main, argv, env={**base, **(env or {})})


def assert_clean(result: Result) -> None:
    """The key appears nowhere in the output, and an error is one line without a traceback."""
    assert KEY not in result.stdout
    assert KEY not in result.stderr
    assert "Traceback" not in result.output
    if result.exit_code:
        errors = [line for line in result.stderr.splitlines() if line.startswith("termqa: error:")]
        assert len(errors) == 1, result.stderr


def methods(requests: list[Request]) -> list[str]:
    return [f"{r.method} {r.path}" for r in requests]


def created_entries(request: Request) -> str:
    body = request.json
    return str(body["dictionaries"][0]["entries"] if "dictionaries" in body else body["entries"])


def remote_for(fake: FakeDeepL, api: str = "auto") -> Remote:
    return open_remote(KEY, source_lang="EN", target_lang="JA", server_url=fake.url, api=api)


def sync(
    fake: FakeDeepL, root: Path, entries: dict[str, str], api: str = "auto", **kw: object
) -> deepl_sync.SyncResult:
    remote = remote_for(fake, api)
    try:
        return sync_deepl(remote, EntrySet(entries), root, **kw)  # type: ignore[arg-type]
    finally:
        remote.close()


# --- the entry set -------------------------------------------------------------------------
def test_keep_terms_are_identity_entries_and_translate_terms_take_the_first_rendering() -> None:
    entries = [
        Entry("LoRA", Kind.KEEP, ja=("低ランク適応",), aliases=("LoRAs",)),
        Entry(
            "fine-tuning",
            Kind.TRANSLATE,
            ja=("ファインチューニング", "微調整"),
            aliases=("finetuning",),
        ),
    ]
    assert dict(deepl_entries(entries).entries) == {
        "LoRA": "LoRA",
        "LoRAs": "LoRAs",
        "fine-tuning": "ファインチューニング",
        "finetuning": "ファインチューニング",
    }


def test_entries_follow_deepls_rules_and_warn_about_what_they_drop() -> None:
    entries = [
        Entry("  padded  ", Kind.TRANSLATE, ja=(" 詰め物 ",), path="t.yaml", line=3),
        Entry("tab\tterm", Kind.KEEP, path="t.yaml", line=5),
        Entry("bell", Kind.TRANSLATE, ja=("ベル\x07",), path="t.yaml", line=7),
        Entry("line\u2028sep", Kind.KEEP, path="t.yaml", line=9),
        Entry("no rendering", Kind.TRANSLATE, path="t.yaml", line=11),
        Entry("GPU", Kind.KEEP, path="t.yaml", line=13),
        Entry("gpu", Kind.TRANSLATE, ja=("GPU",), aliases=("GPU",), path="t.yaml", line=15),
        Entry("TPU", Kind.KEEP, path="t.yaml", line=17),
        Entry("TPUs", Kind.KEEP, aliases=("TPU",), path="t.yaml", line=19),
    ]
    got = deepl_entries(entries)
    assert dict(got.entries) == {
        "padded": "詰め物",
        "GPU": "GPU",
        "gpu": "GPU",
        "TPU": "TPU",
        "TPUs": "TPUs",
    }
    assert got.warnings == (
        "t.yaml:5: 'tab\\tterm' is not sent to DeepL: control character U+0009",
        "t.yaml:7: 'bell' is not sent to DeepL: control character U+0007",
        "t.yaml:9: 'line\\u2028sep' is not sent to DeepL: control character U+2028",
        "t.yaml:11: 'no rendering' is not sent to DeepL: no rendering",
    )
    clash = deepl_entries(
        [
            Entry("RL", Kind.KEEP, line=1),
            Entry("rl", Kind.TRANSLATE, ja=("強化学習",), aliases=("RL",), line=2),
        ]
    )
    assert dict(clash.entries) == {"RL": "RL", "rl": "強化学習"}
    assert clash.warnings == (
        "<memory>:2: 'RL' → '強化学習' is not sent to DeepL: 'RL' already maps to 'RL'",
    )


def test_shipped_glossary_makes_a_valid_deepl_entry_set(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TERMQA_CACHE_DIR", str(tmp_path))
    glossary = load_glossaries([])
    got = deepl_entries(glossary.entries)
    assert len(got) >= len(glossary.entries)
    keep = [e for e in glossary.entries if e.kind is Kind.KEEP]
    assert all(got.entries[f] == f for e in keep for f in e.english_forms if f in got.entries)
    tsv = deepl.convert_dict_to_tsv(dict(got.entries))  # the client's own validation passes
    assert deepl.convert_tsv_to_dict(tsv) == dict(got.entries)
    assert entries_tsv(got.entries) == tsv + "\n"


def test_digest_ignores_order_and_diff_names_each_change() -> None:
    assert entries_digest({"a": "1", "b": "2"}) == entries_digest({"b": "2", "a": "1"})
    assert entries_digest({"a": "1"}) != entries_digest({"a": "2"})
    diff = diff_entries({"a": "1", "b": "2", "c": "3"}, {"b": "20", "c": "3", "z": "9"})
    assert (diff.added, diff.changed, diff.removed, diff.unchanged) == (
        (("a", "1"),),
        (("b", "20", "2"),),
        (("z", "9"),),
        1,
    )
    assert diff.lines() == ["+ a → 1", "~ b: 20 → 2", "- z → 9"]
    assert diff.summary() == "1 added, 1 changed, 1 removed, 1 unchanged"
    assert diff_entries({"a": "1"}, {"a": "1"}).empty


# --- the state file ------------------------------------------------------------------------
def test_project_root_is_the_nearest_marked_parent(tmp_path: Path) -> None:
    (tmp_path / "repo" / "posts" / "2025").mkdir(parents=True)
    (tmp_path / "repo" / ".git").mkdir()
    assert project_root(tmp_path / "repo" / "posts" / "2025") == (tmp_path / "repo").resolve()
    (tmp_path / "repo" / "posts" / "termqa.toml").write_text("")
    assert (
        project_root(tmp_path / "repo" / "posts" / "2025")
        == (tmp_path / "repo" / "posts").resolve()
    )
    (tmp_path / "bare").mkdir()
    assert project_root(tmp_path / "bare") in {
        (tmp_path / "bare").resolve(),
        *(tmp_path / "bare").resolve().parents,
    }


def test_state_round_trip_per_language_pair(tmp_path: Path) -> None:
    assert read_state(tmp_path) is None
    ja = SyncState(
        "g-ja",
        "termqa EN-JA",
        "v3",
        "EN",
        "JA",
        5,
        entries_digest(LOCAL),
        "2025-01-01T00:00:00+00:00",
    )
    de = SyncState(
        "g-de",
        "termqa EN-DE",
        "v2",
        "EN",
        "DE",
        1,
        entries_digest({"a": "b"}),
        "2025-01-02T00:00:00+00:00",
    )
    write_state(tmp_path, ja)
    write_state(tmp_path, de)
    assert read_state(tmp_path) == ja
    assert read_state(tmp_path, "en", "de") == de
    data = json.loads(state_path(tmp_path).read_text())
    assert data["version"] == 1
    assert set(data["glossaries"]) == {"EN-JA", "EN-DE"}
    assert is_current(ja, dict(reversed(LOCAL.items())))
    assert is_current(ja, EntrySet(LOCAL))
    assert not is_current(ja, {**LOCAL, "LoRA": "ローラ"})
    assert not is_current(ja, {k: v for k, v in LOCAL.items() if k != "LoRA"})
    assert not is_current(None, LOCAL)


@pytest.mark.parametrize(
    "text",
    ["{", "[]", '{"version": 2}', '{"version": 1, "glossaries": {"EN-JA": {"glossary_id": "x"}}}'],
)
def test_a_broken_state_file_is_an_error_naming_it(tmp_path: Path, text: str) -> None:
    state_path(tmp_path).parent.mkdir()
    state_path(tmp_path).write_text(text)
    with pytest.raises(TermqaError, match=r"deepl-glossary\.json"):
        read_state(tmp_path)


# --- syncing: both glossary APIs -------------------------------------------------------------
def test_installed_client_speaks_v3_and_an_older_one_falls_back_to_v2(
    fake: FakeDeepL, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert client_api() == "v3"
    monkeypatch.delattr(deepl, "DeepLClient")  # as in deepl < 1.21, which has only Translator
    assert client_api() == "v2"
    with pytest.raises(TermqaError, match="no v3 glossary support"):
        remote_for(fake, "v3")
    result = sync(fake, tmp_path, LOCAL)
    assert {r.path.split("/")[1] for r in fake.requests} == {"v2"}
    state = read_state(tmp_path)
    assert state is not None
    assert (state.api, state.glossary_id) == ("v2", result.glossary_id)


@pytest.mark.parametrize("api", ["v3", "v2"])
def test_first_sync_creates_records_and_sends_the_entries_as_tsv(
    fake: FakeDeepL, tmp_path: Path, api: str
) -> None:
    result = sync(fake, tmp_path, LOCAL, api=api)
    assert (result.action, result.previous_id) == ("synced", None)
    prefix = f"/{api}/glossaries"
    assert methods(fake.requests) == [
        "GET /v2/glossary-language-pairs",
        f"POST {prefix}",
        f"GET {prefix}/{result.glossary_id}",
    ]
    create = fake.requests[1]
    assert created_entries(create) == entries_tsv(LOCAL).rstrip("\n")
    assert create.json["name"] == "termqa EN-JA"
    assert all(r.authorized for r in fake.requests)
    assert fake.entries(str(result.glossary_id)) == LOCAL
    state = read_state(tmp_path)
    assert state is not None
    assert (state.glossary_id, state.api, state.entry_count) == (result.glossary_id, api, 5)
    assert is_current(state, LOCAL)


@pytest.mark.parametrize("api", ["v3", "v2"])
def test_an_unchanged_glossary_makes_no_modifying_call(
    fake: FakeDeepL, tmp_path: Path, api: str
) -> None:
    first = sync(fake, tmp_path, LOCAL, api=api)
    before = state_path(tmp_path).read_bytes()
    fake.clear_log()
    again = sync(fake, tmp_path, dict(reversed(LOCAL.items())), api=api)
    assert (again.action, again.glossary_id) == ("up-to-date", first.glossary_id)
    assert {r.method for r in fake.requests} == {"GET"}
    assert state_path(tmp_path).read_bytes() == before
    assert fake.glossary_ids() == [first.glossary_id]


@pytest.mark.parametrize("api", ["v3", "v2"])
def test_a_change_swaps_in_a_new_glossary_and_deletes_the_old(
    fake: FakeDeepL, tmp_path: Path, api: str
) -> None:
    first = sync(fake, tmp_path, LOCAL, api=api)
    fake.clear_log()
    changed = {**LOCAL, "reward model": "報酬関数", "RLHF": "RLHF"}
    del changed["LoRAs"]
    second = sync(fake, tmp_path, changed, api=api)
    assert (second.action, second.previous_id) == ("synced", first.glossary_id)
    assert second.diff.summary() == "1 added, 1 changed, 1 removed, 3 unchanged"
    assert methods(fake.requests)[-1] == f"DELETE /{api}/glossaries/{first.glossary_id}"
    posts = [r for r in fake.requests if r.method == "POST"]
    assert len(posts) == 1
    assert fake.glossary_ids() == [second.glossary_id]
    assert fake.entries(str(second.glossary_id)) == changed
    state = read_state(tmp_path)
    assert state is not None
    assert state.glossary_id == second.glossary_id


def test_order_of_a_swap_is_create_verify_record_then_delete(
    fake: FakeDeepL, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = sync(fake, tmp_path, LOCAL)
    seen: list[str] = []
    real_write = write_state

    def spy(root: Path, state: SyncState) -> None:
        seen.append("state: " + ", ".join(methods(fake.requests)[-2:]))
        real_write(root, state)

    monkeypatch.setattr(deepl_sync, "write_state", spy)
    second = sync(fake, tmp_path, {**LOCAL, "RLHF": "RLHF"})
    assert seen == [f"state: POST /v3/glossaries, GET /v3/glossaries/{second.glossary_id}"]
    assert methods(fake.requests)[-1] == f"DELETE /v3/glossaries/{first.glossary_id}"


def test_v2_waits_until_the_new_glossary_is_ready(fake: FakeDeepL, tmp_path: Path) -> None:
    fake.unready_polls = 3
    naps: list[float] = []
    result = sync(
        fake, tmp_path, LOCAL, api="v2", waiting=Waiting(interval=0.25, sleep=naps.append)
    )
    assert result.action == "synced"
    assert naps == [0.25, 0.25, 0.25]
    assert methods(fake.requests).count(f"GET /v2/glossaries/{result.glossary_id}") == 4


def test_a_glossary_never_ready_is_dropped_and_not_recorded(
    fake: FakeDeepL, tmp_path: Path
) -> None:
    fake.unready_polls = 100
    with pytest.raises(TermqaError, match="was not ready after 0 s; no glossary was made"):
        sync(fake, tmp_path, LOCAL, api="v2", waiting=Waiting(timeout=0, sleep=lambda _: None))
    assert fake.glossary_ids() == []
    assert read_state(tmp_path) is None


def test_a_short_glossary_on_deepl_is_dropped(fake: FakeDeepL, tmp_path: Path) -> None:
    first = sync(fake, tmp_path, LOCAL)
    remote = remote_for(fake)

    class Short:  # DeepL reports fewer entries than were sent
        def __getattr__(self, name: str) -> object:
            return getattr(remote, name)

        def info(self, glossary_id: str) -> RemoteInfo | None:
            got = remote.info(glossary_id)
            return (
                got
                if got is None or got.glossary_id == first.glossary_id
                else RemoteInfo(got.glossary_id, got.name, True, 2)
            )

    try:
        with pytest.raises(
            TermqaError, match="holds 2 entries, not 6; the previous glossary stays in use"
        ):
            sync_deepl(Short(), EntrySet({**LOCAL, "RLHF": "RLHF"}), tmp_path)  # type: ignore[arg-type]
    finally:
        remote.close()
    assert fake.glossary_ids() == [first.glossary_id]
    state = read_state(tmp_path)
    assert state is not None
    assert state.glossary_id == first.glossary_id


@pytest.mark.parametrize(
    ("status", "method", "path"),
    [
        (500, "POST", "/v3/glossaries"),  # creating the new glossary fails
        (429, "POST", "/v3/glossaries"),
        (456, "POST", "/v3/glossaries"),
        (503, "GET", "/v3/glossaries/(?!{old})[^/]+"),  # reading the new one back fails
        (403, "GET", "/v2/glossary-language-pairs"),
    ],
)
def test_a_failure_before_the_switch_keeps_the_old_glossary_and_state(
    fake: FakeDeepL, tmp_path: Path, status: int, method: str, path: str
) -> None:
    first = sync(fake, tmp_path, LOCAL)
    before = state_path(tmp_path).read_bytes()
    fake.fail(status, method=method, path=path.format(old=first.glossary_id))
    with pytest.raises(TermqaError, match=rf"\({status}\).*; the previous glossary stays in use$"):
        sync(fake, tmp_path, {**LOCAL, "RLHF": "RLHF"})
    assert state_path(tmp_path).read_bytes() == before
    assert fake.glossary_ids() == [first.glossary_id]
    assert fake.entries(str(first.glossary_id)) == LOCAL


def test_a_failed_state_write_drops_the_new_glossary(
    fake: FakeDeepL, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = sync(fake, tmp_path, LOCAL)

    def refuse(root: Path, state: SyncState) -> None:
        raise TermqaError("cannot write: disk full", str(state_path(root)))

    monkeypatch.setattr(deepl_sync, "write_state", refuse)
    with pytest.raises(TermqaError, match="disk full; the previous glossary stays in use"):
        sync(fake, tmp_path, {**LOCAL, "RLHF": "RLHF"})
    assert fake.glossary_ids() == [first.glossary_id]
    assert methods(fake.requests)[-1].startswith("DELETE /v3/glossaries/")


def test_a_failed_delete_of_the_old_glossary_is_a_warning(fake: FakeDeepL, tmp_path: Path) -> None:
    first = sync(fake, tmp_path, LOCAL)
    fake.fail(500, method="DELETE")
    second = sync(fake, tmp_path, {**LOCAL, "RLHF": "RLHF"})
    assert second.action == "synced"
    (warning,) = second.warnings
    assert warning.startswith(
        f"the previous DeepL glossary {first.glossary_id} was not deleted (DeepL server error (500)"
    )
    state = read_state(tmp_path)
    assert state is not None
    assert state.glossary_id == second.glossary_id
    assert sorted(fake.glossary_ids()) == sorted([str(first.glossary_id), str(second.glossary_id)])


def test_a_vanished_recorded_glossary_is_replaced_without_a_delete(
    fake: FakeDeepL, tmp_path: Path
) -> None:
    first = sync(fake, tmp_path, LOCAL)
    remote = remote_for(fake)
    remote.delete(str(first.glossary_id))
    remote.close()
    fake.clear_log()
    second = sync(fake, tmp_path, LOCAL)
    assert second.action == "synced"
    assert second.warnings == (
        f"the recorded DeepL glossary {first.glossary_id} no longer exists on DeepL",
    )
    assert "DELETE" not in {r.method for r in fake.requests}


def test_a_new_name_makes_a_new_glossary_even_if_entries_are_equal(
    fake: FakeDeepL, tmp_path: Path
) -> None:
    first = sync(fake, tmp_path, LOCAL)
    preview = sync(fake, tmp_path, LOCAL, name="team digests", dry_run=True)
    assert (preview.diff.empty, preview.changes) == (True, True)
    assert not sync(fake, tmp_path, LOCAL, dry_run=True).changes
    second = sync(fake, tmp_path, LOCAL, name="team digests")
    assert (second.action, second.previous_id) == ("synced", first.glossary_id)
    assert fake.requests[-3].json["name"] == "team digests"
    again = sync(fake, tmp_path, LOCAL)  # the recorded name is the default now
    assert (again.action, again.name) == ("up-to-date", "team digests")


def test_nothing_to_push_and_unsupported_pairs_are_errors(fake: FakeDeepL, tmp_path: Path) -> None:
    with pytest.raises(TermqaError, match="no entries DeepL accepts"):
        sync(fake, tmp_path, {})
    assert fake.requests == []
    remote = open_remote(KEY, source_lang="EN", target_lang="KO", server_url=fake.url)
    try:
        with pytest.raises(TermqaError, match="DeepL has no glossaries for EN → KO"):
            sync_deepl(remote, EntrySet(LOCAL), tmp_path)
    finally:
        remote.close()
    assert methods(fake.requests) == ["GET /v2/glossary-language-pairs"]


def test_a_sync_holds_the_state_lock_while_it_swaps(fake: FakeDeepL, tmp_path: Path) -> None:
    from filelock import FileLock, Timeout  # noqa: PLC0415

    remote = remote_for(fake)
    held: list[bool] = []

    class Probe:  # checks the lock from inside the create step
        def __getattr__(self, name: str) -> object:
            return getattr(remote, name)

        def create(self, name: str, entries: dict[str, str]) -> RemoteInfo:
            other = FileLock(str(state_path(tmp_path)) + ".lock", timeout=0)
            try:
                other.acquire()
                other.release()
                held.append(False)
            except Timeout:
                held.append(True)
            return remote.create(name, entries)

    try:
        sync_deepl(Probe(), EntrySet(LOCAL), tmp_path)  # type: ignore[arg-type]
    finally:
        remote.close()
    assert held == [True]


# --- dry run ---------------------------------------------------------------------------------
def test_dry_run_without_a_recorded_glossary_sends_nothing(fake: FakeDeepL, tmp_path: Path) -> None:
    result = sync(fake, tmp_path, LOCAL, dry_run=True)
    assert (result.action, result.glossary_id) == ("dry-run", None)
    assert result.diff.summary() == "5 added, 0 changed, 0 removed, 0 unchanged"
    assert fake.requests == []
    assert not state_path(tmp_path).parent.exists()


def test_dry_run_diffs_against_deepl_with_gets_only(fake: FakeDeepL, tmp_path: Path) -> None:
    first = sync(fake, tmp_path, LOCAL)
    before = state_path(tmp_path).read_bytes()
    fake.clear_log()
    result = sync(
        fake, tmp_path, {**LOCAL, "reward model": "報酬関数", "RLHF": "RLHF"}, dry_run=True
    )
    assert result.diff.lines() == ["+ RLHF → RLHF", "~ reward model: 報酬モデル → 報酬関数"]
    assert {r.method for r in fake.requests} == {"GET"}
    assert methods(fake.requests) == [
        f"GET /v3/glossaries/{first.glossary_id}",
        f"GET /v3/glossaries/{first.glossary_id}/entries",
    ]
    assert state_path(tmp_path).read_bytes() == before
    assert fake.entries(str(first.glossary_id)) == LOCAL


# --- the command -----------------------------------------------------------------------------
def test_cli_sync_then_up_to_date_then_dry_run(fake: FakeDeepL, project: Path) -> None:
    first = run(fake)
    assert first.exit_code == 0, first.output
    assert_clean(first)
    state = read_state(project)
    assert state is not None
    assert (
        first.stdout.splitlines()[0]
        == f"synced 5 entries to DeepL glossary 'termqa EN-JA' ({state.glossary_id}, v3)"
    )
    (create,) = [r for r in fake.requests if r.method == "POST"]
    assert created_entries(create) == entries_tsv(LOCAL).rstrip("\n")  # keep terms as identities
    again = run(fake)
    assert (
        again.stdout
        == f"up to date: 5 entries in DeepL glossary 'termqa EN-JA' ({state.glossary_id})\n"
    )
    (project / "team.yaml").write_text(GLOSSARY.replace("報酬モデル", "報酬関数"), encoding="utf-8")
    fake.clear_log()
    dry = run(fake, "--dry-run")
    assert dry.exit_code == 0
    assert_clean(dry)
    assert dry.stdout.splitlines() == [
        "dry run: DeepL glossary 'termqa EN-JA' (v3): 0 added, 1 changed, 0 removed, 4 unchanged",
        "  ~ reward model: 報酬モデル → 報酬関数",
        "nothing was changed on DeepL (a sync would make a new glossary)",
    ]
    assert {r.method for r in fake.requests} == {"GET"}


def test_cli_v2_and_another_key_variable(fake: FakeDeepL, project: Path) -> None:
    result = run(
        fake,
        "--api",
        "v2",
        "--auth-key-env",
        "TEAM_DEEPL",
        env={"DEEPL_AUTH_KEY": None, "TEAM_DEEPL": KEY},
    )
    assert result.exit_code == 0, result.output
    assert_clean(result)
    assert {r.path.split("/")[1] for r in fake.requests} == {"v2"}
    assert all(r.authorized for r in fake.requests)


def test_cli_refuses_a_malformed_key_without_showing_it(fake: FakeDeepL, project: Path) -> None:
    result = run(fake, env={"DEEPL_AUTH_KEY": "abc\ndef-secret"})
    assert result.exit_code == 2
    assert "secret" not in result.output
    assert result.stderr == (
        "termqa: error: $DEEPL_AUTH_KEY holds spaces or control characters: not a DeepL auth key\n"
    )
    assert fake.requests == []


def test_cli_bad_server_url(fake: FakeDeepL, project: Path) -> None:
    result = run(fake, env={"DEEPL_SERVER_URL": "htp:/nowhere"})
    assert result.exit_code == 2
    assert_clean(result)
    assert "termqa: error: cann" in result.stderr


@pytest.mark.parametrize("env", [{"DEEPL_AUTH_KEY": None}, {"DEEPL_AUTH_KEY": "  "}])
def test_cli_without_a_key_exits_2_before_any_request(
    fake: FakeDeepL, project: Path, env: dict[str, str | None]
) -> None:
    result = run(fake, env=env)
    assert result.exit_code == 2
    assert result.stderr == (
        "termqa: error: $DEEPL_AUTH_KEY is not set: put the DeepL API auth key in it"
        " (or name another variable with --auth-key-env)\n"
    )
    assert fake.requests == []


@pytest.mark.parametrize(
    "case",
    [
        (403, "termqa: error: DeepL rejected the auth key (403): check the key in $DEEPL_AUTH_KEY"),
        (456, "termqa: error: DeepL quota exceeded (456): the account's limit"),
        (429, "termqa: error: DeepL rate limit (429): retry later"),
        (500, "termqa: error: DeepL server error (500): retry later"),
        (503, "termqa: error: DeepL server error (503): retry later"),
    ],
)
@pytest.mark.parametrize("dry_run", [False, True])
def test_cli_remote_errors_are_one_clear_line(
    fake: FakeDeepL,
    project: Path,
    case: tuple[int, str],
    dry_run: bool,
    caplog: pytest.LogCaptureFixture,
) -> None:
    status, message = case
    caplog.set_level(logging.DEBUG, logger="deepl")
    assert run(fake).exit_code == 0
    fake.fail(status, times=None, retry_after=3 if status == 429 else None)
    result = run(fake, *(["--dry-run"] if dry_run else []))
    assert result.exit_code == 2
    assert_clean(result)
    assert result.stderr.startswith(message)
    assert result.stdout == ""
    assert KEY not in caplog.text
    assert caplog.text  # the client did log its requests; the key is not in them


def test_cli_wrong_key_is_403_and_is_not_echoed(fake: FakeDeepL, project: Path) -> None:
    result = run(fake, env={"DEEPL_AUTH_KEY": "not-the-key-77"})
    assert result.exit_code == 2
    assert "not-the-key-77" not in result.output
    assert result.stderr.startswith("termqa: error: DeepL rejected the auth key (403)")


def test_cli_network_error(fake: FakeDeepL, project: Path) -> None:
    with FakeDeepL() as dead:
        url = dead.url  # closed on exit: nothing listens there any more
    result = run(fake, env={"DEEPL_SERVER_URL": url})
    assert result.exit_code == 2
    assert_clean(result)
    assert result.stderr.startswith(
        f"termqa: error: cannot reach DeepL at {url}: connection failed"
    )


def test_cli_delete_failure_is_a_warning_and_exit_0(fake: FakeDeepL, project: Path) -> None:
    assert run(fake).exit_code == 0
    (project / "team.yaml").write_text(GLOSSARY.replace("報酬モデル", "報酬関数"), encoding="utf-8")
    fake.fail(500, method="DELETE")
    result = run(fake)
    assert result.exit_code == 0
    assert_clean(result)
    assert "termqa: warning: the previous DeepL glossary" in result.stderr
    assert "delete the old one by hand" in result.stderr


def test_cli_transient_errors_are_retried_by_the_client(
    fake: FakeDeepL, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(deepl.http_client, "max_network_retries", 2)
    monkeypatch.setattr(deepl.http_client._BackoffTimer, "BACKOFF_INITIAL", 0.01)
    fake.fail(429, method="POST", retry_after=1)
    fake.fail(503, method="GET", path="/v2/glossary-language-pairs")
    result = run(fake)
    assert result.exit_code == 0, result.output
    assert [r.status for r in fake.requests if r.method == "POST"] == [429, 201]


def test_cli_usage_and_input_errors(fake: FakeDeepL, project: Path) -> None:
    no_target = CliRunner().invoke(
        main, ["glossary", "sync", "team.yaml"], env={"DEEPL_AUTH_KEY": KEY}
    )
    assert no_target.exit_code == 2
    assert "--deepl" in no_target.stderr
    (project / "bad.yaml").write_text("version: 1\nentries:\n  - term: X\n    kind: sometimes\n")
    bad = CliRunner().invoke(
        main,
        ["glossary", "sync", "--deepl", "--no-default-glossary", "bad.yaml"],
        env={"DEEPL_AUTH_KEY": KEY},
    )
    assert bad.exit_code == 2
    assert bad.stderr.startswith("termqa: error: bad.yaml:4:")
    nothing = CliRunner().invoke(
        main, ["glossary", "sync", "--deepl", "--no-default-glossary"], env={"DEEPL_AUTH_KEY": KEY}
    )
    assert nothing.exit_code == 2
    assert fake.requests == []


def test_cli_prints_dropped_entries_as_warnings(fake: FakeDeepL, project: Path) -> None:
    clash = "  - term: RL\n    kind: keep\n  - term: rl\n    kind: translate\n    ja: [強化学習]\n"
    (project / "team.yaml").write_text(GLOSSARY + clash + "    aliases: [RL]\n", encoding="utf-8")
    result = run(fake, "--dry-run")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "termqa: warning: team.yaml:16: 'RL' → '強化学習' is not sent to DeepL:"
        " 'RL' already maps to 'RL'"
    ]


def test_the_key_is_not_in_the_state_file(fake: FakeDeepL, project: Path) -> None:
    assert run(fake).exit_code == 0
    assert KEY not in state_path(project).read_text()


def test_importing_the_command_does_not_import_deepl() -> None:
    code = "import sys, termqa.cli, termqa.glossary.commands_sync; print('deepl' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.strip() == "False"
