"""What `termqa check` does between parsing options and exiting: configuration, fixes,
the run, the baseline and the output. Kept out of cli.py so that file stays a thin shell."""

from __future__ import annotations

import importlib
import json
import sys
from dataclasses import dataclass
from functools import cache, partial
from typing import Any

from termqa.config import Config
from termqa.errors import TermqaError
from termqa.model import Severity
from termqa.report.model import Report


@dataclass(frozen=True)
class CheckOptions:
    paths: tuple[str, ...]
    source: str | None = None
    layout: str = "auto"
    glossaries: tuple[str, ...] = ()
    no_default_glossary: bool = False
    fmt: str = "text"
    style: str | None = None
    select: str | None = None
    ignore: str | None = None
    fail_on: str | None = None
    min_score: float | None = None
    config_file: str | None = None
    no_config: bool = False
    baseline: str | None = None
    update_baseline: bool = False
    fix: bool = False
    diff: bool = False
    output: str | None = None
    jobs: int | None = None
    max_file_size: str | None = None


def build_config(opts: CheckOptions) -> Config:
    """Configuration file values (if any), overridden by command-line options."""
    from termqa.checks import RULES_BY_CODE  # noqa: PLC0415
    from termqa.config import parse_codes, parse_size  # noqa: PLC0415
    from termqa.config_file import find_config, load_settings  # noqa: PLC0415
    from termqa.style import resolve_style  # noqa: PLC0415

    settings: dict[str, Any] = {}
    path = opts.config_file
    if path is None and not opts.no_config:
        path = find_config(opts.paths[0])
    if path is not None:
        settings = load_settings(path, tuple(RULES_BY_CODE))
    if opts.select is not None:
        settings["select"] = parse_codes(opts.select, RULES_BY_CODE)
    if opts.ignore is not None:
        settings["ignore"] = parse_codes(opts.ignore, RULES_BY_CODE)
    if opts.fail_on is not None:
        settings["fail_on"] = Severity(opts.fail_on)
    if opts.min_score is not None:
        settings["min_score"] = opts.min_score
    if opts.style is not None:
        settings["style"] = resolve_style(opts.style).name
    settings["glossaries"] = (*settings.get("glossaries", ()), *opts.glossaries)
    if opts.no_default_glossary:
        settings["default_glossary"] = False
    if opts.max_file_size is not None:
        try:
            settings["max_file_size"] = parse_size(opts.max_file_size)
        except TermqaError as exc:
            raise TermqaError(f"--max-file-size: {exc.detail}") from None
    return Config(**settings)


def run_check(opts: CheckOptions) -> tuple[str, bool]:
    """The text to print (or write to --output) and whether every file passed."""
    if opts.source is not None and len(opts.paths) != 1:
        raise TermqaError("--source pairs one English file with exactly one target file")
    if opts.update_baseline and opts.baseline is None:
        raise TermqaError("--update-baseline needs --baseline FILE")
    if opts.fix and opts.diff:
        raise TermqaError("--fix and --diff do not go together (--diff writes nothing)")
    config = build_config(opts)
    if opts.diff or opts.fix:
        changed = _fix(opts, config)
        if opts.diff:
            return changed, not changed
    report = _run(opts, config)
    baselined = None
    if opts.baseline is not None:
        report, baselined = _baseline(opts.baseline, opts.update_baseline, report, config)
    return render(report, opts.fmt, baselined), report.passed


def _fix(opts: CheckOptions, config: Config) -> str:
    """Apply fixes (--fix) or collect their diff (--diff); returns the diff text."""
    from termqa.api import Checker  # noqa: PLC0415
    from termqa.document import collect_inputs  # noqa: PLC0415
    from termqa.fix import fix_file, write_fixed  # noqa: PLC0415

    checker = Checker.create(config)
    diffs: list[str] = []
    fixes = 0
    for path in config.drop_sources(collect_inputs(opts.paths)):
        source = opts.source or config.source_for(path)
        result = fix_file(checker, path, layout=opts.layout, source=source)
        if not result.changed:
            continue
        diffs.append(result.diff())
        fixes += result.applied
        if opts.fix:
            write_fixed(result)
    if opts.fix and fixes:
        print(f"termqa: fixed {fixes} finding(s) in {len(diffs)} file(s)", file=sys.stderr)
    return "".join(diffs)


def _run(opts: CheckOptions, config: Config) -> Report:
    try:
        runner = importlib.import_module("termqa.runner")
    except ImportError:  # the parallel runner is optional: fall back to the serial API
        from termqa.api import check_paths  # noqa: PLC0415

        return check_paths(opts.paths, config=config, layout=opts.layout, source=opts.source)
    report: Report = runner.run(
        list(opts.paths),
        config=config,
        layout=opts.layout,
        source=opts.source,
        jobs=opts.jobs,  # None: the core count
        progress=None,  # a bar on stderr when it is a terminal and the run is long
    )
    return report


def _baseline(path: str, update: bool, report: Report, config: Config) -> tuple[Report, int]:
    from termqa import baseline  # noqa: PLC0415
    from termqa.readers.decode import read_text  # noqa: PLC0415

    text_of = cache(partial(read_text, limit=config.max_file_size))
    if update:
        baseline.write(path, report, text_of)
    return baseline.subtract(report, path, baseline.load(path), text_of, config)


def render(report: Report, fmt: str, baselined: int | None = None) -> str:
    if fmt == "text":
        from termqa.report.formats import text  # noqa: PLC0415

        lines = {r.path: _lines(r.path) for r in report.files if r.findings}
        out = text.render(report, lines=lines, colour=sys.stdout.isatty())
        if len(report.files) > 1:
            from termqa.runner import summary_table  # noqa: PLC0415

            out += "\n" + summary_table(report)
        return out if baselined is None else out + f"{baselined} finding(s) baselined\n"
    if fmt == "json":
        from termqa.report.formats import json as json_format  # noqa: PLC0415

        out = json_format.render(report)
        if baselined is None:
            return out
        data = json.loads(out)
        data["summary"]["baselined"] = baselined
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    module = importlib.import_module(f"termqa.report.formats.{fmt}")
    rendered: str = module.render(report)
    return rendered


def _lines(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as handle:
            return handle.read().split("\n")
    except OSError:
        return []


def write_output(path: str, text: str) -> None:
    from termqa.glossary.atomic import write_atomic  # noqa: PLC0415

    write_atomic(path, text)
