"""prh's pattern semantics, for the prh reader and writer.

prh (textlint-rule-prh) turns a rule into one JavaScript regex: a pattern string of the form
`/source/flags` (flags from `gimy`) is a regex, any other string a literal; no pattern means
`expected` with each ASCII letter and digit widened to both cases and widths. prh then adds
the flags `gmu` (keeping only `i`), and checks each spec with `from.replace(regex, expected)`.
The emulation here covers rules without regex patterns exactly; regexes are never run (their
specs travel verbatim, see prh.py).
"""

from __future__ import annotations

import re
import string

from termqa.glossary.fold import is_japanese

REGEX = re.compile(r"^/(.*)/([gimy]*)$", re.S)  # prh's test for a regex pattern string
EN_LINE = re.compile(r"en: (.+)")  # a comment's first line naming a translate rule's term
REWRITE = re.compile(r"\$[$&`'0-9<]")  # replacement syntax: a regex rewrite, not a term
_SPECIAL = frozenset("\\*+.?{}()|^$[]/")  # what prh escapes in a literal pattern
_MISESCAPED = frozenset("-¥")
_HALF = string.ascii_lowercase + string.ascii_uppercase + string.digits
_FULL = "".join(chr(ord(c) + 0xFEE0) for c in _HALF)


def latin(text: str) -> bool:
    """Latin script: an ASCII letter and no kana or kanji (a keep term, read from prh)."""
    return not is_japanese(text) and any(c.isascii() and c.isalpha() for c in text)


def is_regex(pattern: str) -> bool:
    return REGEX.match(pattern) is not None


def literal_of(pattern: str) -> str | None:
    """The text a `/…/` pattern matches when it is an escaped literal without the `i`
    flag (as written for a forbidden string that looks like a regex), else None."""
    match = REGEX.match(pattern)
    if match is None or "i" in match.group(2):
        return None
    out: list[str] = []
    chars = iter(match.group(1))
    for c in chars:
        if c == "\\":
            escaped = next(chars, "")
            if escaped not in _SPECIAL:
                return None
            out.append(escaped)
        elif c in _SPECIAL:
            return None
        else:
            out.append(c)
    return "".join(out) or None


def written(plain: str) -> str:
    """A literal pattern as prh must read it: itself, or an escaped regex when it looks like
    one (`/usr/` would otherwise be the regex `usr`) or holds `-` or `¥`, which prh 5.4
    escapes into a regex its `u` flag refuses (`gpt\\-4`)."""
    if not is_regex(plain) and not any(c in _MISESCAPED for c in plain):
        return plain
    return "/" + "".join("\\" + c if c in _SPECIAL else c for c in plain) + "/"


def has_special(text: str) -> bool:
    """True when prh would read `text` as regex syntax were it the default pattern."""
    return any(c in _SPECIAL for c in text)


def compile_plain(
    expected: str, patterns: list[str] | None, *, word_boundary: bool = False
) -> re.Pattern[str] | None:
    """The regex prh builds for a rule whose patterns are all literals (None: no pattern,
    the default from `expected`); None when a pattern is a regex or it does not compile."""
    if patterns is not None:
        if any(is_regex(p) and literal_of(p) is None for p in patterns):
            return None
        patterns = [literal_of(p) or p for p in patterns]
    if patterns is None:
        source = "".join(_spread(c) for c in expected)
        parts = [rf"\b{source}\b" if word_boundary else source]
    elif word_boundary:
        parts = [rf"\b{p}\b" for p in patterns]  # prh adds boundaries without escaping
    else:
        parts = [re.escape(p) for p in patterns]
    try:
        return re.compile(
            "(?:" + "|".join(parts) + ")", re.M | (re.ASCII if word_boundary else re.NOFLAG)
        )
    except re.error:
        return None


def _spread(c: str) -> str:
    upper, lower = _HALF.find(c.upper()), _HALF.find(c.lower())
    if upper == -1 and lower == -1:
        return c  # prh leaves other characters as regex source, unescaped
    if upper == lower:
        return f"[{c}{_FULL[upper]}]"
    return f"[{c.upper()}{c.lower()}{_FULL[upper]}{_FULL[lower]}]"


def apply(regex: re.Pattern[str], expected: str, text: str) -> str:
    """`text.replace(regex, expected)` for an `expected` without replacement syntax."""
    return regex.sub(lambda _: expected, text)
