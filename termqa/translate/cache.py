"""A local SQLite cache of translations, so unchanged paragraphs are not paid for twice.

The database is `translate.sqlite` in termqa's cache directory, the one the glossary cache uses:
`$TERMQA_CACHE_DIR`, else `$XDG_CACHE_HOME/termqa`, else `~/.cache/termqa`; an empty
`TERMQA_CACHE_DIR` turns both caches off. A key is the
SHA-256 of the text sent and every option that changes the answer (languages, formality,
model, glossary id and version). A cache that cannot be opened is an error, not a silent miss.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType

from termqa.errors import TermqaError
from termqa.glossary.cache import cache_dir

FILE_NAME = "translate.sqlite"
_SCHEMA = "CREATE TABLE IF NOT EXISTS translations (key TEXT PRIMARY KEY, text TEXT NOT NULL)"


def cache_key(text: str, options: Mapping[str, str | None]) -> str:
    payload = json.dumps({"text": text, "options": dict(sorted(options.items()))})
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class Cache:
    """Translations by key; `Cache(None)` is the disabled cache (`--no-cache`)."""

    def __init__(self, path: Path | None) -> None:
        self._db: sqlite3.Connection | None = None
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path)
            self._db.execute(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise TermqaError(f"cannot open the translation cache: {exc}", str(path)) from None

    @classmethod
    def open(cls, enabled: bool = True) -> Cache:
        folder = cache_dir() if enabled else None
        return cls(folder / FILE_NAME if folder is not None else None)

    def get(self, key: str) -> str | None:
        if self._db is None:
            return None
        row = self._db.execute("SELECT text FROM translations WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def put(self, items: Mapping[str, str]) -> None:
        if self._db is None or not items:
            return
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO translations (key, text) VALUES (?, ?)", items.items()
            )

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> Cache:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
