"""Property tests over generated whole digests (tests/doc_strategies.py), through the API and
the real CLI: termqa raises nothing but TermqaError, and that only for documented bad input;
every finding lies inside its file and quotes the file's text at its span; output is
deterministic, and the same for one worker process and two. Regression examples for the bugs
these properties found are plain tests at the end."""

from __future__ import annotations

import json
import re
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from doc_strategies import GenDoc, documents, hostile_piece, ja_line, long_line
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termqa.api import Checker, check_paths, check_text
from termqa.checks.casing import _overlaps
from termqa.cli import main
from termqa.errors import TermqaError
from termqa.model import Document, Finding, Segment, SegmentKind, Span
from termqa.report.model import Report

# The refusals a reader documents for bad bytes (docs: README "Exit codes", readers/decode.py).
REFUSALS = ("binary file, not a text digest", "not valid UTF-8", "empty file")
# Generated documents are large (100k-character lines): hypothesis's size checks would flag
# the strategies themselves, not termqa.
BIG = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


def write_doc(folder: Path, doc: GenDoc, stem: str = "post") -> tuple[Path, Path | None]:
    target = folder / f"{stem}{doc.suffix}"
    target.write_bytes(doc.data)
    if doc.source is None:
        return target, None
    source = folder / f"{stem}.en{doc.suffix}"
    source.write_bytes(doc.source)
    return target, source


def file_text(data: bytes) -> str:
    """The file's text as termqa reads it: UTF-8, a leading BOM dropped."""
    return data.decode("utf-8").removeprefix("\ufeff")


def assert_refusal_documented(error: TermqaError, doc: GenDoc, source: Path | None) -> None:
    """A refusal must name a documented bad input, and the input must really be bad."""
    reason = next((r for r in REFUSALS if error.detail.startswith(r)), None)
    assert reason is not None, f"undocumented refusal: {error}"
    of_source = source is not None and error.path == str(source)
    if doc.fault is not None and not of_source:
        return
    text = file_text(doc.source if of_source and doc.source is not None else doc.data)
    if reason == "empty file":
        assert not text.strip()
    else:  # only control characters make a fault-free file look binary
        assert reason.startswith("binary")
        assert re.search("[\x01-\x08\x0e-\x1f\x7f]", text)


def assert_inside(finding: Finding | dict[str, object], text: str) -> None:
    """line/column are 1-based characters of the file as read, LF-separated, and the span
    they give holds exactly the finding's `target`."""
    item = finding.to_json() if isinstance(finding, Finding) else finding
    line, column, end_line, end_column = (
        int(str(item[k])) for k in ("line", "column", "end_line", "end_column")
    )
    lines = text.split("\n")
    assert 1 <= line <= end_line <= len(lines), item
    assert 1 <= column <= len(lines[line - 1]) + 1, item
    assert 1 <= end_column <= len(lines[end_line - 1]) + 1, item
    start = sum(len(x) + 1 for x in lines[: line - 1]) + column - 1
    end = sum(len(x) + 1 for x in lines[: end_line - 1]) + end_column - 1
    assert 0 <= start <= end <= len(text), item
    assert text[start:end] == item["target"], item


def check_report(report: Report, texts: dict[str, str]) -> None:
    for result in report.files:
        for finding in result.findings:
            assert finding.path in texts
            assert_inside(finding, texts[finding.path])


