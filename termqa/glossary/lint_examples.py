"""Entries' examples run through the real checker, like prh's specs.

A bad example must produce the finding its entry implies: GL01 for a do-not-translate entry,
GL02 for a translated one, naming the entry; with an English source (`{en, ja}`) any GL
finding counts, since the source can also bring GL03. A good example must produce no GL
finding at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from termqa.glossary.lint_checks import issue
from termqa.glossary.lint_model import Level, LintIssue
from termqa.glossary.model import Entry, Example, Kind

if TYPE_CHECKING:
    from termqa.api import Checker
    from termqa.glossary.index import Glossary
    from termqa.model import Finding

CODE = "failing-example"
_EXPECTED = {Kind.KEEP: "GL01", Kind.TRANSLATE: "GL02"}


def make_checker(glossary: Glossary) -> Checker:
    """A checker running only the glossary rules, sharing the glossary compiler's Sudachi."""
    from termqa.api import Checker  # noqa: PLC0415  (rules and Sudachi: only when needed)
    from termqa.config import Config  # noqa: PLC0415
    from termqa.glossary.normalize import shared_tools  # noqa: PLC0415

    return Checker(config=Config(select=("GL",)), glossary=glossary, ja=shared_tools())


def example_issues(entries: Sequence[Entry], checker: Checker) -> list[LintIssue]:
    """An error for each example of `entries` that the checker does not judge as labelled."""
    issues = []
    for entry in entries:
        for example in entry.bad:
            problem = _bad_problem(entry, example, _findings(example, checker))
            if problem:
                issues.append(issue(entry, CODE, Level.ERROR, problem))
        for example in entry.good:
            findings = _findings(example, checker)
            if findings:
                message = f"good example {_quote(example)} of '{entry.term}' produces " + (
                    "; ".join(f"{f.code} ({f.message})" for f in findings)
                )
                issues.append(issue(entry, CODE, Level.ERROR, message))
    return issues


def _findings(example: Example, checker: Checker) -> list[Finding]:
    from termqa.api import check_text  # noqa: PLC0415

    findings = check_text(example.ja, example.en, checker=checker)
    return [f for f in findings if f.code.startswith("GL")]


def _bad_problem(entry: Entry, example: Example, findings: list[Finding]) -> str | None:
    """What is wrong with the checker's verdict on a bad example, or None."""
    what = f"bad example {_quote(example)} of '{entry.term}'"
    if example.en is not None:
        return None if findings else f"{what} produces no GL finding"
    code = _EXPECTED[entry.kind]
    named = f"'{entry.term}'"
    if any(f.code == code and named in f.message for f in findings):
        return None
    if not findings:
        return f"{what} produces no {code} finding"
    others = "; ".join(f"{f.code} ({f.message})" for f in findings)
    return f"{what} produces no {code} finding for it, only {others}"


def _quote(example: Example, limit: int = 40) -> str:
    text = example.ja if len(example.ja) <= limit else example.ja[: limit - 1] + "…"
    return f"'{text}'" + (" (with source)" if example.en is not None else "")
