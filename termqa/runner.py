"""Corpus runs: `check_paths` across worker processes, with a progress bar and a summary table.

Each worker builds one Checker (Sudachi and the glossaries load once per process) and sends back
`FileResult`s only, never a Document, so the parent holds a few findings per file and its memory
does not grow with the text checked. Results come back in input order whatever `jobs` is, so
every output format is the same for `--jobs 1` and `--jobs 8`. The first bad input stops the run
with the same TermqaError an in-process run raises.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Generator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from termqa.errors import TermqaError
from termqa.report.model import FileResult, Report

if TYPE_CHECKING:
    from termqa.api import Checker
    from termqa.config import Config

AUTO_MIN_FILES = 20  # an automatic progress bar shows for more files than this...
AUTO_MIN_SECONDS = 2.0  # ...or once a run has taken this long
_BAR_WIDTH = 24
_Task = tuple[str, str, str | None]  # path, layout, English source path
_REDRAW_SECONDS = 0.1


@dataclass(frozen=True, slots=True)
class _Failure:
    """A TermqaError raised in a worker, carried back to be raised again in the parent."""

    message: str
    path: str | None
    line: int | None

    @classmethod
    def of(cls, exc: TermqaError) -> _Failure:
        return cls(exc.detail, exc.path, exc.line)

    def error(self) -> TermqaError:
        return TermqaError(self.message, self.path, self.line)


# One per worker process, set by `_init_worker`: the Checker, or the error building it raised.
_WORKER: Checker | _Failure | None = None


def run(
    paths: Sequence[str],
    *,
    config: Config | None = None,
    layout: str = "auto",
    source: str | None = None,
    jobs: int | None = None,
    progress: bool | None = None,
    stream: TextIO | None = None,
) -> Report:
    """Check files and directories like `termqa.api.check_paths`, in `jobs` processes.

    `jobs` None or 0 means the core count; 1 checks in this process. `progress` None shows a
    bar on `stream` (stderr) when it is a terminal and the run is long; True/False force it.
    """
    from termqa.config import Config  # noqa: PLC0415
    from termqa.document import collect_inputs  # noqa: PLC0415

    if jobs is not None and jobs < 0:
        raise TermqaError(f"jobs must be 0 (one per core) or more, not {jobs}")
    config = config or Config()
    files = config.drop_sources(collect_inputs(paths))
    tasks = [(path, layout, source or config.source_for(path)) for path in files]
    workers = min(jobs or os.cpu_count() or 1, max(len(files), 1))
    bar = Progress(len(files), stream or sys.stderr, progress)
    results: list[FileResult] = []
    outcomes = _in_process(tasks, config) if workers == 1 else _in_pool(tasks, config, workers)
    try:
        for outcome in outcomes:
            if isinstance(outcome, _Failure):
                raise outcome.error()
            results.append(outcome)
            bar.advance()
    finally:
        outcomes.close()  # stops the pool now, not when the generator is collected
        bar.close()
    return Report(files=tuple(results))


def _in_process(tasks: list[_Task], config: Config) -> Generator[FileResult | _Failure, None, None]:
    from termqa.api import Checker  # noqa: PLC0415

    checker = Checker.create(config)
    for path, layout, source in tasks:
        yield _check_file(checker, path, layout, source)


def _in_pool(
    tasks: list[_Task], config: Config, workers: int
) -> Generator[FileResult | _Failure, None, None]:
    """Results in input order; a failure cancels the work not yet started."""
    chunksize = max(1, min(8, len(tasks) // (workers * 4)))
    executor = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_context(),
        initializer=_init_worker,
        initargs=(config,),
    )
    try:
        yield from executor.map(_worker_check, tasks, chunksize=chunksize)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _context() -> multiprocessing.context.BaseContext:
    """Fork where the platform has it: workers start fast and `python -m termqa` is not
    re-imported as a main module (which spawn would do)."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _init_worker(config: Config) -> None:
    from termqa.api import Checker  # noqa: PLC0415

    global _WORKER  # noqa: PLW0603 -- one Checker per worker process is the point
    try:
        _WORKER = Checker.create(config)
    except TermqaError as exc:
        _WORKER = _Failure.of(exc)


def _worker_check(task: _Task) -> FileResult | _Failure:
    path, layout, source = task
    if _WORKER is None:
        return _Failure("worker process was not initialised", None, None)
    if isinstance(_WORKER, _Failure):
        return _WORKER
    try:
        return _check_file(_WORKER, path, layout, source)
    except TermqaError as exc:  # sent back as data: the exception would lose path and line
        return _Failure.of(exc)


def _check_file(checker: Checker, path: str, layout: str, source: str | None) -> FileResult:
    """The same per-file step as `check_paths`; the Document is dropped on return."""
    from termqa.document import read_document  # noqa: PLC0415

    doc = read_document(path, layout=layout, source=source, max_size=checker.config.max_file_size)
    return checker.check_document(doc)


class Progress:
    """`[#####       ] 37/200 files` redrawn in place on a terminal, erased by `close`."""

    def __init__(self, total: int, stream: TextIO, enabled: bool | None = None) -> None:
        self.total = total
        self.stream = stream
        self.done = 0
        self.auto = enabled is None
        self.enabled = _is_tty(stream) if enabled is None else enabled
        self.started = time.monotonic()
        self.drawn_at = 0.0
        self.shown = False

    def advance(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        now = time.monotonic()
        long_run = self.total > AUTO_MIN_FILES or now - self.started > AUTO_MIN_SECONDS
        if self.auto and not long_run:
            return
        if now - self.drawn_at >= _REDRAW_SECONDS or self.done == self.total:
            self.drawn_at = now
            self._draw()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * len(self.line()) + "\r")
            self.stream.flush()
            self.shown = False

    def line(self) -> str:
        filled = _BAR_WIDTH * self.done // self.total if self.total else _BAR_WIDTH
        bar = "#" * filled + " " * (_BAR_WIDTH - filled)
        return f"[{bar}] {self.done}/{self.total} files"

    def _draw(self) -> None:
        self.stream.write("\r" + self.line())
        self.stream.flush()
        self.shown = True


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def summary_table(report: Report) -> str:
    """One aligned row per file (path, layout, segments, findings, score, passed) and a total."""
    header = ("path", "layout", "segments", "findings", "score", "passed")
    rows = [
        (
            r.path,
            r.layout,
            str(r.segments),
            str(len(r.findings)),
            f"{r.score:.1f}",
            "yes" if r.passed else "NO",
        )
        for r in report.files
    ]
    summary = report.summary()
    total = (
        f"{summary['files']} files",
        "",
        str(sum(r.segments for r in report.files)),
        str(summary["findings"]),
        "",
        f"{summary['passed']} passed",
    )
    table = [header, *rows, total]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    right = {2, 3, 4}  # numbers align right
    lines = [
        "  ".join(
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ).rstrip()
        for row in table
    ]
    rule = "-" * len(max(lines, key=len))
    return "\n".join([lines[0], rule, *lines[1:-1], rule, lines[-1]]) + "\n"
