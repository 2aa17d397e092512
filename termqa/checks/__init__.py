"""The rule registry: an explicit tuple, in report order of families."""

from __future__ import annotations

from termqa.checks import (
    acronyms,
    casing,
    consistency,
    duplication,
    glossary,
    markup,
    numbers,
    qa,
    structure,
    suppression,
    typography,
)
from termqa.checks.base import Rule

ALL_RULES: tuple[Rule, ...] = (
    *numbers.RULES,
    *acronyms.RULES,
    *casing.RULES,
    *glossary.RULES,
    *consistency.RULES,
    *typography.RULES,
    *markup.RULES,
    *duplication.RULES,
    *structure.RULES,
    *qa.RULES,
    *suppression.RULES,
)

RULES_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in ALL_RULES}