@settings(BIG, max_examples=60)
@given(doc=documents())
def test_api_raises_only_documented_errors_and_findings_lie_inside(
    checker: Checker, doc: GenDoc
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        target, source = write_doc(Path(folder), doc)
        layout = "separate" if source is not None else doc.layout
        try:
            report = check_paths(
                [str(target)],
                layout=layout,
                source=None if source is None else str(source),
                checker=checker,
            )
        except TermqaError as error:
            assert_refusal_documented(error, doc, source)
            return
    assert doc.fault is None, f"a {doc.fault} file was not refused"
    check_report(report, {str(target): file_text(doc.data)})


@given(
    target=st.lists(st.one_of(ja_line(), hostile_piece(), long_line()), max_size=4).map("".join),
    source=st.one_of(st.none(), st.text(max_size=60)),
)
@settings(BIG, max_examples=40)
def test_check_text_raises_only_for_lone_surrogates(
    checker: Checker, target: str, source: str | None
) -> None:
    if re.search("[\ud800-\udfff]", target + (source or "")):
        with pytest.raises(TermqaError, match="lone surrogate"):
            check_text(target, source, checker=checker)
        return
    findings = check_text(target, source, checker=checker)
    for finding in findings:
        assert_inside(finding, target)


def cli_json(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(main, ["check", "--no-config", "--format", "json", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


@settings(BIG, max_examples=4)
@given(docs=st.lists(documents(), min_size=2, max_size=4))
def test_cli_output_is_deterministic_and_the_same_for_one_or_two_jobs(docs: list[GenDoc]) -> None:
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as folder:
        texts: dict[str, str] = {}
        for i, doc in enumerate(docs):
            target, _ = write_doc(Path(folder), doc, stem=f"doc-{i:02}")
            if doc.fault is None:
                texts[str(target)] = file_text(doc.data)
        once = cli_json(runner, "--jobs", "1", folder)
        again = cli_json(runner, "--jobs", "1", folder)
        two = cli_json(runner, "--jobs", "2", folder)
    assert once == again == two
    code, out, err = once
    if code == 2:
        assert err.count("\n") == 1, err
        assert "Traceback" not in err
        return
    assert code in (0, 1)
    assert not err
    data = json.loads(out)
    assert [f["path"] for f in data["files"]] == sorted(texts)
    for file in data["files"]:
        for item in file["findings"]:
            assert_inside(item, texts[file["path"]])


@settings(BIG, max_examples=6)
@given(doc=documents())
def test_cli_single_file_json_matches_the_api(checker: Checker, doc: GenDoc) -> None:
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as folder:
        target, source = write_doc(Path(folder), doc)
        extra = ["--source", str(source)] if source is not None else ["--layout", doc.layout]
        code, out, err = cli_json(runner, *extra, str(target))
        if code == 2:
            assert err.startswith("termqa: error: "), err
            assert err.count("\n") == 1, err
            assert str(target) in err or (source is not None and str(source) in err)
            return
        report = check_paths(
            [str(target)],
            layout="separate" if source is not None else doc.layout,
            source=None if source is None else str(source),
            checker=checker,
        )
    data = json.loads(out)
    assert [f["code"] for f in data["files"][0]["findings"]] == [
        f.code for f in report.files[0].findings
    ]


# Regressions found by the properties above (plain examples).


def test_lone_surrogate_in_text_is_a_clean_error(checker: Checker) -> None:
    with pytest.raises(TermqaError, match=r"lone surrogate U\+D800 at line 2"):
        check_text("本文\nあ\ud800い", "We use LoRA.", checker=checker)
    with pytest.raises(TermqaError, match="lone surrogate U\\+DC80"):
        check_text("本文", "We use \udc80 LoRA.", checker=checker)


def test_surrogate_escaped_bytes_in_a_file_are_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_bytes("本文です\n".encode() + "\udce3\udc81".encode("utf-8", "surrogateescape"))
    with pytest.raises(TermqaError, match=r"not valid UTF-8 \(byte 0xe3 at line 2\)"):
        check_paths([str(path)])


def test_bilingual_is_computed_once_for_a_long_target_only_document() -> None:
    segments = tuple(
        Segment(i, SegmentKind.PARAGRAPH, Span("本文", "本文", 3 * i)) for i in range(3)
    )
    doc = Document("p.md", "本文\n" * 3, "target-only", segments)
    assert doc.bilingual is False
    paired = Segment(3, SegmentKind.PARAGRAPH, Span("本文", "本文", 9), Span("Text", "Text", 0))
    assert Document("p.md", "", "interleaved", (*segments, paired)).bilingual is True


@pytest.mark.parametrize("unit", ["e\u0301", "LoRA ", "Pytorch-based "])
def test_a_100k_character_line_is_checked_in_linear_time(checker: Checker, unit: str) -> None:
    # Both were quadratic: AC01's near-miss candidates (a list lookup per Latin run) took
    # ~200 s here, and CS01's overlap scan ~50 s; linear, each takes well under a second.
    started = time.monotonic()
    findings = check_text(
        unit * (100_000 // len(unit)), "We fine-tune it with LoRA.", checker=checker
    )
    assert time.monotonic() - started < 20
    assert all(f.line == 1 for f in findings)


def test_case_overlap_scan_uses_the_span_just_before() -> None:
    taken = [(0, 4), (10, 14), (20, 30)]
    assert _overlaps(taken, 12, 13)
    assert _overlaps(taken, 29, 40)
    assert _overlaps(taken, 5, 11)
    assert not _overlaps(taken, 4, 10)
    assert not _overlaps(taken, 14, 20)
    assert not _overlaps(taken, 30, 31)
    assert not _overlaps([], 0, 1)
