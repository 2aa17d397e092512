"""Configuration files: `termqa.toml` (top-level keys) or `[tool.termqa]` in pyproject.toml.

Found by walking up from the first checked path: in each directory `termqa.toml` is tried,
then a `pyproject.toml` that has a `[tool.termqa]` table; the first found wins. Values are
validated here; every problem is a TermqaError naming the file and the key. The schema is
documented in docs/config.md.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from termqa.errors import TermqaError
from termqa.model import Severity

KEYS = (
    "glossaries",
    "default-glossary",
    "select",
    "ignore",
    "severity",
    "style",
    "pairs",
    "gate",
    "max-file-size",
)
GATE_KEYS = ("fail-on", "min-score", "max-critical", "max-major", "max-minor", "max-info")
_TOML_LINE = re.compile(r"at line (\d+)")


def find_config(start: str) -> str | None:
    """The nearest termqa.toml, or pyproject.toml with [tool.termqa], at or above `start`."""
    directory = Path(start).resolve()
    if not directory.is_dir():
        directory = directory.parent
    for folder in (directory, *directory.parents):
        own = folder / "termqa.toml"
        if own.is_file():
            return str(own)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _table(str(pyproject)) is not None:
            return str(pyproject)
    return None


def load_settings(path: str, known_codes: tuple[str, ...]) -> dict[str, Any]:
    """The Config keyword arguments a configuration file sets (only those it sets)."""
    table = _table(path)
    if table is None:
        raise TermqaError("no [tool.termqa] table", path)
    prefix = "tool.termqa." if os.path.basename(path) == "pyproject.toml" else ""
    return _Validator(path, prefix, known_codes).settings(table)


def _table(path: str) -> dict[str, Any] | None:
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        line = int(match.group(1)) if match else None
        raise TermqaError(f"invalid TOML: {exc}", path, line) from None
    except UnicodeDecodeError as exc:  # tomllib decodes the bytes itself
        raise TermqaError(f"invalid TOML: not valid UTF-8 ({exc.reason})", path) from None
    except OSError as exc:
        raise TermqaError(f"cannot read configuration: {exc.strerror or exc}", path) from None
    if os.path.basename(path) != "pyproject.toml":
        return data
    table = data.get("tool", {}).get("termqa")
    return table if isinstance(table, dict) else None


class _Validator:
    def __init__(self, path: str, prefix: str, known_codes: tuple[str, ...]) -> None:
        self.path = path
        self.prefix = prefix
        self.known = known_codes
        self.base = os.path.dirname(os.path.abspath(path))

    def error(self, key: str, message: str) -> TermqaError:
        return TermqaError(f"key '{self.prefix}{key}': {message}", self.path)

    def settings(self, table: dict[str, Any]) -> dict[str, Any]:
        for key in table:
            if key not in KEYS:
                raise self.error(key, f"unknown key (known keys: {', '.join(KEYS)})")
        out: dict[str, Any] = {}
        if "glossaries" in table:
            names = self.strings("glossaries", table["glossaries"])
            out["glossaries"] = tuple(os.path.join(self.base, n) for n in names)
        if "default-glossary" in table:
            if not isinstance(table["default-glossary"], bool):
                raise self.error("default-glossary", "must be true or false")
            out["default_glossary"] = table["default-glossary"]
        for key in ("select", "ignore"):
            if key in table:
                out[key] = self.codes(key, table[key])
        if "severity" in table:
            out["severity"] = self.severities(table["severity"])
        if "style" in table:
            out["style"] = self.style(table["style"])
        if "pairs" in table:
            out["pairs"] = self.pairs(table["pairs"])
        if "gate" in table:
            out.update(self.gate(table["gate"]))
        if "max-file-size" in table:
            out["max_file_size"] = self.size("max-file-size", table["max-file-size"])
        return out

    def size(self, key: str, value: object) -> int:
        from termqa.config import parse_size  # noqa: PLC0415

        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        if isinstance(value, str):
            try:
                return parse_size(value)
            except TermqaError as exc:
                raise self.error(key, exc.detail) from None
        raise self.error(key, 'must be a size in bytes, or a string such as "16M" (0: no limit)')

    def strings(self, key: str, value: object) -> tuple[str, ...]:
        if isinstance(value, str):
            value = value.split(",")
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(key, "must be a list of strings")
        return tuple(v.strip() for v in value if v.strip())

    def codes(self, key: str, value: object) -> tuple[str, ...]:
        codes = tuple(c.upper() for c in self.strings(key, value))
        for code in codes:
            if not any(k.startswith(code) for k in self.known):
                raise self.error(key, f"unknown rule code or prefix '{code}'")
        return codes

    def severity_value(self, key: str, value: object) -> Severity:
        try:
            return Severity(str(value).lower()) if isinstance(value, str) else Severity("")
        except ValueError:
            known = ", ".join(s.value for s in Severity)
            raise self.error(key, f"invalid severity {value!r} (choose from: {known})") from None

    def severities(self, value: object) -> Mapping[str, Severity]:
        if not isinstance(value, dict):
            raise self.error("severity", "must be a table of rule code = severity")
        out: dict[str, Severity] = {}
        for code, level in value.items():
            if code.upper() not in self.known:
                raise self.error(f"severity.{code}", f"unknown rule code '{code}'")
            out[code.upper()] = self.severity_value(f"severity.{code}", level)
        return MappingProxyType(out)

    def style(self, value: object) -> str:
        from termqa.style import resolve_style  # noqa: PLC0415

        if not isinstance(value, str):
            raise self.error("style", "must be a string")
        try:
            return resolve_style(value).name
        except TermqaError as exc:
            raise self.error("style", exc.detail) from None

    def pairs(self, value: object) -> tuple[tuple[str, str], ...]:
        if not isinstance(value, dict):
            raise self.error("pairs", 'must be a table of "target glob" = "source glob"')
        out: list[tuple[str, str]] = []
        for target, source in value.items():
            key = f"pairs.{target}"
            if not isinstance(source, str) or target.count("*") != 1 or source.count("*") != 1:
                raise self.error(key, "each side must be a file name pattern with one '*'")
            if "/" in target or "/" in source:
                raise self.error(key, "patterns name files in one directory (no '/')")
            out.append((target, source))
        return tuple(out)

    def gate(self, value: object) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.error("gate", "must be a table")
        out: dict[str, Any] = {}
        counts: dict[Severity, int] = {}
        for key, item in value.items():
            name = f"gate.{key}"
            if key not in GATE_KEYS:
                raise self.error(name, f"unknown key (known keys: {', '.join(GATE_KEYS)})")
            if key == "fail-on":
                out["fail_on"] = self.severity_value(name, item)
            elif key == "min-score":
                if (
                    isinstance(item, bool)
                    or not isinstance(item, int | float)
                    or not 0 <= item <= 100
                ):
                    raise self.error(name, "must be a number from 0 to 100")
                out["min_score"] = float(item)
            else:
                if isinstance(item, bool) or not isinstance(item, int) or item < 0:
                    raise self.error(name, "must be a whole number, 0 or more")
                counts[Severity(key.removeprefix("max-"))] = item
        if counts:
            out["max_counts"] = MappingProxyType(counts)
        return out


STARTER = """\
# termqa configuration (docs/config.md). Paths are relative to this file.
# Every key is optional; command-line options override these values.

