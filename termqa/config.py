"""Run configuration: which rules run, at what severity, and what fails the gate."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from types import MappingProxyType

from termqa.errors import TermqaError
from termqa.model import Finding, Severity
from termqa.readers.decode import DEFAULT_MAX_FILE_SIZE

_SIZE_UNITS = MappingProxyType({"": 1, "K": 1024, "M": 1024**2, "G": 1024**3})
_SIZE = re.compile(r"([0-9]+) *([kKmMgG]?)(?:i?[bB])?")


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()  # codes or family prefixes; empty = all rules
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=lambda: MappingProxyType({}))
    fail_on: Severity = Severity.MAJOR  # a finding at or above this severity fails the file
    glossaries: tuple[str, ...] = ()
    default_glossary: bool = True
    style: str = "jtf"  # house-style preset for the typography rules (termqa/style.py)
    min_score: float | None = None  # a file scoring below this fails
    max_counts: Mapping[Severity, int] = field(default_factory=lambda: MappingProxyType({}))
    pairs: tuple[tuple[str, str], ...] = ()  # (target glob, source glob), e.g. *.ja.md → *.en.md
    max_file_size: int = DEFAULT_MAX_FILE_SIZE  # bytes; a larger file is refused; 0: no limit

    def selects(self, code: str) -> bool:
        if self.select and not any(code.startswith(p) for p in self.select):
            return False
        return not any(code.startswith(p) for p in self.ignore)

    def passes(self, findings: Sequence[Finding], score: float) -> bool:
        """The gate: no finding at or above `fail_on`, score at least `min_score`, and no
        more findings of a severity than its maximum."""
        if any(f.severity.rank >= self.fail_on.rank for f in findings):
            return False
        if self.min_score is not None and score < self.min_score:
            return False
        for severity, limit in self.max_counts.items():
            if sum(1 for f in findings if f.severity == severity) > limit:
                return False
        return True

    def source_for(self, path: str) -> str | None:
        """The English source the `pairs` patterns give for `path`, if that file exists."""
        directory, name = os.path.split(path)
        for target, source in self.pairs:
            stem = _glob_stem(name, target)
            if stem is not None:
                candidate = os.path.join(directory, source.replace("*", stem, 1))
                if os.path.isfile(candidate) and candidate != path:
                    return candidate
        return None

    def drop_sources(self, files: Sequence[str]) -> list[str]:
        """`files` without those that `pairs` makes the source of another file in the list."""
        sources = {os.path.normpath(s) for f in files if (s := self.source_for(f)) is not None}
        return [f for f in files if os.path.normpath(f) not in sources]


def _glob_stem(name: str, pattern: str) -> str | None:
    """What the single `*` of `pattern` stands for in `name`, or None when it does not match."""
    if not fnmatchcase(name, pattern):
        return None
    head, _, tail = pattern.partition("*")
    return name[len(head) : len(name) - len(tail)]


def parse_codes(value: str | Iterable[str], known: Iterable[str]) -> tuple[str, ...]:
    """Split a comma list of codes or prefixes, refusing any that matches no rule."""
    items = value.split(",") if isinstance(value, str) else list(value)
    codes = tuple(c.strip().upper() for c in items if c.strip())
    known_codes = tuple(known)
    for code in codes:
        if not any(k.startswith(code) for k in known_codes):
            raise TermqaError(f"unknown rule code or prefix '{code}' (see 'termqa rules')")
    return codes


def parse_size(value: str) -> int:
    """Bytes from `16777216`, `512K`, `16M` or `1G` (binary units; `16MB`, `16MiB` too)."""
    match = _SIZE.fullmatch(value.strip())
    if match is None:
        raise TermqaError(
            f"invalid size '{value}' (bytes, or a number with K, M or G, e.g. 16M; 0: no limit)"
        )
    return int(match.group(1)) * _SIZE_UNITS[match.group(2).upper()]
