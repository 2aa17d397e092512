"""The fake DeepL server answers the real `deepl` client as DeepL would (shapes, errors)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator

import deepl
import pytest
from deepl.api_data import MultilingualGlossaryDictionaryEntries
from fake_deepl import FakeDeepL

ENTRIES = {"LoRA": "LoRA", "fine-tuning": "ファインチューニング"}


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeDeepL]:
    monkeypatch.setattr(deepl.http_client, "max_network_retries", 0)
    with FakeDeepL() as server:
        yield server


@pytest.fixture
def client(fake: FakeDeepL) -> Iterator[deepl.DeepLClient]:
    made = deepl.DeepLClient(fake.auth_key, server_url=fake.url)
    yield made
    made.close()  # type: ignore[no-untyped-call]


def _raw(
    fake: FakeDeepL, method: str, path: str, data: dict[str, object] | None = None
) -> tuple[int, dict[str, str], str]:
    """One request by urllib (not the deepl client): status, headers, body text."""
    body = json.dumps(data).encode() if data is not None else None
    request = urllib.request.Request(fake.url + path, data=body, method=method)  # noqa: S310
    request.add_header("Authorization", f"DeepL-Auth-Key {fake.auth_key}")
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310  (loopback)
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, dict(exc.headers), exc.read().decode()


def test_server_listens_on_loopback_and_stops() -> None:
    with FakeDeepL() as server:
        assert server.url.startswith("http://127.0.0.1:")
        url = server.url
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(url + "/v2/usage", timeout=2)  # noqa: S310


def test_v3_glossary_lifecycle(fake: FakeDeepL, client: deepl.DeepLClient) -> None:
    pair = MultilingualGlossaryDictionaryEntries("EN", "JA", ENTRIES)
    made = client.create_multilingual_glossary("team", [pair])
    assert made.name == "team"
    assert [(d.source_lang, d.target_lang, d.entry_count) for d in made.dictionaries] == [
        ("EN", "JA", 2)
    ]
    assert client.get_multilingual_glossary(made.glossary_id).glossary_id == made.glossary_id
    assert [g.glossary_id for g in client.list_multilingual_glossaries()] == [made.glossary_id]
    got = client.get_multilingual_glossary_entries(made.glossary_id, "EN", "JA")
    raw = got.dictionaries[0].entries  # the client hands on the TSV string as DeepL sends it
    assert deepl.convert_tsv_to_dict(raw) == ENTRIES  # type: ignore[arg-type]
    client.delete_multilingual_glossary(made.glossary_id)
    with pytest.raises(deepl.GlossaryNotFoundException):
        client.get_multilingual_glossary(made.glossary_id)


def test_v3_dictionary_edits(fake: FakeDeepL, client: deepl.DeepLClient) -> None:
    made = client.create_multilingual_glossary(
        "team", [MultilingualGlossaryDictionaryEntries("EN", "JA", ENTRIES)]
    )
    update = MultilingualGlossaryDictionaryEntries("EN", "JA", {"RLHF": "RLHF"})
    client.update_multilingual_glossary_dictionary(made.glossary_id, update)
    assert fake.entries(made.glossary_id) == {**ENTRIES, "RLHF": "RLHF"}
    info = client.replace_multilingual_glossary_dictionary(made.glossary_id, update)
    assert info.entry_count == 1
    assert fake.entries(made.glossary_id) == {"RLHF": "RLHF"}
    client.update_multilingual_glossary_name(made.glossary_id, "renamed")
    assert client.get_multilingual_glossary(made.glossary_id).name == "renamed"
    client.delete_multilingual_glossary_dictionary(
        made.glossary_id, source_lang="EN", target_lang="JA"
    )
    assert client.get_multilingual_glossary(made.glossary_id).dictionaries == []
    with pytest.raises(deepl.GlossaryNotFoundException):
        client.get_multilingual_glossary_entries(made.glossary_id, "EN", "JA")


def test_v2_glossary_lifecycle(fake: FakeDeepL, client: deepl.DeepLClient) -> None:
    made = client.create_glossary("team", "EN", "JA", ENTRIES)
    assert (made.ready, made.source_lang, made.target_lang, made.entry_count) == (
        True,
        "EN",
        "JA",
        2,
    )
    assert client.get_glossary(made.glossary_id).name == "team"
    assert client.get_glossary_entries(made.glossary_id) == ENTRIES
    assert [g.glossary_id for g in client.list_glossaries()] == [made.glossary_id]
    entries_request = fake.requests[-2]
    assert entries_request.path.endswith("/entries")
    assert entries_request.headers["accept"] == "text/tab-separated-values"
    client.delete_glossary(made.glossary_id)
    assert fake.glossary_ids() == []


def test_v2_and_v3_share_one_store(fake: FakeDeepL, client: deepl.DeepLClient) -> None:
    made = client.create_glossary("team", "EN", "JA", ENTRIES)
    info = client.get_multilingual_glossary(made.glossary_id)
    assert [d.entry_count for d in info.dictionaries] == [2]
    two = [
        MultilingualGlossaryDictionaryEntries("EN", "JA", ENTRIES),
        MultilingualGlossaryDictionaryEntries("EN", "DE", {"a": "b"}),
    ]
    multi = client.create_multilingual_glossary("multi", two)
    assert [g.glossary_id for g in client.list_glossaries()] == [
        made.glossary_id
    ]  # v2: one pair only
    with pytest.raises(deepl.DeepLException, match="Bad request"):
        client.get_glossary(multi.glossary_id)


def test_v2_ready_flag_follows_unready_polls(fake: FakeDeepL, client: deepl.DeepLClient) -> None:
    fake.unready_polls = 2
    made = client.create_glossary("team", "EN", "JA", ENTRIES)
    assert not made.ready
    assert [client.get_glossary(made.glossary_id).ready for _ in range(3)] == [False, False, True]


def test_json_shapes_match_deepl(fake: FakeDeepL) -> None:
    fake.add_glossary("seeded", ENTRIES)
    status, headers, body = _raw(fake, "GET", "/v2/glossaries")
    assert status == 200
    assert headers["Content-Type"].startswith("application/json")
    (item,) = json.loads(body)["glossaries"]
    assert set(item) == {
        "glossary_id",
        "name",
        "ready",
        "source_lang",
        "target_lang",
        "creation_time",
        "entry_count",
    }
    assert (item["source_lang"], item["target_lang"], item["entry_count"]) == ("en", "ja", 2)
    (item3,) = json.loads(_raw(fake, "GET", "/v3/glossaries")[2])["glossaries"]
    assert set(item3) == {"glossary_id", "name", "dictionaries", "creation_time"}
    assert item3["dictionaries"] == [{"source_lang": "en", "target_lang": "ja", "entry_count": 2}]
    status, headers, tsv = _raw(fake, "GET", f"/v2/glossaries/{item['glossary_id']}/entries")
    assert headers["Content-Type"].startswith("text/tab-separated-values")
    assert tsv == "LoRA\tLoRA\nfine-tuning\tファインチューニング"


def test_usage_and_language_pairs(fake: FakeDeepL, client: deepl.DeepLClient) -> None:
    fake.character_count = 42
    assert client.get_usage().character.count == 42
    pairs = {(p.source_lang, p.target_lang) for p in client.get_glossary_languages()}
    assert ("en", "ja") in pairs


def test_wrong_key_gets_403_and_is_logged_without_the_key(fake: FakeDeepL) -> None:
    bad = deepl.DeepLClient("wrong-key-9999", server_url=fake.url)
    with pytest.raises(deepl.AuthorizationException):
        bad.list_multilingual_glossaries()
    bad.close()  # type: ignore[no-untyped-call]
    (logged,) = fake.requests
    assert (logged.status, logged.authorized) == (403, False)
    assert "authorization" not in logged.headers
    assert "wrong-key-9999" not in repr(logged)


def test_bad_entries_are_refused_like_deepl(fake: FakeDeepL) -> None:
    refused = {"message": "Invalid glossary entries provided"}
    for tsv in ("a\tb\na\tc", "a", "a\tb\tc", "\tb", "a\tb\x07", ""):
        data = {"name": "x", "source_lang": "en", "target_lang": "ja", "entries": tsv}
        status, _, body = _raw(fake, "POST", "/v2/glossaries", {**data, "entries_format": "tsv"})
        assert (status, json.loads(body)) == (400, refused), tsv
    data = {"name": "x", "source_lang": "en", "target_lang": "xx", "entries": "a\tb"}
    assert _raw(fake, "POST", "/v2/glossaries", {**data, "entries_format": "tsv"})[0] == 400
    assert _raw(fake, "POST", "/v3/glossaries", {"name": "x", "dictionaries": []})[0] == 400
    assert fake.glossary_ids() == []


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (403, deepl.AuthorizationException),
        (404, deepl.GlossaryNotFoundException),
        (429, deepl.TooManyRequestsException),
        (456, deepl.QuotaExceededException),
        (500, deepl.DeepLException),
        (503, deepl.DeepLException),
    ],
)
def test_injected_faults_map_to_client_errors(
    fake: FakeDeepL, client: deepl.DeepLClient, status: int, error: type[Exception]
) -> None:
    fake.fail(status, method="GET", path="/v3/glossaries")
    with pytest.raises(error):
        client.list_multilingual_glossaries()
    assert client.list_multilingual_glossaries() == []  # `times=1`: the next request passes
    assert [r.status for r in fake.requests] == [status, 200]


def test_faults_select_by_method_path_and_count(fake: FakeDeepL) -> None:
    fake.fail(429, method="POST", path=r"/v[23]/glossaries", times=2, retry_after=7)
    assert _raw(fake, "GET", "/v3/glossaries")[0] == 200  # another method
    assert _raw(fake, "GET", "/v2/usage")[0] == 200
    status, headers, _ = _raw(fake, "POST", "/v3/glossaries")
    assert (status, headers["Retry-After"]) == (429, "7")
    assert _raw(fake, "POST", "/v2/glossaries")[0] == 429
    assert _raw(fake, "POST", "/v2/glossaries")[0] == 400  # faults used up: a real (bad) request
    fake.fail(503, times=None)
    assert [_raw(fake, "GET", "/v2/usage")[0] for _ in range(3)] == [503, 503, 503]
    fake.clear_faults()
    assert _raw(fake, "GET", "/v2/usage")[0] == 200


def test_request_log_records_method_path_query_and_body(
    fake: FakeDeepL, client: deepl.DeepLClient
) -> None:
    made = client.create_multilingual_glossary(
        "team", [MultilingualGlossaryDictionaryEntries("EN", "JA", ENTRIES)]
    )
    client.get_multilingual_glossary_entries(made.glossary_id, "EN", "JA")
    create, entries = fake.requests
    assert (create.method, create.path, create.status) == ("POST", "/v3/glossaries", 201)
    assert (
        create.json["dictionaries"][0]["entries"] == "LoRA\tLoRA\nfine-tuning\tファインチューニング"
    )
    assert entries.query == {"source_lang": ["EN"], "target_lang": ["JA"]}
    assert all(r.authorized for r in fake.requests)
    fake.clear_log()
    assert fake.requests == []


def test_unknown_paths_and_methods(fake: FakeDeepL) -> None:
    assert _raw(fake, "GET", "/v2/nothing")[0] == 404
    assert _raw(fake, "PUT", "/v2/glossaries")[0] == 405
    assert _raw(fake, "DELETE", "/v3/glossaries/missing")[0] == 404
