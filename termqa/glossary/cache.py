"""An on-disk cache of parsed glossary files, because PyYAML is slow on large ones.

Composing YAML nodes costs about 50 µs an entry even with libyaml (half a second for 10,000
entries), and normalizing forbidden renderings needs Sudachi; the cached result loads twenty
times faster. A cache file is named after the glossary's path, size and modification time, so
an edited glossary is parsed again. `TERMQA_CACHE_DIR` moves the cache; set it empty to turn
the cache off. The code and the Sudachi dictionary that made a cache file are recorded in
it, so an upgrade never reads an old one. Any error reading or writing the cache is ignored:
it only ever saves time.
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from collections.abc import Sequence
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from termqa.glossary.model import Entry
from termqa.glossary.tables import Tables, entry_row

_FORMAT = 1


def _name(path: str, stat: os.stat_result) -> tuple[str, str]:
    """The cache file's name and the prefix that every version of that glossary shares."""
    prefix = f"{zlib.crc32(path.encode('utf-8', 'surrogatepass')):08x}-"
    return f"{prefix}{stat.st_size}-{stat.st_mtime_ns}.json", prefix


def cache_dir() -> Path | None:
    configured = os.environ.get("TERMQA_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "termqa"


@cache
def code_stamp() -> str:
    """Identifies the code that parsed the cached files: a checkout's edits invalidate them."""
    here = Path(__file__).parent
    parts = []
    for name in ("cache.py", "fold.py", "model.py", "normalize.py", "parse.py", "tables.py"):
        with contextlib.suppress(OSError):
            stat = (here / name).stat()
            parts.append(f"{stat.st_size}:{stat.st_mtime_ns}")
    return f"{_FORMAT}/" + "/".join(parts)


@cache
def dictionary_stamp() -> str:
    """Identifies the Sudachi dictionary whose normalized forms the cache holds."""
    spec = find_spec("sudachidict_core")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        dic = Path(folder) / "resources" / "system.dic"
        with contextlib.suppress(OSError):
            stat = dic.stat()
            return f"{stat.st_size}-{stat.st_mtime_ns}"
    return "none"


def read(path: str, stat: os.stat_result) -> tuple[list[str], Tables] | None:
    """The entries (as JSON rows) and matcher items cached for the glossary at `path`.

    The file is one JSON line of header and items, then one JSON line per entry.
    """
    folder = cache_dir()
    if folder is None:
        return None
    path = os.path.abspath(path)
    try:
        text = (folder / _name(path, stat)[0]).read_text(encoding="utf-8")
        header, _, rows = text.partition("\n")
        data = json.loads(header)
        if (data["code"], data["path"], data["dictionary"]) != (
            code_stamp(),
            path,
            dictionary_stamp(),
        ):
            return None
        return (rows.split("\n") if rows else []), Tables.from_json(data["tables"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write(path: str, stat: os.stat_result, entries: Sequence[Entry], tables: Tables) -> None:
    """Store a parsed glossary, replacing the cache of its earlier versions."""
    folder = cache_dir()
    if folder is None:
        return
    path = os.path.abspath(path)
    header = {
        "code": code_stamp(),
        "path": path,
        "dictionary": dictionary_stamp(),
        "tables": tables.to_json(),
    }
    lines = [json.dumps(header, ensure_ascii=False, separators=(",", ":"))]
    lines.extend(entry_row(e) for e in entries)
    name, prefix = _name(path, stat)
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob(f"{prefix}*.json"):
            old.unlink()
        tmp = folder / f".{name}.{os.getpid()}.tmp"
        try:
            tmp.write_text("\n".join(lines), encoding="utf-8")
            os.replace(tmp, folder / name)
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink()
