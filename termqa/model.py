"""The data that flows through termqa: segments, documents, hits and findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    CRITICAL = "critical"
    MAJOR = "major"
    MINOR = "minor"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse; used for sorting and for --fail-on."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.MINOR: 1, Severity.MAJOR: 2, Severity.CRITICAL: 3}


class Category(StrEnum):
    NUMBER = "number"
    ACRONYM = "acronym"
    CASING = "casing"
    TERMINOLOGY = "terminology"
    CONSISTENCY = "consistency"
    TYPOGRAPHY = "typography"
    MARKUP = "markup"
    DUPLICATION = "duplication"
    STRUCTURE = "structure"
    STYLE = "style"


class SegmentKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    QUESTION = "question"
    ANSWER = "answer"
    METADATA = "metadata"


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of a file's text: `raw` as read, `text` with masked parts blanked out.

    `text` and `raw` always have the same length, so an offset into one is an offset into the
    other. `offsets`, when present, gives the file offset of each character (readers of quoted
    formats such as CSV need it, because a doubled quote is one character of text and two of
    the file); otherwise character i sits at file offset `start + i`.
    """

    raw: str
    text: str
    start: int
    offsets: tuple[int, ...] | None = None

    def file_offset(self, i: int) -> int:
        """File offset of character `i` (i may equal len(raw): the end of the span)."""
        if self.offsets is None:
            return self.start + i
        if i < len(self.offsets):
            return self.offsets[i]
        return (self.offsets[-1] + 1) if self.offsets else self.start

    def __len__(self) -> int:
        return len(self.raw)


@dataclass(frozen=True, slots=True)
class Segment:
    """One Japanese target block, with its English source block when one is known."""

    index: int
    kind: SegmentKind
    target: Span
    source: Span | None = None
    section: int = 0  # index of the section (paper) the segment belongs to

    @property
    def text(self) -> str:
        """The masked target text that checks read."""
        return self.target.text

    @property
    def source_text(self) -> str:
        """The masked source text, or '' when the segment has no source."""
        return self.source.text if self.source is not None else ""


@dataclass(frozen=True, slots=True)
class Unpaired:
    """A source block that no target block pairs with (reported, never skipped)."""

    source: Span
    anchor: int  # index of the nearest target segment, to place the finding
    source_path: str


@dataclass(frozen=True, slots=True)
class Document:
    path: str
    text: str
    layout: str
    segments: tuple[Segment, ...]
    source_path: str | None = None
    source_lowercased: bool = False
    unpaired: tuple[Unpaired, ...] = ()
    # Whether any segment has a source; computed once (checks ask it for every segment).
    bilingual: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "bilingual", any(s.source is not None for s in self.segments))


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check reports: offsets are into the segment's target text."""

    start: int
    end: int
    message: str
    source: str = ""
    suggestion: str | None = None
    fix: str | None = None  # replacement for target[start:end], when safe to apply


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    name: str
    category: Category
    severity: Severity
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    target: str
    source: str
    suggestion: str | None
    fix: str | None = field(default=None, compare=False)
    offset: int = field(default=0, compare=False)
    end_offset: int = field(default=0, compare=False)

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "category": str(self.category),
            "severity": str(self.severity),
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "message": self.message,
            "target": self.target,
            "source": self.source,
            "suggestion": self.suggestion,
        }
