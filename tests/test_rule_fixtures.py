"""Runs tests/fixtures/rules/<CODE>.yaml: cases that must fire that code, cases that must not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from termqa.api import Checker, check_text
from termqa.checks import RULES_BY_CODE

FIXTURES = Path(__file__).parent / "fixtures" / "rules"


def _cases() -> list[Any]:
    cases = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        code = path.stem
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for expect in ("fire", "silent"):
            for i, case in enumerate(data.get(expect) or []):
                cases.append(pytest.param(code, expect, case, id=f"{code}-{expect}-{i}"))
    return cases


def test_every_rule_has_a_fixture_file() -> None:
    assert sorted(p.stem for p in FIXTURES.glob("*.yaml")) == sorted(RULES_BY_CODE)


@pytest.mark.parametrize(("code", "expect", "case"), _cases())
def test_fixture(code: str, expect: str, case: dict[str, Any], checker: Checker) -> None:
    assert code in RULES_BY_CODE, f"fixture for unknown rule {code}"
    findings = check_text(case["target"], case.get("source"), checker=checker)
    mine = [f for f in findings if f.code == code]
    if expect == "silent":
        assert mine == [], [f.message for f in mine]
    elif "count" in case:
        assert len(mine) == case["count"], [f.message for f in findings]
    else:
        assert mine, [f.message for f in findings]
