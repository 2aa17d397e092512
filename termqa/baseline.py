"""Baselines: record today's findings, then report (and gate on) only new ones.

A finding's fingerprint is the SHA-256 of its code, its evidence text, the text of the
line(s) it sits on (whitespace collapsed) and its path relative to the baseline file's
directory, never a line number: findings keep their fingerprint when lines move. Identical
fingerprints are counted, so a second copy of a baselined defect is new. The file is JSON,
written atomically:

    {"version": 1, "findings": [{"fingerprint": "…", "path": "…", "code": "…", "message": "…"}]}
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from termqa.config import Config
from termqa.errors import TermqaError
from termqa.model import Finding
from termqa.report.model import FileResult, Report
from termqa.report.score import score

TextOf = Callable[[str], str]  # path -> the file text the findings' offsets point into


def _collapse(text: str) -> str:
    return " ".join(text.split())


def fingerprint(finding: Finding, text: str, base_dir: str) -> str:
    start = text.rfind("\n", 0, finding.offset) + 1
    end = text.find("\n", finding.end_offset)
    context = text[start : len(text) if end < 0 else end]
    path = os.path.relpath(os.path.abspath(finding.path), base_dir).replace(os.sep, "/")
    parts = (finding.code, _collapse(finding.target), _collapse(context), path)
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def load(path: str) -> Counter[str]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        items = data["findings"]
        return Counter(str(item["fingerprint"]) for item in items)
    except FileNotFoundError:
        raise TermqaError(
            "no such baseline file (write one with --update-baseline)", path
        ) from None
    except OSError as exc:
        raise TermqaError(f"cannot read baseline: {exc.strerror or exc}", path) from None
    except (ValueError, KeyError, TypeError) as exc:
        raise TermqaError(f"not a termqa baseline file ({exc})", path) from None


def write(path: str, report: Report, text_of: TextOf) -> None:
    from termqa.glossary.atomic import write_atomic  # noqa: PLC0415

    base = _base_dir(path)
    items = [
        {
            "fingerprint": fingerprint(f, text_of(result.path), base),
            "path": os.path.relpath(os.path.abspath(f.path), base).replace(os.sep, "/"),
            "code": f.code,
            "message": f.message,
        }
        for result in report.files
        for f in result.findings
    ]
    items.sort(key=lambda item: (item["path"], item["code"], item["fingerprint"]))
    body = json.dumps({"version": 1, "findings": items}, ensure_ascii=False, indent=2)
    write_atomic(path, body + "\n")


def subtract(
    report: Report, path: str, known: Counter[str], text_of: TextOf, config: Config
) -> tuple[Report, int]:
    """The report without baselined findings (score and gate recomputed on the new ones),
    and how many findings the baseline matched."""
    base = _base_dir(path)
    remaining = Counter(known)
    baselined = 0
    files: list[FileResult] = []
    for result in report.files:
        text = text_of(result.path) if result.findings else ""
        new: list[Finding] = []
        for f in result.findings:
            key = fingerprint(f, text, base)
            if remaining[key] > 0:
                remaining[key] -= 1
                baselined += 1
            else:
                new.append(f)
        file_score = score(new, result.size)
        files.append(
            replace(
                result,
                findings=tuple(new),
                score=file_score,
                passed=config.passes(new, file_score),
            )
        )
    return Report(files=tuple(files)), baselined


def _base_dir(path: str) -> str:
    return os.path.dirname(os.path.abspath(path))
