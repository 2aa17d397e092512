"""Meta-tests: every rule documents itself, and its Bad/Good examples behave as documented."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import ROOT
from ruledoc import parse_spec

from termqa.api import Checker, check_text
from termqa.checks import ALL_RULES
from termqa.checks.base import Rule
from termqa.report.rules_doc import rules_markdown

CODE = re.compile(r"^[A-Z]{2}\d{2}$")
NAME = re.compile(r"^[a-z]+(?:-[a-z]+)*$")


def test_codes_and_names_are_unique_and_well_formed() -> None:
    codes = [r.code for r in ALL_RULES]
    names = [r.name for r in ALL_RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    assert all(CODE.match(c) for c in codes)
    assert all(NAME.match(n) for n in names)


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_rule_docstring_has_summary_why_bad_good(rule: Rule) -> None:
    spec = parse_spec(rule.doc)
    assert spec.summary.endswith(".")
    assert spec.why
    assert spec.bad.target != spec.good.target or spec.bad.source != spec.good.source


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_bad_example_fires_the_rule(rule: Rule, checker: Checker) -> None:
    spec = parse_spec(rule.doc)
    codes = {f.code for f in check_text(spec.bad.target, spec.bad.source, checker=checker)}
    assert rule.code in codes


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_good_example_fires_nothing(rule: Rule, checker: Checker) -> None:
    spec = parse_spec(rule.doc)
    findings = check_text(spec.good.target, spec.good.source, checker=checker)
    assert [f.message for f in findings] == []


def test_docs_rules_md_is_current() -> None:
    path = ROOT / "docs" / "rules.md"
    assert path.read_text(encoding="utf-8") == rules_markdown(ALL_RULES), (
        "docs/rules.md is stale: run `termqa rules --markdown > docs/rules.md`"
    )


def test_rule_command_prints_the_docstring() -> None:
    rule = ALL_RULES[0]
    out = subprocess.run(
        [sys.executable, "-m", "termqa", "rule", rule.code.lower()],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.startswith(f"{rule.code} {rule.name}")
    assert parse_spec(rule.doc).why.split()[0] in out
