"""The DeepL glossary API as the sync needs it, over the `deepl` client, v3 or v2 endpoints.

The v3 (multilingual) endpoints are used when the installed client has them
(`DeepLClient.create_multilingual_glossary`, deepl ≥ 1.21); else the v2 ones. Every client
error becomes a `RemoteError` with a one-line message that never holds the auth key.
Import this module only inside commands: it imports `deepl` (and `requests`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

import deepl

from termqa.errors import TermqaError

APIS = ("auto", "v3", "v2")


class RemoteError(TermqaError):
    """A failed DeepL request; `status` is the HTTP status, if one came back."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class RemoteInfo:
    glossary_id: str
    name: str
    ready: bool
    entry_count: int | None  # of the language pair's dictionary; None: the glossary has none


class Remote(Protocol):
    api: str
    source_lang: str
    target_lang: str

    def info(self, glossary_id: str) -> RemoteInfo | None: ...
    def entries(self, glossary_id: str) -> dict[str, str]: ...
    def create(self, name: str, entries: Mapping[str, str]) -> RemoteInfo: ...
    def delete(self, glossary_id: str) -> None: ...
    def supports_pair(self) -> bool: ...
    def close(self) -> None: ...


def client_api() -> str:
    """The newest glossary API the installed `deepl` client speaks: "v3" or "v2"."""
    client = getattr(deepl, "DeepLClient", None)
    return "v3" if client is not None and hasattr(client, "create_multilingual_glossary") else "v2"


def open_remote(
    auth_key: str,
    *,
    source_lang: str,
    target_lang: str,
    server_url: str | None = None,
    api: str = "auto",
    key_env: str = "DEEPL_AUTH_KEY",
) -> Remote:
    """A client for the glossary endpoints of `api` ("auto": `client_api()`)."""
    chosen = client_api() if api == "auto" else api
    if chosen == "v3" and client_api() != "v3":
        raise TermqaError(f"the installed deepl {deepl.__version__} has no v3 glossary support")
    client_class = deepl.DeepLClient if chosen == "v3" else deepl.Translator
    client = client_class(auth_key, server_url=server_url, send_platform_info=False)
    remote_class = _V3 if chosen == "v3" else _V2
    return remote_class(
        client,
        source_lang=source_lang.upper(),
        target_lang=target_lang.upper(),
        key=auth_key,
        key_env=key_env,
        server=server_url or "DeepL",
    )


class _Base:
    api = ""

    _client: deepl.Translator

    def __init__(
        self,
        client: deepl.Translator,
        *,
        source_lang: str,
        target_lang: str,
        key: str,
        key_env: str,
        server: str,
    ) -> None:
        self._client = client
        self.source_lang = source_lang
        self.target_lang = target_lang
        self._key = key
        self._key_env = key_env
        self._server = server

    def close(self) -> None:
        self._client.close()  # type: ignore[no-untyped-call]  # unannotated in deepl

    def supports_pair(self) -> bool:
        with self._errors("listing glossary language pairs"):
            pairs = self._client.get_glossary_languages()
        wanted = (self.source_lang.lower(), self.target_lang.lower())
        return any((p.source_lang.lower(), p.target_lang.lower()) == wanted for p in pairs)

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        try:
            yield
        except deepl.DeepLException as exc:
            message = describe_error(exc, key_env=self._key_env, server=self._server)
            message = message.replace(self._key, "***") if self._key else message
            raise RemoteError(f"{message} (while {doing})", exc.http_status_code) from None
        except ValueError as exc:  # the client's own checks, e.g. refused entries
            raise RemoteError(f"DeepL client refused the request: {exc} (while {doing})") from None


