"""Parses the Why/Bad/Good spec out of a rule's docstring (shared by the meta-tests)."""

from __future__ import annotations

import inspect
from dataclasses import dataclass


@dataclass(frozen=True)
class Example:
    target: str
    source: str | None


@dataclass(frozen=True)
class RuleSpec:
    summary: str
    why: str
    bad: Example
    good: Example


def parse_spec(doc: str) -> RuleSpec:
    lines = inspect.cleandoc(doc).splitlines()
    sections: dict[str, list[str]] = {}
    current = ""
    for line in lines[1:]:
        head = line.split(":", 1)[0]
        if not line.startswith(" ") and head in {"Why", "Bad", "Good"}:
            current = head
            sections[current] = [line.split(":", 1)[1].strip()]
        elif current:
            sections[current].append(line)
    return RuleSpec(
        summary=lines[0],
        why=" ".join(x.strip() for x in sections.get("Why", [])).strip(),
        bad=_example(sections.get("Bad", [])),
        good=_example(sections.get("Good", [])),
    )


def _example(lines: list[str]) -> Example:
    fields: dict[str, str] = {}
    for line in lines:
        key, sep, value = line.strip().partition(":")
        if sep and key in {"source", "target"}:
            fields[key] = value.strip().replace("\\n", "\n")  # "\n" spells a line break
    if "target" not in fields:
        raise ValueError("example has no 'target:' line")
    return Example(target=fields["target"], source=fields.get("source"))
