"""Lines of a digest with their block markers recognised (headings, bullets, Q/A, metadata).

Markers are found in the masked text (code and URLs cannot look like markers); a line's content
offsets exclude the marker and surrounding whitespace, so a Span built from them starts at the
first character a reader sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

_SPACE = " \t\r\u3000"
_HEADING = re.compile(r"(#{1,6})(?=[ \t]|\r?$)")
_HEADING_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")
_RULE = re.compile(r"(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|=+[ \t]*)$")
_LIST = re.compile(
    r"(?:[-*+][ \t\u3000]+|[•・][ \t\u3000]*|[①-⑳][ \t\u3000]*"
    r"|\(?[0-9]{1,3}[.)][ \t\u3000]+|[0-9０-９]{1,3}[．）][ \t\u3000]*)"
)
_QA = re.compile(
    r"(?:\*\*)?(?P<qa>Q|Ｑ|質問|A|Ａ|回答|答え?)(?:[0-9０-９]{1,3})?(?:\*\*)?[ \t]*"
    r"(?:[:：]|[.．](?=[ \t\u3000]|[^\x00-\x7f]))(?:\*\*)?[ \t\u3000]*"
)
_QUESTION_MARKS = frozenset(("Q", "Ｑ", "質問"))
_METADATA = re.compile(
    r"(?:\*\*)?(?:著者|発行日|公開日|投稿日|更新日|日付|URL|リンク|カテゴリー?|タグ|所属|出典|会議"
    r"|掲載|arXiv|論文|コード|データセット|Authors?|Date|Published|Categor(?:y|ies)|Tags?"
    r"|Source|Venue|Affiliations?|Paper|Link|Code|GitHub)(?:\*\*)?[ \t]*[:：]",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"(?:【[^】\n]{1,30}】[^。．.\n]{0,80}|[■□◆◇●○▼▶▷◎★☆][ \t\u3000]*[^\n]{1,30}"
    r"|(?:論文紹介|論文要旨|論文概要|概要|要約|要旨|まとめ|背景|手法|提案手法|結果|実験結果|実験|結論"
    r"|考察|課題|今後の課題|限界|貢献|主な貢献|新規性|ポイント|キーポイント|所感|コメント|感想"
    r"|質疑応答|Q&A|Ｑ＆Ａ|ひとこと|一言|目次|参考文献|関連研究|Abstract|Summary|TL;DR)"
    r"(?:[ \t\u3000]*[（(][^)）\n]{0,30}[)）])?[ \t]*[:：]?)[ \t]*$"
)
_FRONT_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]*")
_PROSE_KEYS = frozenset(("title", "subtitle", "description", "summary", "excerpt", "abstract"))
_FRONT_MAX_LINES = 200


class LineKind(StrEnum):
    BLANK = "blank"  # nothing left after masking
    RULE = "rule"  # thematic break, or a setext `===` underline
    HEADING = "heading"
    LIST = "list"
    QUESTION = "question"
    ANSWER = "answer"
    METADATA = "metadata"
    LABEL = "label"  # a section label such as 概要 or 【結果】
    TABLE = "table"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class Line:
    index: int  # 0-based line number
    start: int  # file offset of the line's first character
    content: int  # file offset of the content, after markers and whitespace
    end: int  # file offset just after the content's last non-space character
    kind: LineKind
    level: int = 0  # heading level
    marker: str = ""  # the `#`/`=` of a heading or rule, for setext detection


def split_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each line, `end` excluding the `\\n` (a `\\r` stays in)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for piece in text.split("\n"):
        spans.append((start, start + len(piece)))
        start += len(piece) + 1
    return spans


def scan_lines(text: str, masked: str) -> list[Line]:
    """Every line of `text` with its kind and content offsets."""
    spans = split_lines(text)
    front_end = _front_matter_end(text, spans)
    lines: list[Line] = []
    for index, (start, end) in enumerate(spans):
        if index < front_end:
            lines.append(_front_line(index, start, end, text, masked, stop=front_end))
        else:
            lines.append(_scan(index, start, end, text, masked))
    return lines


def _skip_space(text: str, masked: str, pos: int, end: int) -> int:
    """Skip whitespace, and quote markers masked to spaces, from `pos`."""
    while pos < end and masked[pos] in _SPACE and (text[pos] in _SPACE or text[pos] == ">"):
        pos += 1
    return pos


def _content_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _SPACE:
        end -= 1
    return end


def _scan(index: int, start: int, end: int, text: str, masked: str) -> Line:
    pos = _skip_space(text, masked, start, end)
    stop = _content_end(text, pos, end)
    rest = masked[pos:stop]
    if not rest.strip():
        return Line(index, start, stop, stop, LineKind.BLANK)
    if heading := _HEADING.match(rest):
        closing = _HEADING_CLOSE.search(rest)
        last = stop - (len(rest) - closing.start()) if closing else stop
        body = _skip_space(text, masked, pos + heading.end(), last)
        return Line(index, start, body, max(body, last), LineKind.HEADING, len(heading.group(1)))
    if _RULE.match(rest):
        return Line(index, start, pos, stop, LineKind.RULE, marker=rest[0])
    kind = LineKind.TEXT
    if rest.startswith("|"):
        return Line(index, start, pos, stop, LineKind.TABLE)
    if bullet := _LIST.match(rest):
        kind = LineKind.LIST
        pos = _skip_space(text, masked, pos + bullet.end(), stop)
    rest = masked[pos:stop]
    if qa := _QA.match(rest):
        kind = LineKind.QUESTION if qa.group("qa") in _QUESTION_MARKS else LineKind.ANSWER
        pos = _skip_space(text, masked, pos + qa.end(), stop)
    elif _METADATA.match(rest):
        kind = LineKind.METADATA
    elif kind is LineKind.TEXT and _LABEL.match(rest):
        kind = LineKind.LABEL
    return Line(index, start, pos, stop, kind)


def _front_matter_end(text: str, spans: list[tuple[int, int]]) -> int:
    """Index of the line after a YAML front matter block at the top, or 0 when there is none."""
    if not spans or text[spans[0][0] : spans[0][1]].rstrip() != "---":
        return 0
    for index in range(1, min(len(spans), _FRONT_MAX_LINES)):
        start, end = spans[index]
        if text[start:end].rstrip() in ("---", "..."):
            return index + 1
    return 0


def _front_line(index: int, start: int, end: int, text: str, masked: str, *, stop: int) -> Line:
    """A front matter line: metadata when its value is prose (a title, Japanese text)."""
    blank = Line(index, start, start, start, LineKind.BLANK)
    if index in (0, stop - 1):
        return blank
    key = _FRONT_KEY.match(masked, start, end)
    if key is None:
        return blank
    value = key.end()
    last = _content_end(text, value, end)
    if last - value >= 2 and text[value] in "\"'" and text[last - 1] == text[value]:
        value, last = value + 1, last - 1
    body = masked[value:last]
    prose = key.group(1).lower() in _PROSE_KEYS or any(ord(ch) > 0x3000 for ch in body)
    if not prose or not body.strip():
        return blank
    return Line(index, start, value, last, LineKind.METADATA)
