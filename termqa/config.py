"""Run configuration: which rules run, at what severity, and what fails the gate."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from termqa.errors import TermqaError
from termqa.model import Severity


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()  # codes or family prefixes; empty = all rules
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=lambda: MappingProxyType({}))
    fail_on: Severity = Severity.MAJOR  # a finding at or above this severity fails the file
    glossaries: tuple[str, ...] = ()
    default_glossary: bool = True
    style: str = "jtf"  # house-style preset for the typography rules (termqa/style.py)

    def selects(self, code: str) -> bool:
        if self.select and not any(code.startswith(p) for p in self.select):
            return False
        return not any(code.startswith(p) for p in self.ignore)


def parse_codes(value: str | Iterable[str], known: Iterable[str]) -> tuple[str, ...]:
    """Split a comma list of codes or prefixes, refusing any that matches no rule."""
    items = value.split(",") if isinstance(value, str) else list(value)
    codes = tuple(c.strip().upper() for c in items if c.strip())
    known_codes = tuple(known)
    for code in codes:
        if not any(k.startswith(code) for k in known_codes):
            raise TermqaError(f"unknown rule code or prefix '{code}' (see 'termqa rules')")
    return codes
