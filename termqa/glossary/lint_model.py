"""What `termqa glossary lint` reports, shared by lint, edit and merge."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    ERROR = "error"  # exit 1; an edit producing one is refused
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class LintIssue:
    path: str
    line: int
    code: str  # kebab-case kind, e.g. "duplicate-term", "near-duplicate", "failing-example"
    level: Level
    message: str

    def render(self) -> str:
        return f"{self.path}:{self.line}: {self.level}: {self.message} [{self.code}]"

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "code": self.code,
            "level": str(self.level),
            "message": self.message,
        }
