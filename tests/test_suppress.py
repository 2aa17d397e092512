"""Inline suppressions: next-line, block, file-level, prefixes, unused and invalid ones."""

from __future__ import annotations

from termqa.api import Checker, check_text
from termqa.config import Config

BAD = "ＧＰＵを使う。"  # TY02: full-width Latin


def codes(text: str, checker: Checker) -> list[str]:
    return [f.code for f in check_text(text, checker=checker)]


def test_unsuppressed_defect_fires(checker: Checker) -> None:
    assert codes(BAD, checker) == ["TY02"]


def test_next_line_silences_the_next_non_blank_line_only(checker: Checker) -> None:
    text = f"<!-- termqa-disable-next-line TY02 -->\n\n{BAD}\n\n{BAD}\n"
    found = check_text(text, checker=checker)
    assert [(f.code, f.line) for f in found] == [("TY02", 5)]


def test_prefix_and_several_codes(checker: Checker) -> None:
    assert codes(f"<!-- termqa-disable-next-line TY -->\n{BAD}", checker) == []
    assert codes(f"<!-- termqa-disable-next-line NM02, TY02 -->\n{BAD}", checker) == ["SP02"]


def test_lowercase_codes_are_accepted(checker: Checker) -> None:
    assert codes(f"<!-- termqa-disable-next-line ty02 -->\n{BAD}", checker) == []


def test_block_until_enable(checker: Checker) -> None:
    text = f"<!-- termqa-disable TY02 -->\n{BAD}\n{BAD}\n<!-- termqa-enable TY02 -->\n{BAD}\n"
    found = check_text(text, checker=checker)
    assert [(f.code, f.line) for f in found] == [("TY02", 5)]


def test_bare_enable_closes_every_block(checker: Checker) -> None:
    text = f"<!-- termqa-disable TY02 -->\n{BAD}\n<!-- termqa-enable -->\n{BAD}\n"
    assert [(f.code, f.line) for f in check_text(text, checker=checker)] == [("TY02", 4)]


def test_unclosed_block_runs_to_the_end(checker: Checker) -> None:
    assert codes(f"{BAD}\n<!-- termqa-disable TY -->\n{BAD}\n{BAD}\n", checker) == ["TY02"]


def test_file_level(checker: Checker) -> None:
    assert codes(f"{BAD}\n{BAD}\n<!-- termqa-disable-file TY02 -->\n", checker) == []


def test_unused_suppression_is_reported(checker: Checker) -> None:
    found = check_text("<!-- termqa-disable-next-line NM02 -->\nモデルを使う。", checker=checker)
    assert [(f.code, f.line) for f in found] == [("SP02", 1)]
    assert "'NM02'" in found[0].message


def test_missing_codes_is_invalid_and_silences_nothing(checker: Checker) -> None:
    found = codes(f"<!-- termqa-disable-next-line -->\n{BAD}", checker)
    assert sorted(found) == ["SP01", "TY02"]


def test_unknown_code_is_invalid(checker: Checker) -> None:
    found = check_text(f"<!-- termqa-disable-next-line XX99 -->\n{BAD}", checker=checker)
    assert sorted(f.code for f in found) == ["SP01", "TY02"]
    assert "'XX99'" in next(f.message for f in found if f.code == "SP01")


def test_enable_without_disable_is_invalid(checker: Checker) -> None:
    assert codes("モデルを使う。\n<!-- termqa-enable TY02 -->\n", checker) == ["SP01"]


def test_unused_is_not_reported_for_rules_that_did_not_run() -> None:
    checker = Checker.create(Config(select=("TY", "SP")))
    assert codes("<!-- termqa-disable-next-line NM02 -->\nモデルを使う。", checker) == []


def test_sp_codes_can_be_ignored() -> None:
    checker = Checker.create(Config(ignore=("SP02",)))
    assert codes("<!-- termqa-disable-next-line NM02 -->\nモデルを使う。", checker) == []


def test_directives_in_code_or_mid_line_are_text(checker: Checker) -> None:
    assert codes("```\n<!-- termqa-disable-next-line -->\n```\nモデルを使う。", checker) == []
    assert codes("`<!-- termqa-disable-next-line -->` と書く。", checker) == []
    assert codes(f"前文 <!-- termqa-disable-next-line TY02 -->\n{BAD}", checker) == ["TY02"]
