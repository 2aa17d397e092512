"""Reading glossary files for the lint: every schema error, not just the first.

`parse_glossary` stops at the first error, which is right for `check`; the lint instead checks
each entry on its own (with the parser's own entry builder, so the two never disagree) and
keeps the valid entries for the other checks. Duplicate terms are left to the lint's duplicate
check, which names both lines.
"""

from __future__ import annotations

import yaml

from termqa.glossary.lint_model import Level, LintIssue
from termqa.glossary.model import Entry

# The parser's entry builder and error type: one definition of the schema for both.
from termqa.glossary.parse import _entry, _Error, _string, compose

_TOP_KEYS = ("version", "name", "description", "entries")
SCHEMA = "schema-error"


def parse_lenient(text: str, path: str) -> tuple[list[Entry], list[LintIssue]]:
    """The valid entries of a glossary document and a schema error for each invalid part.

    Invalid YAML cannot be linted at all: a TermqaError naming the line.
    """
    root = compose(text, path)
    if root is None:
        return [], [_issue(path, 1, "empty glossary (expected 'version' and 'entries')")]
    if not isinstance(root, yaml.MappingNode):
        return [], [_issue(path, _line(root), "the glossary must be a mapping with 'entries'")]
    issues: list[LintIssue] = []
    items = _top(root, path, issues)
    entries: list[Entry] = []
    for node in items.value if items is not None else ():
        try:
            entries.append(_entry(node, path))
        except _Error as exc:
            issues.append(_issue(path, exc.line, str(exc)))
    return entries, issues


def _top(root: yaml.MappingNode, path: str, issues: list[LintIssue]) -> yaml.SequenceNode | None:
    """Checks the top-level keys; the `entries` list if there is one."""
    seen: set[str] = set()
    entries: yaml.Node | None = None
    for key_node, value in root.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        where = _line(key_node)
        if key not in _TOP_KEYS:
            expected = ", ".join(_TOP_KEYS)
            issues.append(_issue(path, where, f"unknown key '{key}' (expected one of: {expected})"))
        elif key in seen:
            issues.append(_issue(path, where, f"duplicate key '{key}'"))
        elif key == "version" and not (isinstance(value, yaml.ScalarNode) and value.value == "1"):
            issues.append(_issue(path, _line(value), "unsupported glossary version (expected 1)"))
        elif key == "name" and (problem := _not_string(value)) is not None:
            issues.append(_issue(path, problem.line, str(problem)))
        elif key == "entries":
            entries = value
        if key is not None:
            seen.add(key)
    if entries is None:
        issues.append(_issue(path, _line(root), "the glossary has no 'entries' list"))
        return None
    if not isinstance(entries, yaml.SequenceNode):
        issues.append(_issue(path, _line(entries), "'entries' must be a list of entries"))
        return None
    return entries


def _not_string(node: yaml.Node) -> _Error | None:
    try:
        _string(node, "name")
    except _Error as exc:
        return exc
    return None


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _issue(path: str, line: int, message: str) -> LintIssue:
    return LintIssue(path, line, SCHEMA, Level.ERROR, message)
