"""The DeepL API surface of the fake server (tests/fake_deepl.py): its store and routes.

Each route is a function `(store, call) -> Reply` answering one method and path as DeepL does
(same JSON shapes, TSV entries, status codes and `{"message": …}` error bodies). Add a route
here, and a line in ROUTES, to fake another endpoint (e.g. /v2/translate).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

PAIRS = frozenset({("en", "ja"), ("ja", "en"), ("en", "de"), ("de", "en"), ("en", "fr")})
ERRORS = {
    400: "Bad request",
    403: "Forbidden",
    404: "Not found",
    429: "Too many requests",
    456: "Quota exceeded",
    500: "Internal server error",
    503: "Service unavailable",
}
_CONTROL = re.compile("[\x00-\x1f\x80-\x9f\u2028\u2029]")


@dataclass
class Dictionary:
    source_lang: str
    target_lang: str
    entries: dict[str, str]

    def info(self) -> dict[str, Any]:
        return {"source_lang": self.source_lang, "target_lang": self.target_lang,
                "entry_count": len(self.entries)}  # fmt: skip


@dataclass
class Glossary:
    glossary_id: str
    name: str
    creation_time: str
    dictionaries: list[Dictionary]
    unready_polls: int = 0  # v2 answers `"ready": false` to this many more GETs

    def find(self, source: str, target: str) -> Dictionary | None:
        pair = (source.lower(), target.lower())
        return next((d for d in self.dictionaries if (d.source_lang, d.target_lang) == pair), None)

    def v3(self) -> dict[str, Any]:
        return {"glossary_id": self.glossary_id, "name": self.name,
                "dictionaries": [d.info() for d in self.dictionaries],
                "creation_time": self.creation_time}  # fmt: skip

    def v2(self) -> dict[str, Any]:
        (only,) = self.dictionaries
        return {"glossary_id": self.glossary_id, "name": self.name,
                "ready": self.unready_polls <= 0, "source_lang": only.source_lang,
                "target_lang": only.target_lang, "creation_time": self.creation_time,
                "entry_count": len(only.entries)}  # fmt: skip


class Store:
    """The glossaries on the fake account. v2 and v3 share it, as on DeepL: a glossary made
    through v2 is a v3 glossary with one dictionary; v2 lists only single-pair glossaries."""

    def __init__(self) -> None:
        self.glossaries: dict[str, Glossary] = {}
        self.unready_polls = 0  # given to each new glossary (v2 `ready` stays false so long)
        self.character_count = 0
        # /v2/translate: "normal", or a misbehaving mode: "alter-tags" (transliterates the text
        # inside ignored tags) or "drop-number" (drops the first number of each text).
        self.translate_mode = "normal"

    def add(self, name: str, dictionaries: list[Dictionary]) -> Glossary:
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        glossary = Glossary(str(uuid.uuid4()), name, now, dictionaries, self.unready_polls)
        self.glossaries[glossary.glossary_id] = glossary
        return glossary

    def get(self, glossary_id: str) -> Glossary:
        found = self.glossaries.get(glossary_id)
        if found is None:
            raise ApiError(404, "Glossary not found")
        return found


@dataclass
class Reply:
    status: int
    body: Any = None  # JSON-encoded unless `text` is set
    text: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


class ApiError(Exception):
    def __init__(self, status: int, message: str | None = None) -> None:
        super().__init__(message or ERRORS.get(status, "Error"))
        self.status = status


@dataclass(frozen=True)
class Call:
    args: tuple[str | Any, ...]  # the route's path groups
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: str

    def json(self) -> dict[str, Any]:
        try:
            data = json.loads(self.body) if self.body else {}
        except ValueError:
            raise ApiError(400, "Invalid JSON") from None
        if not isinstance(data, dict):
            raise ApiError(400, "Invalid JSON")
        return data

    def param(self, name: str) -> str:
        values = self.query.get(name) or [""]
        if not values[0]:
            raise ApiError(400, f"Missing parameter {name}")
        return values[0]


def parse_entries(text: object, fmt: object) -> dict[str, str]:
    """DeepL's entry rules: one entry a line, trimmed, no control characters, unique sources."""
    if not isinstance(text, str) or fmt not in {"tsv", "csv"}:
        raise ApiError(400, "Invalid glossary entries provided")
    out: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = line.split("\t" if fmt == "tsv" else ",")
        if len(parts) != 2:
            raise ApiError(400, "Invalid glossary entries provided")
        source, target = (p.strip() for p in parts)
        if not source or not target or _CONTROL.search(source + target) or source in out:
            raise ApiError(400, "Invalid glossary entries provided")
        out[source] = target
    if not out:
        raise ApiError(400, "Invalid glossary entries provided")
    return out


def _dictionary(data: dict[str, Any]) -> Dictionary:
    source = str(data.get("source_lang", "")).lower()
    target = str(data.get("target_lang", "")).lower()
    if (source, target) not in PAIRS:
        raise ApiError(400, "Unsupported glossary language pair")
    return Dictionary(
        source, target, parse_entries(data.get("entries"), data.get("entries_format"))
    )


