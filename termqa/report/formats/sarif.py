"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers.

Columns are 1-based counts of characters (code points), so the run says
`columnKind: unicodeCodePoints` (SARIF's default would be UTF-16 code units). A region's
`endColumn` is exclusive, as our `end_column` is.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
from collections.abc import Sequence
from importlib import metadata
from urllib.parse import quote

from termqa.checks.base import Rule
from termqa.model import Finding, Severity
from termqa.report.model import Report

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {
    Severity.CRITICAL: "error",
    Severity.MAJOR: "error",
    Severity.MINOR: "warning",
    Severity.INFO: "note",
}


def render(report: Report, *, rules: Sequence[Rule] | None = None) -> str:
    """The SARIF log as JSON text; `rules` defaults to every rule termqa has."""
    if rules is None:
        from termqa.checks import ALL_RULES  # noqa: PLC0415

        rules = ALL_RULES
    return json.dumps(sarif_log(report, rules), ensure_ascii=False, indent=2) + "\n"


def sarif_log(report: Report, rules: Sequence[Rule]) -> dict[str, object]:
    index = {rule.code: i for i, rule in enumerate(rules)}
    results = [_result(f, index) for r in report.files for f in r.findings]
    run: dict[str, object] = {
        "tool": {"driver": _driver(rules)},
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {
            "files": [{"path": r.path, "score": r.score, "passed": r.passed} for r in report.files],
            "passed": report.passed,
        },
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _driver(rules: Sequence[Rule]) -> dict[str, object]:
    return {
        "name": "termqa",
        "version": _version(),
        "rules": [_rule(rule) for rule in rules],
    }


def _version() -> str:
    try:
        return metadata.version("termqa")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def _rule(rule: Rule) -> dict[str, object]:
    doc = inspect.cleandoc(rule.doc)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary or rule.name},
        "fullDescription": {"text": doc or rule.name},
        "help": {"text": doc or rule.name, "markdown": f"```text\n{doc}\n```"},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"category": str(rule.category), "severity": str(rule.severity)},
    }


def _result(f: Finding, index: dict[str, int]) -> dict[str, object]:
    result: dict[str, object] = {
        "ruleId": f.code,
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [{"physicalLocation": _physical(f)}],
        "partialFingerprints": {"termqaFinding/v1": _fingerprint(f)},
        "properties": {
            "name": f.name,
            "category": str(f.category),
            "severity": str(f.severity),
            "target": f.target,
            "source": f.source,
            "suggestion": f.suggestion,
        },
    }
    if f.code in index:
        result["ruleIndex"] = index[f.code]
    return result


def _physical(f: Finding) -> dict[str, object]:
    line, column = max(f.line, 1), max(f.column, 1)
    end_line = max(f.end_line, line)
    end_column = max(f.end_column, 1) if end_line > line else max(f.end_column, column)
    return {
        "artifactLocation": {"uri": artifact_uri(f.path)},
        "region": {
            "startLine": line,
            "startColumn": column,
            "endLine": end_line,
            "endColumn": end_column,
        },
    }


def artifact_uri(path: str) -> str:
    """A relative URI with '/' separators when the path is under the working directory."""
    if os.path.isabs(path):
        rel = os.path.relpath(path)
        if not rel.startswith(".."):
            path = rel
    return quote(path.replace(os.sep, "/"), safe="/:._-~")


def _fingerprint(f: Finding) -> str:
    """Code and evidence, not the line: survives lines moving."""
    key = "\x1f".join((f.code, f.path, f.target, f.source, f.message))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