class _V3(_Base):
    api = "v3"
    _client: deepl.DeepLClient

    def info(self, glossary_id: str) -> RemoteInfo | None:
        try:
            with self._errors("reading the glossary"):
                got = self._client.get_multilingual_glossary(glossary_id)
        except RemoteError as exc:
            if exc.status == 404:
                return None
            raise
        pair = (self.source_lang, self.target_lang)
        count = next(
            (d.entry_count for d in got.dictionaries if (d.source_lang, d.target_lang) == pair),
            None,
        )
        return RemoteInfo(got.glossary_id, got.name, bool(getattr(got, "ready", True)), count)

    def entries(self, glossary_id: str) -> dict[str, str]:
        with self._errors("reading the glossary entries"):
            got = self._client.get_multilingual_glossary_entries(
                glossary_id, self.source_lang, self.target_lang
            )
            out: dict[str, str] = {}
            for dictionary in got.dictionaries:
                raw: object = dictionary.entries
                parsed = (
                    deepl.convert_tsv_to_dict(raw, skip_checks=True)
                    if isinstance(raw, str)
                    else raw
                )
                out.update(parsed if isinstance(parsed, dict) else {})
            return out

    def create(self, name: str, entries: Mapping[str, str]) -> RemoteInfo:
        from deepl.api_data import MultilingualGlossaryDictionaryEntries  # noqa: PLC0415

        pair = MultilingualGlossaryDictionaryEntries(
            self.source_lang, self.target_lang, dict(entries)
        )
        with self._errors("creating the glossary"):
            got = self._client.create_multilingual_glossary(name, [pair])
        counts = [d.entry_count for d in got.dictionaries]
        return RemoteInfo(got.glossary_id, got.name, True, counts[0] if counts else None)

    def delete(self, glossary_id: str) -> None:
        with self._errors("deleting the previous glossary"):
            self._client.delete_multilingual_glossary(glossary_id)


class _V2(_Base):
    api = "v2"

    def info(self, glossary_id: str) -> RemoteInfo | None:
        try:
            with self._errors("reading the glossary"):
                got = self._client.get_glossary(glossary_id)
        except RemoteError as exc:
            if exc.status == 404:
                return None
            raise
        same = (got.source_lang, got.target_lang) == (self.source_lang, self.target_lang)
        return RemoteInfo(got.glossary_id, got.name, got.ready, got.entry_count if same else None)

    def entries(self, glossary_id: str) -> dict[str, str]:
        with self._errors("reading the glossary entries"):
            return dict(self._client.get_glossary_entries(glossary_id))

    def create(self, name: str, entries: Mapping[str, str]) -> RemoteInfo:
        with self._errors("creating the glossary"):
            got = self._client.create_glossary(
                name, self.source_lang, self.target_lang, dict(entries)
            )
        return RemoteInfo(got.glossary_id, got.name, got.ready, got.entry_count)

    def delete(self, glossary_id: str) -> None:
        with self._errors("deleting the previous glossary"):
            self._client.delete_glossary(glossary_id)


def describe_error(exc: deepl.DeepLException, *, key_env: str, server: str = "DeepL") -> str:
    """One line naming what went wrong, by HTTP status; never the key or a traceback."""
    status = exc.http_status_code
    if isinstance(exc, deepl.ConnectionException):
        reason = "timed out" if "timed out" in str(exc) else "connection failed"
        return f"cannot reach DeepL at {server}: {reason}; check the network and retry"
    if status is None:  # the request could not even be built; its text may quote the key
        return f"cannot send a request to DeepL at {server}: check the server URL"
    known = {
        403: f"DeepL rejected the auth key (403): check the key in ${key_env}",
        404: "DeepL glossary not found (404)",
        429: "DeepL rate limit (429): retry later",
        456: "DeepL quota exceeded (456): the account's limit for this billing period is reached",
    }
    if status in known:
        return known[status]
    if status >= 500:
        return f"DeepL server error ({status}): retry later"
    text = str(exc)
    detail = text.split(", message: ", 1)[1] if ", message: " in text else ""
    return f"DeepL refused the request ({status})" + (f": {detail}" if detail else "")
