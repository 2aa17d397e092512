"""Results of a run: per-file results and the summary every output format prints."""

from __future__ import annotations

from dataclasses import dataclass

from termqa.model import Finding


@dataclass(frozen=True, slots=True)
class FileResult:
    path: str
    layout: str
    segments: int
    size: int  # English words when a source exists, else Japanese characters
    findings: tuple[Finding, ...]
    score: float
    passed: bool

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "layout": self.layout,
            "segments": self.segments,
            "score": self.score,
            "passed": self.passed,
            "findings": [f.to_json() for f in self.findings],
        }


@dataclass(frozen=True, slots=True)
class Report:
    files: tuple[FileResult, ...]

    @property
    def passed(self) -> bool:
        return all(f.passed for f in self.files)

    def summary(self) -> dict[str, int]:
        failed = sum(1 for f in self.files if not f.passed)
        return {
            "files": len(self.files),
            "findings": sum(len(f.findings) for f in self.files),
            "passed": len(self.files) - failed,
            "failed": failed,
        }

    def to_json(self) -> dict[str, object]:
        return {
            "version": 1,
            "files": [f.to_json() for f in self.files],
            "summary": self.summary(),
        }
