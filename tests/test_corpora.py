"""Each sample digest in corpora/ yields exactly the findings in its `<file>.expected` file.

The expected files were generated, then reviewed line by line against corpora/PLANTED.md.
After a deliberate behaviour change, regenerate with `python tests/test_corpora.py` and review
the diff before committing it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from termqa.api import Checker
from termqa.document import collect_inputs, read_document

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
DIGESTS = [
    Path(p)
    for p in collect_inputs([str(CORPORA)])
    if Path(p).name not in {"README.md", "PLANTED.md"}
]


def render(checker: Checker, path: Path) -> str:
    result = checker.check_document(read_document(str(path)))
    rows = [
        f"{f.line}:{f.column}-{f.end_line}:{f.end_column} {f.code} {f.target!r} | {f.message}"
        for f in result.findings
    ]
    return "".join(row + "\n" for row in rows)


def expected_path(path: Path) -> Path:
    return path.with_name(path.name + ".expected")


def test_corpus_has_every_layout() -> None:
    layouts = {read_document(str(p)).layout for p in DIGESTS}
    assert layouts == {"interleaved", "target-only", "separate", "tsv"}


@pytest.mark.parametrize("path", DIGESTS, ids=lambda p: p.name)
def test_sample_digest_findings_are_exactly_the_expected(path: Path, checker: Checker) -> None:
    assert render(checker, path) == expected_path(path).read_text(encoding="utf-8")


if __name__ == "__main__":
    shared = Checker.create()
    for digest in DIGESTS:
        expected_path(digest).write_text(render(shared, digest), encoding="utf-8")
        print(f"wrote {expected_path(digest)}", file=sys.stderr)
