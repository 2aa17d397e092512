"""Do-not-translate protection: units as DeepL XML, and DeepL's XML back to Markdown.

Protected terms (glossary keep terms, source identifiers) are wrapped in `<x>…</x>`, sent with
`ignore_tags=["x"]`; frozen pieces (code, URLs, math, markup) are not sent at all: each is
an empty placeholder `<m i="N"/>` put back from the unit afterwards. The rest is XML-escaped.
Unwrapping keeps what DeepL returned inside `<x>` (the post-check judges it); a placeholder
DeepL dropped stays dropped (the post-check reports the missing code or URL).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from termqa.translate.markdown import Unit

TAG = "x"
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_UNESCAPES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'"}
_BACK = re.compile(r'<m i="(\d+)"\s*/>|</?x>|&(?:amp|lt|gt|quot|apos);')


def escape(text: str) -> str:
    return "".join(_ESCAPES.get(c, c) for c in text)


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans covering the same characters."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[0] < s[1]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def protect(unit: Unit, keep: Sequence[tuple[int, int]]) -> str:
    """The XML sent for `unit`; `keep` are spans of `unit.plain` to wrap in `<x>`."""
    out: list[str] = []
    offset = 0
    frozen = 0
    spans = merge_spans(keep)
    for piece in unit.pieces:
        end = offset + len(piece.text)
        if piece.frozen:
            out.append(f'<m i="{frozen}"/>')
            frozen += 1
        else:
            out.append(_wrap(piece.text, offset, spans))
        offset = end
    return "".join(out)


def _wrap(text: str, offset: int, spans: Sequence[tuple[int, int]]) -> str:
    out: list[str] = []
    pos = 0
    for span_start, span_end in spans:
        start, end = max(span_start - offset, pos), min(span_end - offset, len(text))
        if start >= end:
            continue
        out += [escape(text[pos:start]), f"<{TAG}>", escape(text[start:end]), f"</{TAG}>"]
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def unprotect(xml: str, unit: Unit) -> str:
    """DeepL's translation of `protect(unit, …)` as text: placeholders filled, tags removed."""
    frozen = [p.text for p in unit.pieces if p.frozen]

    def back(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            index = int(match.group(1))
            return frozen[index] if index < len(frozen) else ""
        return _UNESCAPES.get(match.group(0), "")

    return _BACK.sub(back, xml)
