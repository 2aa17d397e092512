"""SARIF (validated against the vendored official 2.1.0 schema), GitHub workflow commands and
CSV output, plus the per-category and per-rule breakdown."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT

from termqa.api import Checker, text_document
from termqa.checks import ALL_RULES
from termqa.model import Category, Finding, Severity
from termqa.report import breakdown
from termqa.report.formats import csv as csv_format
from termqa.report.formats import github, sarif
from termqa.report.model import FileResult, Report

SCHEMA = ROOT / "tests" / "fixtures" / "sarif" / "sarif-schema-2.1.0.json"


def finding(
    code: str = "NM01",
    severity: Severity = Severity.MAJOR,
    *,
    category: Category = Category.NUMBER,
    message: str = "'16.96%' in source is missing from target",
    path: str = "posts/週刊.md",
    line: int = 3,
    suggestion: str | None = None,
) -> Finding:
    return Finding(
        code=code,
        name="dropped-number",
        category=category,
        severity=severity,
        path=path,
        line=line,
        column=5,
        end_line=line,
        end_column=9,
        message=message,
        target="精度向上",
        source="16.96%",
        suggestion=suggestion,
    )


def report_of(*findings: Finding, passed: bool = False) -> Report:
    result = FileResult("posts/週刊.md", "interleaved", 10, 400, tuple(findings), 97.25, passed)
    return Report(files=(result,))


SAMPLE = report_of(
    finding(),
    finding("CS01", Severity.MINOR, category=Category.CASING, message="'gpt-4o' should be cased"),
    finding("TY01", Severity.INFO, category=Category.TYPOGRAPHY, suggestion="、"),
    finding("NM03", Severity.CRITICAL, message='line1\nline2 100% "x", y: z'),
)


def validate(log: object) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.Draft4Validator(schema).validate(log)


def test_vendored_schema_is_the_official_sarif_2_1_0() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]


def test_sarif_is_valid_and_carries_rules_and_results() -> None:
    log = json.loads(sarif.render(SAMPLE))
    validate(log)
    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "termqa"
    assert [r["id"] for r in driver["rules"]] == [r.code for r in ALL_RULES]
    nm01 = next(r for r in driver["rules"] if r["id"] == "NM01")
    assert nm01["name"] == "dropped-number"
    assert "Why:" in nm01["help"]["text"]
    assert "Why:" in nm01["fullDescription"]["text"]
    assert nm01["defaultConfiguration"]["level"] == "error"
    levels = [r["level"] for r in run["results"]]
    assert levels == ["error", "warning", "note", "error"]
    first = run["results"][0]
    assert driver["rules"][first["ruleIndex"]]["id"] == "NM01"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "posts/%E9%80%B1%E5%88%8A.md"
    assert location["region"] == {"startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 9}
    assert run["properties"]["files"][0]["passed"] is False


def test_sarif_levels_follow_severity_for_every_rule() -> None:
    log = json.loads(sarif.render(Report(files=())))
    validate(log)
    for rule, desc in zip(ALL_RULES, log["runs"][0]["tool"]["driver"]["rules"], strict=True):
        assert desc["defaultConfiguration"]["level"] == sarif.LEVELS[rule.severity]
        assert desc["shortDescription"]["text"] == rule.summary


def test_sarif_fingerprint_survives_a_line_move() -> None:
    def fingerprint(line: int) -> str:
        log = json.loads(sarif.render(report_of(finding(line=line)), rules=()))
        value: str = log["runs"][0]["results"][0]["partialFingerprints"]["termqaFinding/v1"]
        return value

    assert fingerprint(3) == fingerprint(40)


def test_sarif_of_a_real_check_is_valid(checker: Checker) -> None:
    doc = text_document("KVキャッシュを45%削減する。", "reduces the KV cache by 40%.", path="p.txt")
    result = checker.check_document(doc)
    assert result.findings
    validate(json.loads(sarif.render(Report(files=(result,)))))


def test_sarif_empty_region_for_an_omission_is_valid() -> None:
    omission = Finding(
        "NM01",
        "dropped-number",
        Category.NUMBER,
        Severity.MAJOR,
        "a.md",
        2,
        7,
        2,
        7,
        "m",
        "",
        "",
        None,
    )
    log = json.loads(sarif.render(report_of(omission), rules=()))
    validate(log)
    region = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region["startColumn"] == region["endColumn"] == 7


def test_github_commands_and_escaping() -> None:
    lines = github.render(SAMPLE).splitlines()
    assert len(lines) == 5
    assert lines[0] == (
        "::error file=posts/週刊.md,line=3,col=5,endLine=3,endColumn=9,"
        "title=NM01 dropped-number::'16.96%25' in source is missing from target [major]"
    )
    assert lines[1].startswith("::warning ")
    assert lines[2].startswith("::notice ")
    assert lines[2].endswith("(suggestion: 、)")
    assert lines[3].endswith('::line1%0Aline2 100%25 "x", y: z [critical]')
    assert (
        lines[4]
        == "::notice file=posts/週刊.md,title=termqa score::score 97.25, FAILED, 4 finding(s)"
    )


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [("a,b", "a%2Cb"), ("C:\\x", "C%3A\\x"), ("50%", "50%25"), ("a\r\nb", "a%0D%0Ab")],
)
def test_github_property_escaping(raw: str, escaped: str) -> None:
    assert github.escape_property(raw) == escaped


def test_csv_findings_round_trip() -> None:
    rows = list(csv.DictReader(io.StringIO(csv_format.render(SAMPLE))))
    assert len(rows) == 4
    assert tuple(rows[0]) == csv_format.FINDING_COLUMNS
    assert rows[0]["path"] == "posts/週刊.md"
    assert rows[0]["line"] == "3"
    assert rows[0]["suggestion"] == ""
    assert rows[2]["suggestion"] == "、"
    assert rows[3]["message"] == 'line1\nline2 100% "x", y: z'
    assert rows[0]["file_score"] == "97.25"
    assert rows[0]["file_passed"] == "False"


def test_csv_summary_has_counts_per_severity() -> None:
    text = csv_format.render_summary(SAMPLE, {"posts/週刊.md": "2024-08-01"})
    (row,) = csv.DictReader(io.StringIO(text))
    assert row["date"] == "2024-08-01"
    assert (row["critical"], row["major"], row["minor"], row["info"]) == ("1", "1", "1", "1")
    assert (row["findings"], row["size"], row["passed"]) == ("4", "400", "False")


def test_breakdown_by_category_and_rule() -> None:
    findings = SAMPLE.files[0].findings
    cats = breakdown.by_category(findings)
    assert [(c.key, c.count, c.penalty) for c in cats] == [
        ("number", 2, 30.0),
        ("casing", 1, 1.0),
        ("typography", 1, 0.0),
    ]
    rules = breakdown.by_rule(findings)
    assert [r.key for r in rules] == ["NM03", "NM01", "CS01", "TY01"]
    assert rules[0].label == "dropped-number"
    assert breakdown.severity_counts(SAMPLE.files[0]) == {
        "critical": 1,
        "major": 1,
        "minor": 1,
        "info": 1,
    }


def test_artifact_uri_is_relative_under_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert sarif.artifact_uri(str(tmp_path / "a b" / "x.md")) == "a%20b/x.md"