# Extra glossaries, loaded after the shipped one (set default-glossary = false to drop it).
# glossaries = ["glossary/team.yaml"]
# default-glossary = true

# Rules to run and to skip: codes or family prefixes (see `termqa rules`).
# select = ["NM", "AC", "GL"]
# ignore = ["DU02"]

# House-style preset for the typography rules: jtf, technical, spaced, academic, permissive.
style = "jtf"

# Severity per rule code: critical, major, minor or info.
# [severity]
# TY03 = "info"

# Source pairing: a Japanese file name pattern and its English source's, one '*' each.
# [pairs]
# "*.ja.md" = "*.en.md"

# Largest file read, in bytes or with K/M/G; larger files are refused (0: no limit).
# max-file-size = "16M"

# What fails a file (exit code 1).
[gate]
fail-on = "major"     # any finding at or above this severity fails
# min-score = 90      # a score (0-100) below this fails
# max-critical = 0    # more findings of a severity than this fails
# max-minor = 20
"""


def write_starter(directory: str, *, force: bool = False) -> str:
    """Write STARTER to DIRECTORY/termqa.toml atomically; refuse to overwrite unless `force`."""
    from termqa.glossary.atomic import write_atomic  # noqa: PLC0415

    if not os.path.isdir(directory):
        raise TermqaError("no such directory", directory)
    path = os.path.join(directory, "termqa.toml")
    if os.path.exists(path) and not force:
        raise TermqaError("already exists (use --force to overwrite)", path)
    write_atomic(path, STARTER)
    return path
