"""--fix machinery: safe edits only, never in masked spans, non-overlapping, idempotent."""

from __future__ import annotations

from pathlib import Path

from termqa.api import Checker
from termqa.document import parse_text
from termqa.fix import apply, fix_file, plan, write_fixed
from termqa.model import Category, Finding, Severity

TEXT = "# 概要\n\nＧＰＵで`ＧＰＵ`を使う。詳細は <https://example.com/ＧＰＵ> を参照。\n"


def fixed(tmp_path: Path, text: str, checker: Checker, name: str = "post.md") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = fix_file(checker, str(path), layout="auto", source=None)
    write_fixed(result)
    return path.read_text(encoding="utf-8")


def test_fix_applies_outside_code_and_urls_only(tmp_path: Path, checker: Checker) -> None:
    out = fixed(tmp_path, TEXT, checker)
    assert out == TEXT.replace("ＧＰＵで", "GPUで", 1)


def test_fix_is_idempotent(tmp_path: Path, checker: Checker) -> None:
    once = fixed(tmp_path, TEXT + "ＬｏＲＡとＡＩを使う。\n", checker)
    twice = fixed(tmp_path, once, checker)
    assert once == twice
    path = tmp_path / "post.md"
    result = fix_file(checker, str(path), layout="auto", source=None)
    assert not result.changed
    assert result.applied == 0
    assert result.diff() == ""


def test_fix_keeps_bom_and_crlf(tmp_path: Path, checker: Checker) -> None:
    path = tmp_path / "post.md"
    path.write_bytes("\ufeff# 概要\r\n\r\nＧＰＵを使う。\r\n".encode())
    write_fixed(fix_file(checker, str(path), layout="auto", source=None))
    assert path.read_bytes() == "\ufeff# 概要\r\n\r\nGPUを使う。\r\n".encode()


def finding(offset: int, end: int, target: str, fix: str | None) -> Finding:
    return Finding(
        "TY02", "n", Category.TYPOGRAPHY, Severity.MINOR, "p", 1, offset + 1, 1, end + 1,
        "m", target, "", None, fix=fix, offset=offset, end_offset=end,
    )  # fmt: skip


def test_plan_refuses_masked_stale_and_overlapping_edits() -> None:
    doc = parse_text("ＡＢで`ＣＤ`を使う。", path="p.md", layout="target-only")
    findings = [
        finding(0, 2, "ＡＢ", "AB"),
        finding(1, 2, "Ｂ", "B"),  # overlaps the first: waits for the next pass
        finding(4, 6, "ＣＤ", "CD"),  # inside a code span
        finding(8, 9, "X", "Y"),  # evidence no longer in the text
        finding(7, 8, "を", None),  # no fix
    ]
    edits = plan(doc, findings)
    assert edits == [(0, 2, "AB")]
    assert apply(doc.text, edits) == "ABで`ＣＤ`を使う。"


def test_tables_are_never_fixed() -> None:
    doc = parse_text("source\ttarget\nGPU\tＧＰＵを使う。\n", path="p.tsv")
    assert plan(doc, [finding(18, 21, doc.text[18:21], "GPU")]) == []
