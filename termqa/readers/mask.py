"""Masking: code, URLs, e-mail addresses, math and markup become spaces of the same length.

Masking never deletes: every masked character becomes a space (newlines and carriage returns
are kept), so an offset into the masked text is an offset into the file. Passes run in order on
the partly masked text, so a later pass never sees what an earlier one blanked (a `$` inside
inline code cannot open math, a URL inside a link target is gone with the target).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

_NOT_NEWLINE = re.compile(r"[^\r\n]")

# A line break that does not end a paragraph (inline constructs never cross a blank line).
_SOFT_NL = r"\n(?![ \t]*\r?(?:\n|\Z))"
_JA = "\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"

_FENCE = re.compile(
    r"^[ \t]{0,3}(?:(?P<bt>`{3,})[^`\n]*|(?P<tl>~{3,})[^\n]*)$"
    r"(?:.*?\n[ \t]{0,3}(?(bt)(?P=bt)`*|(?P=tl)~*)[ \t]*\r?(?=\n|\Z)|.*\Z)",
    re.MULTILINE | re.DOTALL,
)
# Inline constructs are searched for at most this many characters past their opening, so a
# page of unmatched openers costs linear time, not quadratic.
_INLINE_MAX = 1000
_DISPLAY_MAX = 2000
# A backtick string closes at the next run of exactly as many backticks (CommonMark); a run of
# another length inside is taken whole (possessively), which keeps the search linear.
_CODE = re.compile(
    rf"(?<!`)(?P<ticks>`++)(?:[^`\n]|{_SOFT_NL}|(?!(?P=ticks)(?!`))`++){{1,{_INLINE_MAX}}}?"
    r"(?<!`)(?P=ticks)(?!`)"
)
_MATH_DISPLAY = re.compile(rf"(?<!\\)\$\$(?:[^$\n]|\$(?!\$)|{_SOFT_NL}){{1,{_DISPLAY_MAX}}}?\$\$")
_MATH_BRACKET = re.compile(rf"\\\[(?:[^\n]|{_SOFT_NL}){{1,{_DISPLAY_MAX}}}?\\\]")
_MATH_PAREN = re.compile(rf"\\\((?:[^\n]|{_SOFT_NL}){{1,{_INLINE_MAX}}}?\\\)")
# Pandoc's rule for inline math: the opening `$` is followed by a non-space, the closing `$`
# follows a non-space and is not followed by a digit; both sit on one line. On top of that the
# body holds no Japanese and does not read as an amount followed by words ("$300 per month$"),
# so "$5 and $10", "$5-$10" and "US$5B and US$10B" stay text.
_MATH_INLINE = re.compile(
    rf"(?<![\\$])\$(?=[^\s$])(?!\d[\d,.]*[kKMBT]?\s+[A-Za-z]{{2}})"
    rf"[^$\n{_JA}]*?[^\s$\\{_JA}]\$(?![\d$])"
)
_IMAGE = re.compile(
    r"!\[[^\]\n]*\](?:\((?:[^()\s]|\([^()\s]*\))*(?:[ \t]+\"[^\"\n]*\")?\)|\[[^\]\n]*\])"
)
_LINK_TEXT = r"(?P<keep>[^\[\]\n]*(?:\[[^\[\]\n]*\][^\[\]\n]*)*)"
_LINK = re.compile(
    rf"\[{_LINK_TEXT}\]\((?:[^()\s]|\([^()\s]*\))*"
    r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'))?\)"
)
_REF_LINK = re.compile(r"\[(?P<keep>[^\[\]\n]+)\]\[[^\[\]\n]*\]")
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")
_REF_DEF = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S[^\n]*?(?=\r?$)", re.MULTILINE)
_AUTOLINK = re.compile(
    r"<(?:(?:https?|ftp|mailto):[^<>\s]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)>"
)
_TAG_NAMES = (
    "a|abbr|b|bdi|bdo|blockquote|br|button|caption|center|cite|code|col|colgroup|dd|del|"
    "details|dfn|div|dl|dt|em|embed|figcaption|figure|font|footer|h[1-6]|header|hr|i|iframe|"
    "img|input|ins|kbd|label|li|mark|nav|ol|p|picture|pre|q|rp|rt|ruby|s|samp|script|section|"
    "small|source|span|strike|strong|style|sub|summary|sup|svg|table|tbody|td|tfoot|th|thead|"
    "tr|tt|u|ul|var|video|wbr|math|mi|mo|mn|mrow|path|article|aside|main|iframe|object|param"
)
_TAG = re.compile(
    rf"</?(?:{_TAG_NAMES})(?=[\s/>])"
    r"(?:\s+[A-Za-z_:][-\w:.]*(?:\s*=\s*(?:\"[^\"<>\n]*\"|'[^'<>\n]*'|[^\s\"'=<>`]+))?)*\s*/?>",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_URL = re.compile(
    r"(?<![A-Za-z0-9.@/])(?:(?:https?|ftp)://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+"
)
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
    r"(?![A-Za-z0-9-])"
)
_QUOTE_MARKER = re.compile(r"^[ \t]{0,3}>(?:[ \t]?>)*[ \t]?", re.MULTILINE)
_TABLE_RULE = re.compile(
    r"^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?[ \t]*)?(?=\r?$)", re.MULTILINE
)
_SET_LIMIT = 4096
_URL_TRAILING = ".,;:!?'\"*"


def blank(text: str) -> str:
    """`text` with every character but newlines and carriage returns turned into a space."""
    return _NOT_NEWLINE.sub(" ", text)


def _blank_match(match: re.Match[str]) -> str:
    return blank(match.group(0))


def _blank_but_text(match: re.Match[str]) -> str:
    """Blank the markup of a link, keep its visible text."""
    start, end = match.span("keep")
    whole = match.group(0)
    base = match.start()
    return (
        blank(whole[: start - base]) + whole[start - base : end - base] + blank(whole[end - base :])
    )


def url_end(url: str) -> int:
    """Length of `url` without trailing punctuation that belongs to the sentence around it."""
    end = len(url)
    while end:
        last = url[end - 1]
        opener = {")": "(", "]": "["}.get(last)
        unbalanced = opener is not None and url.count(opener, 0, end) < url.count(last, 0, end)
        if last in _URL_TRAILING or unbalanced:
            end -= 1
            continue
        break
    return end


def _blank_url(match: re.Match[str]) -> str:
    url = match.group(0)
    end = url_end(url)
    return blank(url[:end]) + url[end:]


def _mask_comments(text: str) -> str:
    """Blank `<!-- … -->` comments; found with str.find, so unclosed ones cost linear time."""
    pieces: list[str] = []
    pos = 0
    while (start := text.find("<!--", pos)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        pieces += [text[pos:start], blank(text[start : end + 3])]
        pos = end + 3
    return "".join(pieces) + text[pos:] if pieces else text


def _regex_pass(
    pattern: re.Pattern[str], handler: Callable[[re.Match[str]], str]
) -> Callable[[str], str]:
    return functools.partial(pattern.sub, handler)


# Each pass: characters one of which its construct must contain (the pass is skipped on text
# without any of them), and the function that blanks the construct.
_PASSES: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("`~", _regex_pass(_FENCE, _blank_match)),
    ("<", _mask_comments),
    ("`", _regex_pass(_CODE, _blank_match)),
    ("$", _regex_pass(_MATH_DISPLAY, _blank_match)),
    ("\\", _regex_pass(_MATH_BRACKET, _blank_match)),
    ("\\", _regex_pass(_MATH_PAREN, _blank_match)),
    ("$", _regex_pass(_MATH_INLINE, _blank_match)),
    ("!", _regex_pass(_IMAGE, _blank_match)),
    ("[", _regex_pass(_LINK, _blank_but_text)),
    ("[", _regex_pass(_REF_DEF, _blank_match)),
    ("[", _regex_pass(_REF_LINK, _blank_but_text)),
    ("[", _regex_pass(_FOOTNOTE, _blank_match)),
    ("<", _regex_pass(_AUTOLINK, _blank_match)),
    ("<", _regex_pass(_TAG, _blank_match)),
    ("&", _regex_pass(_ENTITY, _blank_match)),
    ("/w", _regex_pass(_URL, _blank_url)),
    ("@", _regex_pass(_EMAIL, _blank_match)),
    (">", _regex_pass(_QUOTE_MARKER, _blank_match)),
    ("-", _regex_pass(_TABLE_RULE, _blank_match)),
)


def mask(text: str) -> str:
    """The masked version of `text`: same length, same newlines, markup blanked out."""
    # A set of the characters answers the trigger tests fastest for short texts (table cells);
    # long texts are searched directly.
    present = frozenset(text) if len(text) < _SET_LIMIT else None
    for trigger, apply in _PASSES:
        found = (
            not present.isdisjoint(trigger)
            if present is not None
            else any(ch in text for ch in trigger)
        )
        if found:
            text = apply(text)
    return text
