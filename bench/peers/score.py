"""Scoring: a defect is found when a tool reports on its line a rule it does not report there
on the correct digest; every finding on the correct digest is a false alarm."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bench.peers.inputs import CATEGORIES, Defect


@dataclass(frozen=True, slots=True, order=True)
class Hit:
    line: int  # 1-based line of the Japanese digest
    rule: str  # the tool's rule id


@dataclass(frozen=True, slots=True)
class Score:
    found: tuple[str, ...]  # ids of the defects found
    missed: tuple[str, ...]
    per_category: dict[str, int]  # defects found, by category
    false_alarms: int
    planted_findings: int


def found_on_line(defect: Defect, planted: Iterable[Hit], correct: Iterable[Hit]) -> set[str]:
    """The rules that report on the defect's line of the planted digest and not of the correct."""
    before = {hit.rule for hit in correct if hit.line == defect.line}
    return {hit.rule for hit in planted if hit.line == defect.line and hit.rule not in before}


def score(defects: tuple[Defect, ...], planted: list[Hit], correct: list[Hit]) -> Score:
    found = [d.id for d in defects if found_on_line(d, planted, correct)]
    per_category = dict.fromkeys(CATEGORIES, 0)
    for defect in defects:
        if defect.id in found:
            per_category[defect.category] += 1
    return Score(
        found=tuple(found),
        missed=tuple(d.id for d in defects if d.id not in found),
        per_category=per_category,
        false_alarms=len(correct),
        planted_findings=len(planted),
    )
