"""Where `termqa glossary sync --deepl` records the DeepL glossary it made.

The state lives in `<project root>/.termqa/deepl-glossary.json`, where the project root is the
nearest directory (from the current one upward) holding pyproject.toml, termqa.toml or .git,
else the current directory. One record per language pair:

    {"version": 1,
     "glossaries": {"EN-JA": {"glossary_id": "…", "name": "termqa EN-JA", "api": "v3",
                              "source_lang": "EN", "target_lang": "JA", "entry_count": 1446,
                              "entry_hash": "sha256:…", "synced_at": "2025-01-31T09:00:00+00:00"}}}

`check` and `translate` read it with `read_state(project_root())` and ask `is_current(state,
entries)` whether the recorded glossary holds exactly the entries the glossary implies now.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from termqa.errors import TermqaError
from termqa.glossary.deepl_entries import EntrySet, entries_digest

STATE_FILE = Path(".termqa") / "deepl-glossary.json"
_MARKERS = ("pyproject.toml", "termqa.toml", ".git")
_VERSION = 1


@dataclass(frozen=True, slots=True)
class SyncState:
    glossary_id: str
    name: str
    api: str  # "v3" or "v2": the endpoints the glossary was made with
    source_lang: str
    target_lang: str
    entry_count: int
    entry_hash: str  # entries_digest() of the entries pushed
    synced_at: str  # ISO 8601, UTC

    @property
    def pair(self) -> str:
        return pair_key(self.source_lang, self.target_lang)


def pair_key(source_lang: str, target_lang: str) -> str:
    return f"{source_lang.upper()}-{target_lang.upper()}"


def project_root(start: str | Path | None = None) -> Path:
    """The nearest directory from `start` (default: cwd) up with a project marker, else start."""
    here = Path(start if start is not None else Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if any((folder / marker).exists() for marker in _MARKERS):
            return folder
    return here


def state_path(root: str | Path) -> Path:
    return Path(root) / STATE_FILE


def read_state(
    root: str | Path, source_lang: str = "EN", target_lang: str = "JA"
) -> SyncState | None:
    """The recorded glossary for the language pair, or None if nothing was synced yet."""
    path = state_path(root)
    record = _read_all(path).get(pair_key(source_lang, target_lang))
    if record is None:
        return None
    try:
        return SyncState(**{f.name: record[f.name] for f in fields(SyncState)})
    except (KeyError, TypeError):
        raise TermqaError(
            "malformed DeepL sync state (delete it and sync again)", str(path)
        ) from None


def write_state(root: str | Path, state: SyncState) -> None:
    """Record `state` for its language pair, keeping other pairs' records (atomic write)."""
    from termqa.glossary.atomic import write_atomic  # noqa: PLC0415  (owned by the edit helper)

    path = state_path(root)
    records = _read_all(path)
    records[state.pair] = asdict(state)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"version": _VERSION, "glossaries": records}, ensure_ascii=False, indent=2)
    write_atomic(str(path), text + "\n")


def is_current(state: SyncState | None, entries: EntrySet | Mapping[str, str]) -> bool:
    """True if `state` records a glossary holding exactly `entries` (in any order)."""
    if state is None:
        return False
    mapping = entries.entries if isinstance(entries, EntrySet) else entries
    return state.entry_hash == entries_digest(mapping) and state.entry_count == len(mapping)


def _read_all(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise TermqaError(f"cannot read DeepL sync state: {exc.strerror}", str(path)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TermqaError(
            f"DeepL sync state is not JSON: {exc.msg}", str(path), exc.lineno
        ) from None
    if not isinstance(data, dict) or data.get("version") != _VERSION:
        raise TermqaError("unsupported DeepL sync state (expected version 1)", str(path))
    records = data.get("glossaries")
    if not isinstance(records, dict) or not all(isinstance(r, dict) for r in records.values()):
        raise TermqaError("malformed DeepL sync state (delete it and sync again)", str(path))
    return records