def _name(data: dict[str, Any]) -> str:
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ApiError(400, "Missing or empty glossary name")
    return name


# --- routes ------------------------------------------------------------------------------
Route = Callable[[Store, Call], Reply]


def usage(store: Store, call: Call) -> Reply:
    return Reply(200, {"character_count": store.character_count, "character_limit": 500000})


def language_pairs(store: Store, call: Call) -> Reply:
    pairs = [{"source_lang": s, "target_lang": t} for s, t in sorted(PAIRS)]
    return Reply(200, {"supported_languages": pairs})


def v2_create(store: Store, call: Call) -> Reply:
    data = call.json()
    name = _name(data)
    return Reply(201, store.add(name, [_dictionary(data)]).v2())


def v2_list(store: Store, call: Call) -> Reply:
    single = [g.v2() for g in store.glossaries.values() if len(g.dictionaries) == 1]
    return Reply(200, {"glossaries": single})


def v2_get(store: Store, call: Call) -> Reply:
    glossary = store.get(str(call.args[0]))
    if len(glossary.dictionaries) != 1:
        raise ApiError(400, "Multilingual glossaries are not supported by v2 endpoints")
    info = glossary.v2()
    glossary.unready_polls -= 1
    return Reply(200, info)


def v2_entries(store: Store, call: Call) -> Reply:
    glossary = store.get(str(call.args[0]))
    if call.headers.get("accept", "text/tab-separated-values") not in {
        "text/tab-separated-values",
        "*/*",
    }:
        raise ApiError(415, "Unsupported Media Type")
    (only,) = glossary.dictionaries
    tsv = "\n".join(f"{s}\t{t}" for s, t in only.entries.items())
    return Reply(200, text=tsv, headers={"Content-Type": "text/tab-separated-values"})


def delete(store: Store, call: Call) -> Reply:
    store.get(str(call.args[0]))
    del store.glossaries[str(call.args[0])]
    return Reply(204)


def v3_create(store: Store, call: Call) -> Reply:
    data = call.json()
    name = _name(data)
    raw = data.get("dictionaries")
    if not isinstance(raw, list) or not raw:
        raise ApiError(400, "Missing dictionaries")
    return Reply(201, store.add(name, [_dictionary(d) for d in raw]).v3())


def v3_list(store: Store, call: Call) -> Reply:
    return Reply(200, {"glossaries": [g.v3() for g in store.glossaries.values()]})


def v3_get(store: Store, call: Call) -> Reply:
    return Reply(200, store.get(str(call.args[0])).v3())


def v3_patch(store: Store, call: Call) -> Reply:
    glossary = store.get(str(call.args[0]))
    data = call.json()
    updates = [_dictionary(d) for d in data.get("dictionaries") or []]
    if "name" in data:
        glossary.name = _name(data)
    for update in updates:
        found = glossary.find(update.source_lang, update.target_lang)
        if found is None:
            glossary.dictionaries.append(update)
        else:
            found.entries.update(update.entries)
    return Reply(200, glossary.v3())


def v3_entries(store: Store, call: Call) -> Reply:
    glossary = store.get(str(call.args[0]))
    found = glossary.find(call.param("source_lang"), call.param("target_lang"))
    if found is None:
        raise ApiError(404, "Dictionary not found")
    tsv = "\n".join(f"{s}\t{t}" for s, t in found.entries.items())
    entry = {"source_lang": found.source_lang, "target_lang": found.target_lang,
             "entries": tsv, "entries_format": "tsv"}  # fmt: skip
    return Reply(200, {"dictionaries": [entry]})


def v3_put_dictionary(store: Store, call: Call) -> Reply:
    glossary = store.get(str(call.args[0]))
    new = _dictionary(call.json())
    old = glossary.find(new.source_lang, new.target_lang)
    if old is not None:
        glossary.dictionaries.remove(old)
    glossary.dictionaries.append(new)
    return Reply(201 if old is None else 200, new.info())


def v3_delete_dictionary(store: Store, call: Call) -> Reply:
    glossary = store.get(str(call.args[0]))
    found = glossary.find(call.param("source_lang"), call.param("target_lang"))
    if found is None:
        raise ApiError(404, "Dictionary not found")
    glossary.dictionaries.remove(found)
    return Reply(204)


# English word runs; letters glued to a number (`128k`, `2.1x`, `300B`) are a unit, kept.
_WORDS = re.compile(
    r"(?<![0-9.])[A-Za-z]+(?:[-'’][A-Za-z]+)*(?:[ \t]+[A-Za-z]+(?:[-'’][A-Za-z]+)*)*"
)
# A space next to Japanese goes; one between two Latin or digit runs (`A100 GPU`) stays.
_JA_SPACE = re.compile(r"(?<=[^\x00-\x7f]) +| +(?=[^\x00-\x7f])")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")


