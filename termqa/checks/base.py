"""What a rule is, and the read-only context every check receives."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from termqa.model import Category, Document, Hit, Segment, Severity

if TYPE_CHECKING:
    from termqa.config import Config
    from termqa.glossary.model import Glossary
    from termqa.text.ja import JaTools

T = TypeVar("T")

SegmentCheck = Callable[[Segment, "Context"], Iterable[Hit]]
DocumentCheck = Callable[[Document, "Context"], Iterable[tuple[Segment, Hit]]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule: metadata plus one pure check function whose docstring is the rule's spec.

    Exactly one of `check` (per segment) and `check_document` (whole document) is set.
    `needs_source` rules run only on segments that have an English source.
    """

    code: str
    name: str
    category: Category
    severity: Severity
    check: SegmentCheck | None = None
    check_document: DocumentCheck | None = None
    needs_source: bool = False

    @property
    def doc(self) -> str:
        func = self.check or self.check_document
        return (func.__doc__ or "") if func is not None else ""

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else ""


@dataclass(slots=True)
class Context:
    """Read-only inputs of the checks, plus a per-run memo so rules of one family can share
    an expensive analysis of a segment (e.g. the number alignment) without module state."""

    doc: Document
    glossary: Glossary
    config: Config
    ja: JaTools
    _memo: dict[tuple[str, int], Any] = field(default_factory=dict)

    def memo(self, key: str, seg: Segment, compute: Callable[[Segment, Context], T]) -> T:
        slot = (key, seg.index)
        if slot not in self._memo:
            self._memo[slot] = compute(seg, self)
        result: T = self._memo[slot]
        return result

    def memo_doc(self, key: str, compute: Callable[[Context], T]) -> T:
        slot = (key, -1)
        if slot not in self._memo:
            self._memo[slot] = compute(self)
        result: T = self._memo[slot]
        return result
