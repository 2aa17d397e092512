"""GitHub Actions workflow commands: one annotation per finding, one notice per file.

`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE name::message`; data escapes
`%`, CR and LF, and property values additionally escape `:` and `,`, as the runner expects.
"""

from __future__ import annotations

from termqa.model import Finding, Severity
from termqa.report.model import FileResult, Report

COMMANDS = {
    Severity.CRITICAL: "error",
    Severity.MAJOR: "error",
    Severity.MINOR: "warning",
    Severity.INFO: "notice",
}


def render(report: Report) -> str:
    out: list[str] = []
    for result in report.files:
        out.extend(annotation(f) for f in result.findings)
        out.append(file_notice(result))
    return "".join(line + "\n" for line in out)


def annotation(f: Finding) -> str:
    props = {
        "file": f.path,
        "line": str(f.line),
        "col": str(f.column),
        "endLine": str(max(f.end_line, f.line)),
        "endColumn": str(f.end_column),
        "title": f"{f.code} {f.name}",
    }
    message = f"{f.message} [{f.severity}]"
    if f.suggestion is not None:
        message += f" (suggestion: {f.suggestion})"
    return _command(COMMANDS[f.severity], props, message)


def file_notice(result: FileResult) -> str:
    verdict = "passed" if result.passed else "FAILED"
    message = f"score {result.score:.2f}, {verdict}, {len(result.findings)} finding(s)"
    return _command("notice", {"file": result.path, "title": "termqa score"}, message)


def _command(name: str, props: dict[str, str], message: str) -> str:
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props.items())
    return f"::{name} {joined}::{escape_data(message)}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
