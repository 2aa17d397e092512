"""The rule registry: an explicit tuple, in report order of families."""

from __future__ import annotations

from termqa.checks import structure
from termqa.checks.base import Rule

ALL_RULES: tuple[Rule, ...] = (*structure.RULES,)

RULES_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in ALL_RULES}
