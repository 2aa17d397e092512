"""The benchmark's inputs: the English digest, its correct Japanese translation and the defects.

`planted.ja.md` is `correct.ja.md` with each defect of `defects.yaml` applied: a defect replaces
one exact string on one line, at most one defect a line, so a finding's line names its defect.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

INPUTS = Path(__file__).resolve().parent / "inputs"
SOURCE = "digest.en.md"
CORRECT = "correct.ja.md"
PLANTED = "planted.ja.md"
CATEGORIES = (
    "number",
    "acronym",
    "casing",
    "glossary",
    "consistency",
    "typography",
    "duplication",
    "qa",
    "markup",
)
_FIELDS = ("id", "category", "line", "original", "replacement", "description")


@dataclass(frozen=True, slots=True)
class Defect:
    id: str
    category: str
    line: int  # 1-based line of correct.ja.md (and of planted.ja.md: no line is added)
    original: str
    replacement: str
    description: str


def load_defects(path: Path = INPUTS / "defects.yaml") -> tuple[Defect, ...]:
    """The planted defects, checked for their fields and categories."""
    import yaml  # noqa: PLC0415 - termqa's own dependency, only needed here

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    defects: list[Defect] = []
    for raw in data["defects"]:
        if sorted(raw) != sorted(_FIELDS):
            raise ValueError(f"{path}: defect {raw.get('id')!r} needs exactly the fields {_FIELDS}")
        defect = Defect(
            str(raw["id"]),
            str(raw["category"]),
            int(raw["line"]),
            str(raw["original"]),
            str(raw["replacement"]),
            str(raw["description"]),
        )
        if defect.category not in CATEGORIES:
            raise ValueError(f"{path}: defect {defect.id} has unknown category {defect.category!r}")
        defects.append(defect)
    return tuple(defects)


def apply_defects(correct: str, defects: tuple[Defect, ...]) -> str:
    """`correct` with every defect applied; each must hit exactly once on a line of its own."""
    lines = correct.split("\n")
    seen: dict[int, str] = {}
    for defect in defects:
        if defect.line in seen:
            raise ValueError(
                f"defects {seen[defect.line]} and {defect.id} share line {defect.line}"
            )
        seen[defect.line] = defect.id
        if not 1 <= defect.line <= len(lines):
            raise ValueError(f"defect {defect.id}: line {defect.line} is outside the text")
        text = lines[defect.line - 1]
        if text.count(defect.original) != 1:
            raise ValueError(
                f"defect {defect.id}: {defect.original!r} occurs {text.count(defect.original)} "
                f"times on line {defect.line}, not once"
            )
        if correct.count(defect.original) != 1:
            raise ValueError(f"defect {defect.id}: {defect.original!r} is not unique in the text")
        lines[defect.line - 1] = text.replace(defect.original, defect.replacement)
    return "\n".join(lines)


def prepare(directory: Path) -> dict[str, Path]:
    """Write the source, the correct and the planted digest into `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    correct = (INPUTS / CORRECT).read_text(encoding="utf-8")
    texts = {
        SOURCE: (INPUTS / SOURCE).read_text(encoding="utf-8"),
        CORRECT: correct,
        PLANTED: apply_defects(correct, load_defects()),
    }
    paths: dict[str, Path] = {}
    for name, text in texts.items():
        paths[name] = directory / name
        paths[name].write_text(text, encoding="utf-8")
    return paths
