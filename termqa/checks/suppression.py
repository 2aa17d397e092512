"""Suppression rules: findings about the `termqa-disable…` comments themselves.

These checks yield nothing on their own: the engine (termqa/engine.py, via termqa/suppress.py)
reads the directives after the other rules ran and produces SP01 and SP02 findings. The
functions exist so the rules have a code, a severity, documentation and can be selected,
ignored or re-graded like any other rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from termqa.checks.base import Context, Rule
from termqa.model import Category, Hit, Segment, Severity


def invalid_suppression(seg: Segment, ctx: Context) -> Iterator[Hit]:
    """A termqa-disable comment names no rule codes, or a code that is no rule.

    Why: a suppression must say what it silences, or it silences nothing while looking
    deliberate; a mistyped code hides the typo. The engine reports this, not the function.

    Bad:
        target: <!-- termqa-disable-next-line -->
    Good:
        target: 深層学習モデルの精度を向上させる。
    """
    return iter(())


def unused_suppression(seg: Segment, ctx: Context) -> Iterator[Hit]:
    """A termqa-disable comment names a rule that reported nothing where it applies.

    Why: stale suppressions hide future defects of that rule in that place; remove them once
    the text is fixed. The engine reports this, not the function.

    Bad:
        target: <!-- termqa-disable-next-line NM02 -->
    Good:
        target: 深層学習モデルの精度を向上させる。
    """
    return iter(())


RULES: tuple[Rule, ...] = (
    Rule("SP01", "invalid-suppression", Category.STYLE, Severity.MAJOR, check=invalid_suppression),
    Rule("SP02", "unused-suppression", Category.STYLE, Severity.MINOR, check=unused_suppression),
)
