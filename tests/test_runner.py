"""Corpus runs: same report in and out of process, errors, progress bar, memory, summary table."""

from __future__ import annotations

import gc
import io
import shutil
from pathlib import Path

import pytest

from termqa.api import check_paths
from termqa.config import Config
from termqa.errors import TermqaError
from termqa.model import Category, Document, Finding, Severity
from termqa.report.model import FileResult, Report
from termqa.runner import Progress, run, summary_table

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
SAMPLES = ("interleaved-01.txt", "interleaved-02.txt", "ja-only-01.md", "ja-only-02.md")


def _variant(text: str, i: int) -> str:
    """A sample with its digits shifted (both languages alike) and a line dropped, so the
    twelve digests differ in findings and size."""
    table = str.maketrans("0123456789", "".join(str((d + i) % 10) for d in range(10)))
    lines = text.translate(table).split("\n")
    del lines[(7 * i) % len(lines)]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    for i in range(10):
        sample = SAMPLES[i % len(SAMPLES)]
        text = (CORPORA / sample).read_text(encoding="utf-8")
        (root / f"digest-{i:02}{Path(sample).suffix}").write_text(_variant(text, i), "utf-8")
    shutil.copy(CORPORA / "pairs-01.tsv", root / "digest-10.tsv")
    sub = root / "more"
    sub.mkdir()
    shutil.copy(CORPORA / "separate-01.ja.md", sub / "digest-11.ja.md")
    shutil.copy(CORPORA / "separate-01.en.md", sub / "digest-11.en.md")
    return root


@pytest.fixture(scope="module")
def serial(corpus: Path) -> Report:
    return run([str(corpus)], config=Config(), jobs=1, progress=False)


def test_twelve_digests_checked_in_input_order(serial: Report) -> None:
    names = [Path(r.path).name for r in serial.files]
    suffixes = [".txt", ".txt", ".md", ".md"] * 3
    expected = [f"digest-{i:02}{suffixes[i]}" for i in range(10)]
    assert names == [*expected, "digest-10.tsv", "digest-11.ja.md"]
    assert {r.layout for r in serial.files} == {"interleaved", "target-only", "tsv", "separate"}
    assert all(r.findings for r in serial.files)


def test_two_jobs_give_the_same_report_as_one(corpus: Path, serial: Report) -> None:
    parallel = run([str(corpus)], config=Config(), jobs=2, progress=False)
    assert parallel == serial
    assert parallel.to_json() == serial.to_json()
    for a, b in zip(parallel.files, serial.files, strict=True):
        assert [(f.offset, f.end_offset, f.fix) for f in a.findings] == [
            (f.offset, f.end_offset, f.fix) for f in b.findings
        ]


def test_same_report_as_check_paths(corpus: Path, serial: Report) -> None:
    assert check_paths([str(corpus)], config=Config()) == serial


def test_more_jobs_than_files(corpus: Path) -> None:
    one = str(corpus / "digest-00.txt")
    assert run([one], jobs=4, progress=False) == check_paths([one])


@pytest.mark.parametrize("jobs", [1, 2])
def test_input_error_in_a_worker_names_the_file(corpus: Path, jobs: int) -> None:
    files = [str(corpus / f"digest-0{i}.md") for i in (2, 3, 6)]
    with pytest.raises(TermqaError) as raised:
        run(files, layout="separate", jobs=jobs, progress=False)
    assert raised.value.path == files[0]
    assert "layout 'separate' needs a source file" in raised.value.render()
    with pytest.raises(TermqaError) as in_process:
        check_paths(files, layout="separate")
    assert raised.value.render() == in_process.value.render()


@pytest.mark.parametrize("jobs", [1, 2])
def test_glossary_error_while_starting_workers(corpus: Path, tmp_path: Path, jobs: int) -> None:
    missing = str(tmp_path / "missing.yaml")
    with pytest.raises(TermqaError, match="glossary file not found") as raised:
        run([str(corpus)], config=Config(glossaries=(missing,)), jobs=jobs, progress=False)
    assert raised.value.path == missing


def test_missing_path_is_an_error_before_any_work(tmp_path: Path) -> None:
    with pytest.raises(TermqaError, match="no such file"):
        run([str(tmp_path / "absent.md")], jobs=2)


def test_negative_jobs_is_an_error(corpus: Path) -> None:
    with pytest.raises(TermqaError, match="jobs"):
        run([str(corpus)], jobs=-1)


def test_forced_progress_draws_and_clears(corpus: Path) -> None:
    stream = io.StringIO()
    run([str(corpus / "more")], jobs=1, progress=True, stream=stream)
    out = stream.getvalue()
    assert "\r[" in out
    assert "1/1 files" in out
    assert out.endswith("\r")
    assert out.rsplit("\r", 2)[-2].strip() == ""  # the last thing drawn is blanks: cleared


def test_progress_off_by_default_when_not_a_terminal(corpus: Path) -> None:
    stream = io.StringIO()
    run([str(corpus / "more")], jobs=1, stream=stream)
    assert stream.getvalue() == ""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_auto_progress_only_for_long_runs() -> None:
    short, long = _Terminal(), _Terminal()
    for stream, total in ((short, 5), (long, 40)):
        bar = Progress(total, stream)
        for _ in range(total):
            bar.advance()
        bar.close()
    assert short.getvalue() == ""
    assert "40/40 files" in long.getvalue()
    assert "[" + "#" * 24 + "]" in long.getvalue()


def test_progress_line() -> None:
    bar = Progress(200, io.StringIO(), enabled=False)
    bar.done = 100
    assert bar.line() == "[" + "#" * 12 + " " * 12 + "] 100/200 files"


def test_no_document_outlives_the_run(corpus: Path) -> None:
    def documents() -> int:
        gc.collect()
        return sum(1 for o in gc.get_objects() if isinstance(o, Document))

    before = documents()
    report = run([str(corpus)], jobs=1, progress=False)
    assert documents() == before
    assert len(report.files) == 12


def _result(path: str, findings: int, passed: bool) -> FileResult:
    one = Finding(
        "T001", "name", Category.TERMINOLOGY, Severity.MAJOR, path, 1, 1, 1, 2, "m", "t", "", None
    )
    return FileResult(path, "target-only", 10, 100, (one,) * findings, 97.25, passed)


def test_summary_table() -> None:
    report = Report(files=(_result("a.md", 0, True), _result("long/b.md", 3, False)))
    lines = summary_table(report).splitlines()
    assert lines[0].split() == ["path", "layout", "segments", "findings", "score", "passed"]
    assert lines[2].split() == ["a.md", "target-only", "10", "0", "97.2", "yes"]
    assert lines[3].split() == ["long/b.md", "target-only", "10", "3", "97.2", "NO"]
    assert lines[-1].split() == ["2", "files", "20", "3", "1", "passed"]
    assert set(lines[1]) == {"-"}
    assert lines[2].index("yes") == lines[3].index("NO")  # columns line up
