"""The JSON output of DESIGN.md: one object with files, findings and a summary."""

from __future__ import annotations

import json

from termqa.report.model import Report


def render(report: Report) -> str:
    return json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n"