def pseudo_translate(text: str, ignore: list[str], entries: dict[str, str], mode: str) -> str:
    """Deterministic pseudo-Japanese: glossary entries applied, other English word runs
    become 訳文 (numbers with their unit letters stay), sentence stops become 。 and commas
    、, spaces next to Japanese go; tags kept, ignored tags' content verbatim."""
    names = "|".join(re.escape(t) for t in ignore) or "(?!)"
    pieces = re.split(rf"(<(?:{names})>.*?</(?:{names})>|<[^<>]*>)", text, flags=re.DOTALL)
    out: list[str] = []
    for i, raw in enumerate(pieces):
        piece = raw
        if i % 2:
            inner = re.fullmatch(r"(<[^<>]+>)(.*)(</[^<>]+>)", piece, flags=re.DOTALL)
            if mode == "alter-tags" and inner is not None:
                piece = inner.group(1) + "ローラ" + inner.group(3)  # transliterated
            out.append(piece)
            continue
        for source in sorted(entries, key=len, reverse=True):
            piece = re.sub(
                rf"(?<![A-Za-z]){re.escape(source)}(?![A-Za-z])",
                lambda _m, s=source: f"\0{entries[s]}\0",
                piece,
                flags=re.I,
            )
        piece = "".join(
            chunk
            if j % 2
            else _JA_SPACE.sub(
                "", _WORDS.sub("訳文", chunk).replace(". ", "。").replace(", ", "、")
            )
            for j, chunk in enumerate(re.split("\0([^\0]*)\0", piece))
        )
        out.append(piece[:-1] + "。" if piece.endswith(".") else piece)
    translated = "".join(out)
    return _NUMBER.sub("", translated, count=1) if mode == "drop-number" else translated


_CHOICES = {
    "formality": {"default", "more", "less", "prefer_more", "prefer_less"},
    "model_type": {"quality_optimized", "latency_optimized", "prefer_quality_optimized"},
    "tag_handling": {"xml", "html"},
}


def _check_choices(data: dict[str, Any]) -> None:
    for name, allowed in _CHOICES.items():
        if name in data and data[name] not in allowed:
            raise ApiError(400, f"Value for '{name}' not supported.")


def translate(store: Store, call: Call) -> Reply:
    data = call.json()
    texts = data.get("text")
    if not isinstance(texts, list) or not texts or len(texts) > 50:
        raise ApiError(400, "Parameter 'text' must hold 1 to 50 texts")
    if len(call.body.encode("utf-8")) > 128 * 1024:
        raise ApiError(413, "Request Entity Too Large")
    _check_choices(data)
    entries: dict[str, str] = {}
    if data.get("glossary_id"):
        found = store.get(str(data["glossary_id"])).find(
            str(data.get("source_lang", "")), str(data.get("target_lang", ""))
        )
        entries = dict(found.entries) if found else {}
    ignore = data.get("ignore_tags") or []
    ignore = ignore.split(",") if isinstance(ignore, str) else ignore
    store.character_count += sum(len(t) for t in texts)
    out = [pseudo_translate(str(t), list(ignore), entries, store.translate_mode) for t in texts]
    detected = str(data.get("source_lang") or "EN").upper()
    extra: dict[str, str] = {}
    if "model_type" in data:  # DeepL names the model it used
        extra["model_type_used"] = str(data["model_type"]).removeprefix("prefer_")
    return Reply(200, {"translations": [{"detected_source_language": detected, "text": t,
                                         "billed_characters": len(t), **extra}
                                        for t in out]})  # fmt: skip


_ID = r"/([^/]+)"
ROUTES: tuple[tuple[str, str, Route], ...] = (
    ("GET", r"/v2/usage", usage),
    ("POST", r"/v2/translate", translate),
    ("GET", r"/v2/glossary-language-pairs", language_pairs),
    ("POST", r"/v2/glossaries", v2_create),
    ("GET", r"/v2/glossaries", v2_list),
    ("GET", r"/v2/glossaries" + _ID, v2_get),
    ("GET", r"/v2/glossaries" + _ID + "/entries", v2_entries),
    ("DELETE", r"/v2/glossaries" + _ID, delete),
    ("POST", r"/v3/glossaries", v3_create),
    ("GET", r"/v3/glossaries", v3_list),
    ("GET", r"/v3/glossaries" + _ID, v3_get),
    ("PATCH", r"/v3/glossaries" + _ID, v3_patch),
    ("DELETE", r"/v3/glossaries" + _ID, delete),
    ("GET", r"/v3/glossaries" + _ID + "/entries", v3_entries),
    ("PUT", r"/v3/glossaries" + _ID + "/dictionaries", v3_put_dictionary),
    ("DELETE", r"/v3/glossaries" + _ID + "/dictionaries", v3_delete_dictionary),
)


def dispatch(store: Store, method: str, path: str, call: Call) -> Reply:
    """The answer of the route for `method` and `path`; 404 or 405 if there is none."""
    for verb, pattern, route in ROUTES:
        match = re.fullmatch(pattern, path)
        if match and verb == method:
            try:
                return route(store, replace(call, args=match.groups()))
            except ApiError as exc:
                return Reply(exc.status, {"message": str(exc)})
    known = any(re.fullmatch(pattern, path) for _, pattern, _ in ROUTES)
    return Reply(405 if known else 404, {"message": ERRORS[404]})
