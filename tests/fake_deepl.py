"""A local fake of the DeepL API's glossary endpoints (v2 and v3) for tests.

`FakeDeepL` serves on 127.0.0.1 (an ephemeral port) from a `ThreadingHTTPServer` thread,
with the JSON shapes of the real API, an auth check, fault injection (`fail`) and a log of
every request (`requests`) that tests assert on. Use it as a context manager; it stops and
closes its socket on exit. Point the real client at it: `deepl.DeepLClient(key,
server_url=fake.url)`. The endpoints themselves live in fake_deepl_api.py.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

from fake_deepl_api import ERRORS, Call, Dictionary, Reply, Store, dispatch


@dataclass(frozen=True)
class Request:
    """One logged request. `headers` never holds Authorization; `authorized` says if it held
    the right key. `status` is the status answered."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: str
    status: int
    authorized: bool

    @property
    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


@dataclass
class Fault:
    status: int
    method: str | None  # None: any method
    path: str | None  # regex the whole path must match; None: any path
    times: int | None  # None: every matching request
    retry_after: int | None
    after: int = 0  # let this many matching requests through first

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method != method:
            return False
        return self.path is None or re.fullmatch(self.path, path) is not None


class FakeDeepL:
    """The fake server; `store` holds its glossaries (see fake_deepl_api.Store)."""

    def __init__(self, auth_key: str = "fake-auth-key-0000:fx") -> None:
        self.auth_key = auth_key
        self.store = Store()
        self._faults: list[Fault] = []
        self._log: list[Request] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self) -> FakeDeepL:
        self._thread.start()
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    # --- test controls -------------------------------------------------------------------
    def fail(
        self,
        status: int,
        *,
        method: str | None = None,
        path: str | None = None,
        times: int | None = 1,
        retry_after: int | None = None,
        after: int = 0,
    ) -> None:
        """Answer `status` to the next `times` requests matching `method` and `path` (regex),
        once `after` matching requests have been answered normally."""
        with self._lock:
            self._faults.append(Fault(status, method, path, times, retry_after, after))

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    @property
    def requests(self) -> list[Request]:
        with self._lock:
            return list(self._log)

    def clear_log(self) -> None:
        with self._lock:
            self._log.clear()

    def add_glossary(
        self, name: str, entries: dict[str, str], source_lang: str = "en", target_lang: str = "ja"
    ) -> str:
        """Store a glossary directly (no request logged) and return its id."""
        with self._lock:
            return self.store.add(
                name, [Dictionary(source_lang, target_lang, dict(entries))]
            ).glossary_id

    def glossary_ids(self) -> list[str]:
        with self._lock:
            return list(self.store.glossaries)

    def entries(self, glossary_id: str, source: str = "en", target: str = "ja") -> dict[str, str]:
        with self._lock:
            found = self.store.glossaries[glossary_id].find(source, target)
            return dict(found.entries) if found else {}

    @property
    def unready_polls(self) -> int:
        """How many GETs of a new glossary v2 answers `"ready": false` (from now on)."""
        return self.store.unready_polls

    @unready_polls.setter
    def unready_polls(self, value: int) -> None:
        self.store.unready_polls = value

    @property
    def character_count(self) -> int:
        return self.store.character_count

    @character_count.setter
    def character_count(self, value: int) -> None:
        self.store.character_count = value

    # --- serving -------------------------------------------------------------------------
    def handle(self, method: str, target: str, headers: dict[str, str], body: str) -> Reply:
        parts = urlsplit(target)
        query = parse_qs(parts.query, keep_blank_values=True)
        authorized = headers.pop("authorization", None) == f"DeepL-Auth-Key {self.auth_key}"
        with self._lock:
            reply = self._answer(method, parts.path, Call((), query, headers, body), authorized)
            log = Request(method, parts.path, query, headers, body, reply.status, authorized)
            self._log.append(log)
        return reply

    def _answer(self, method: str, path: str, call: Call, authorized: bool) -> Reply:
        fault = next((f for f in self._faults if f.matches(method, path)), None)
        if fault is not None and fault.after > 0:
            fault.after -= 1
            fault = None
        if fault is not None:
            if fault.times is not None:
                fault.times -= 1
                if fault.times <= 0:
                    self._faults.remove(fault)
            extra = {"Retry-After": str(fault.retry_after)} if fault.retry_after else {}
            return Reply(fault.status, {"message": ERRORS.get(fault.status, "Error")}, None, extra)
        if not authorized:
            return Reply(403, {"message": "Wrong auth key"})
        return dispatch(self.store, method, path, call)


def _handler_for(fake: FakeDeepL) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8") if length else ""
            headers = {k.lower(): v for k, v in self.headers.items()}
            reply = fake.handle(self.command, self.path, headers, body)
            if reply.text is not None:
                payload = reply.text.encode("utf-8")
            elif reply.body is not None:
                payload = json.dumps(reply.body, ensure_ascii=False).encode("utf-8")
            else:
                payload = b""
            self.send_response(reply.status)
            kind = "application/json" if reply.text is None else "text/plain"
            for key, value in {"Content-Type": kind, **reply.headers}.items():
                self.send_header(key, value + ("; charset=utf-8" if key == "Content-Type" else ""))
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve  # noqa: N815

        def log_message(self, format: str, *args: Any) -> None:
            """Silent: the request log is `FakeDeepL.requests`."""

    return Handler
