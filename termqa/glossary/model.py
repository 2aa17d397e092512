"""Glossary entries as loaded from YAML (see README, "Glossary format")."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # The compiled glossary lives in index.py; re-exported for annotations only.
    from termqa.glossary.index import Glossary as Glossary  # noqa: PLC0414  (explicit re-export)


class Kind(StrEnum):
    KEEP = "keep"  # do-not-translate: stays verbatim in Latin script
    TRANSLATE = "translate"


class Scope(StrEnum):
    ALWAYS = "always"  # a forbidden rendering is wrong wherever it appears
    SOURCE = "source"  # only wrong where the English source contains the term


@dataclass(frozen=True, slots=True)
class Example:
    ja: str
    en: str | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    term: str
    kind: Kind
    ja: tuple[str, ...] = ()  # approved renderings; the first is preferred
    forbidden: tuple[str, ...] = ()
    forbidden_scope: Scope = Scope.ALWAYS
    case_sensitive: bool = True
    aliases: tuple[str, ...] = ()
    expansion: str | None = None
    note: str | None = None
    bad: tuple[Example, ...] = ()
    good: tuple[Example, ...] = ()
    path: str = "<memory>"
    line: int = 0

    @property
    def english_forms(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)
