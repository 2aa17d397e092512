"""Glossary exchange formats: CSV, TSV, TBX, prh and DeepL entries, to and from our YAML.

Each format module has `read_<fmt>(text, path) -> (entries, warnings)`, refusing malformed
input with a TermqaError naming the line, and `write_<fmt>(entries) -> (text, losses)`,
where `losses` says what the format could not hold. The module docstrings document each
mapping. Nothing here is imported by `termqa check`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from importlib import import_module

from termqa.errors import TermqaError
from termqa.glossary.formats.yaml_out import render_yaml
from termqa.glossary.model import Entry

FORMATS = ("csv", "tsv", "tbx", "prh", "deepl")
_MODULES = {"csv": "csv_tsv", "tsv": "csv_tsv", "tbx": "tbx", "prh": "prh", "deepl": "deepl"}

Reader = Callable[[str, str], tuple[list[Entry], list[str]]]
Writer = Callable[[Sequence[Entry]], tuple[str, list[str]]]


def reader(fmt: str) -> Reader:
    reader_function: Reader = getattr(_module(fmt), f"read_{fmt}")
    return reader_function


def writer(fmt: str) -> Writer:
    writer_function: Writer = getattr(_module(fmt), f"write_{fmt}")
    return writer_function


def _module(fmt: str) -> object:
    if fmt not in _MODULES:
        raise TermqaError(f"unknown format '{fmt}' (choose from: {', '.join(FORMATS)})")
    return import_module(f"termqa.glossary.formats.{_MODULES[fmt]}")


def decode(data: bytes, path: str) -> str:
    """UTF-8 (a BOM allowed), or UTF-16 with a BOM (Excel's "Unicode text", some TBX)."""
    encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1 if encoding == "utf-8-sig" else None
        raise TermqaError("not valid UTF-8 (or UTF-16 with a BOM)", path, line) from None


def read_bytes(path: str) -> bytes:
    """An exchange or glossary file's bytes (size-limited; errors name the file)."""
    from termqa.readers.decode import read_bytes as read_file  # noqa: PLC0415

    return read_file(path, kind="exchange")


def load_layered(paths: Sequence[str]) -> list[Entry]:
    """Entries of glossary files, a later file's entry replacing an earlier one with the same
    term (as `termqa check` layers them), in first-seen order."""
    from termqa.glossary.parse import parse_glossary  # noqa: PLC0415

    merged: dict[str, Entry] = {}
    for path in paths:
        for entry in parse_glossary(decode(read_bytes(path), path), path):
            merged[entry.term] = entry
    return list(merged.values())


def export_glossaries(paths: Sequence[str], fmt: str) -> tuple[str, list[str]]:
    """The glossary files, layered, written in `fmt`; and what the format lost."""
    return writer(fmt)(load_layered(paths))


def import_file(path: str, fmt: str) -> tuple[str, list[str]]:
    """A file in `fmt` as glossary YAML, checked by the YAML loader; and warnings."""
    from termqa.glossary.parse import parse_glossary  # noqa: PLC0415

    source = decode(read_bytes(path), path)
    if not source.strip():
        raise TermqaError("empty file: nothing to import", path)
    entries, warnings = reader(fmt)(source, path)
    name = os.path.splitext(os.path.basename(path))[0]
    header = f"Imported from {os.path.basename(path)} ({fmt}) by `termqa glossary import`."
    text = render_yaml(entries, name=name, header=header)
    try:
        parse_glossary(text, "<imported>")
    except TermqaError as exc:
        raise TermqaError(f"the import would not be a valid glossary: {exc.detail}", path) from None
    return text, warnings
