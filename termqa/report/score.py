"""MQM-style quality score: severity-weighted penalty points per unit of text, on 0-100.

score = max(0, 100 - 100 * penalty / size), where penalty sums the weight of each finding's
severity and size is the digest's length in English source words (bilingual) or Japanese
characters / 2.5 (target only: about the characters per English word of ML Japanese).
Worked example: 2 major findings (5 each) and 1 minor (1) on 400 source words:
100 - 100 * 11 / 400 = 97.25.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from termqa.model import Document, Finding, Severity

WEIGHTS = {Severity.CRITICAL: 25.0, Severity.MAJOR: 5.0, Severity.MINOR: 1.0, Severity.INFO: 0.0}
JA_CHARS_PER_WORD = 2.5
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.-][A-Za-z0-9]+)*")


def document_size(doc: Document) -> int:
    """Units the penalty is normalised by: source words, or Japanese characters / 2.5."""
    if doc.bilingual:
        return sum(len(_WORD.findall(s.source_text)) for s in doc.segments)
    chars = sum(len("".join(s.text.split())) for s in doc.segments)
    return round(chars / JA_CHARS_PER_WORD)


def score(findings: Iterable[Finding], size: int) -> float:
    penalty = sum(WEIGHTS[f.severity] for f in findings)
    return round(max(0.0, 100.0 - 100.0 * penalty / max(size, 1)), 2)
