"""Loading glossaries: the shipped default, then each given file; later files override."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from termqa.errors import TermqaError
from termqa.glossary import cache
from termqa.glossary.fold import is_japanese
from termqa.glossary.index import Glossary, Layer
from termqa.glossary.model import Entry
from termqa.glossary.tables import Tables, build_tables
from termqa.readers.decode import read_glossary_text

if TYPE_CHECKING:
    from termqa.text.ja import JaTools

_PACKAGE_GLOSSARY = Path(__file__).resolve().parent.parent / "data" / "ml.yaml"
_REPO_GLOSSARY = Path(__file__).resolve().parent.parent.parent / "glossaries" / "ml.yaml"


@dataclass(frozen=True, slots=True)
class LoadedFile:
    """One glossary file: its entries (or cached JSON rows of them) and matcher items."""

    key: str
    path: str
    entries: Sequence[Entry | str]
    tables: Tables

    @property
    def layer(self) -> Layer:
        return (self.entries, self.path, self.tables)


# In-process memo (a run may build several checkers): files by (path, size, mtime), and
# compiled glossaries by the files they were built from.
_FILES: dict[str, LoadedFile] = {}
_COMPILED: dict[tuple[str, ...], Glossary] = {}


def default_glossary_path() -> str:
    """The shipped glossary: the package resource, or the repository's copy in a checkout."""
    if _PACKAGE_GLOSSARY.is_file():
        return os.path.realpath(_PACKAGE_GLOSSARY)  # a checkout's symlink: name the real file
    return str(_REPO_GLOSSARY)


def load_glossaries(
    paths: Sequence[str], *, default: bool = True, ja: JaTools | None = None
) -> Glossary:
    """The shipped glossary (unless `default` is False), then `paths` in order, compiled.

    An entry of a later file replaces an earlier entry with the same term. `ja` lends a
    tokenizer for normalizing forbidden renderings when they are not cached yet.
    """
    files = [default_glossary_path(), *paths] if default else list(paths)
    loaded = [load_file(path, ja=ja) for path in files]
    key = tuple(item.key for item in loaded)
    glossary = _COMPILED.get(key)
    if glossary is None:
        glossary = Glossary.layered([item.layer for item in loaded])
        _COMPILED[key] = glossary
    return glossary


def load_file(path: str, *, ja: JaTools | None = None) -> LoadedFile:
    """One glossary file's entries and matcher items (memoized in-process, cached on disk)."""
    if os.path.isdir(path):
        raise TermqaError("is a directory, not a glossary file", path)
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        raise TermqaError("glossary file not found", path) from None
    except OSError as exc:
        raise TermqaError(f"cannot read glossary: {exc.strerror}", path) from None
    key = f"{os.path.abspath(path)}\0{stat.st_size}\0{stat.st_mtime_ns}"
    loaded = _FILES.get(key)
    if loaded is None:
        loaded = _read(path, stat, key, ja)
        _FILES[key] = loaded
    return loaded


def _read(path: str, stat: os.stat_result, key: str, ja: JaTools | None) -> LoadedFile:
    hit = cache.read(path, stat)
    if hit is not None:
        return LoadedFile(key, path, hit[0], hit[1])
    from termqa.glossary.parse import parse_glossary  # noqa: PLC0415  (PyYAML: cache misses only)

    entries = parse_glossary(read_glossary_text(path), path)
    tables = build_tables(entries, _normalize(entries, ja))
    cache.write(path, stat, entries, tables)
    return LoadedFile(key, path, entries, tables)


def _normalize(entries: list[Entry], ja: JaTools | None) -> dict[str, tuple[str, ...]]:
    strings = sorted({f for e in entries for f in e.forbidden if is_japanese(f)})
    if not strings:
        return {}
    from termqa.glossary.normalize import normalize_all  # noqa: PLC0415  (loads Sudachi)

    return normalize_all(strings, ja)
