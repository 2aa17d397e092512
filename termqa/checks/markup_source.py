"""Markup rules that compare with the English source: link targets and inline code.

Both read the raw spans (`seg.source.raw`, `seg.target.raw`), because masking blanks exactly the
URLs and code these rules compare.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz.fuzz import ratio

from termqa.checks.base import Context, Rule
from termqa.model import Category, Hit, Segment, Severity
from termqa.readers.mask import url_end
from termqa.text.tokens import has_inner_capital

_DESTINATION = re.compile(r"\]\([ \t]*<?(?P<url>(?:[^()\s<>]|\([^()\s]*\))+)>?")
_AUTOLINK = re.compile(r"<(?P<url>(?:https?|ftp)://[^<>\s]+)>")
_BARE_URL = re.compile(
    r"(?<![A-Za-z0-9.@/(<\]])(?P<url>(?:https?|ftp)://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+)"
)
# Path segments and query parameters that only pick a language version of the same page.
_LANGUAGE_PART = re.compile(
    r"/(?:en|ja|jp|ja-jp|en-us)(?=/|$)|\.(?:en|ja|jp)(?=\.)|[?&](?:hl|lang)=[\w-]+", re.IGNORECASE
)
# A backtick string closes at the next run of exactly as many backticks (as in the masking).
_CODE = re.compile(
    r"(?<!`)(?P<ticks>`+)(?!`)(?P<code>(?:[^`\n]|(?!(?P=ticks)(?!`))`+)+?)(?<!`)(?P=ticks)(?!`)"
)
_CODE_MARK = re.compile(r"[()=_./:\[\]{}<>-]")
_PLAIN_WORD = re.compile(r"[A-Za-z]+[.,!?]?")
_WORDISH = re.compile(r"[A-Za-z0-9_]")
_SIMILAR = 60  # rapidfuzz ratio above which a changed item is the altered source item


@dataclass(frozen=True, slots=True)
class _Item:
    start: int
    end: int
    value: str  # as written
    key: str  # what is compared


def _links(raw: str) -> list[_Item]:
    items: dict[int, _Item] = {}
    for pattern in (_DESTINATION, _AUTOLINK, _BARE_URL):
        if "/" not in raw and "#" not in raw:
            break
        for m in pattern.finditer(raw):
            start = m.start("url")
            url = m.group("url")
            url = url[: url_end(url)] if pattern is _BARE_URL else url
            if url and start not in items:
                items[start] = _Item(start, start + len(url), url, _link_key(url))
    return sorted(items.values(), key=lambda item: item.start)


def _link_key(url: str) -> str:
    """The URL without what a translation may legitimately change: the language version,
    http for https, a trailing slash."""
    key = _LANGUAGE_PART.sub("", url.rstrip("/"))
    scheme, sep, rest = key.partition("://")
    if not sep:
        return key
    return (
        "https://" + rest if scheme.lower() in ("http", "https") else f"{scheme.lower()}://{rest}"
    )


def _code_spans(raw: str) -> list[_Item]:
    return [
        _Item(m.start("code"), m.end("code"), m.group("code"), m.group("code").strip(" '\""))
        for m in _CODE.finditer(raw)
        if "`" in raw
    ]


def link_target_mismatch(seg: Segment, _ctx: Context) -> Iterator[Hit]:
    """A URL or link target of the source is missing from the translation or was altered.

    Why: a changed URL leads readers to a wrong or dead page; a dropped one loses the reference
    the digest is about.

    Bad:
        source: The code is at https://github.com/example/kvsplit.
        target: コードはhttps://github.com/example/kvspilt で公開されています。
    Good:
        source: The code is at https://github.com/example/kvsplit.
        target: コードはhttps://github.com/example/kvsplit で公開されています。
    """
    if seg.source is None:
        return
    source = _links(seg.source.raw)
    if not source:
        return
    raw = seg.target.raw
    yield from _compare(source, _links(raw), raw, "link target", "URL")


def inline_code_mismatch(seg: Segment, _ctx: Context) -> Iterator[Hit]:
    """Inline code of the source is missing from the translation or was altered.

    Why: identifiers, commands and API names in backticks must be copied verbatim; an edited
    one no longer runs or names the wrong thing.

    Bad:
        source: Set `num_speculative_tokens` to 5.
        target: `num_speculation_tokens`を5に設定します。
    Good:
        source: Set `num_speculative_tokens` to 5.
        target: `num_speculative_tokens`を5に設定します。
    """
    if seg.source is None or "`" not in seg.source.raw:
        return
    source = [item for item in _code_spans(seg.source.raw) if _is_code(item.key)]
    if not source:
        return
    target_raw = seg.target.raw
    yield from _compare(source, _code_spans(target_raw), target_raw, "inline code", "inline code")


def _is_code(text: str) -> bool:
    """Code-like: code punctuation, digits or inner capitals (`system_prompt`, `top_k=5`,
    `TextGeneration`). A plain word (`prompt`) or a sentence in backticks is often translated
    on purpose, as emphasis or as an example."""
    if len(text) > 60 or not text.isascii():
        return False
    words = text.split()
    if len(words) >= 3 and sum(1 for w in words if _PLAIN_WORD.fullmatch(w)) * 10 >= len(words) * 6:
        return False  # mostly plain words: a phrase or sentence, not code
    return (
        _CODE_MARK.search(text) is not None
        or has_inner_capital(text)
        or (any(c.isdigit() for c in text) and any(c.isalpha() for c in text))
    )


def _compare(
    source: list[_Item], target: list[_Item], target_raw: str, what: str, noun: str
) -> Iterator[Hit]:
    """Source items the target lacks: each reported against the most similar target item that
    the source lacks (altered), or as missing. An item whose text is still in the target
    (the backticks or the link markup dropped) is not missing."""
    lost = _unmatched(source, target)
    added = _unmatched(target, source)
    for src in lost:
        if _still_there(src.key, target_raw):
            continue
        best = max(added, key=lambda t: ratio(src.key, t.key), default=None)
        if best is not None and ratio(src.key, best.key) >= _SIMILAR:
            added.remove(best)
            yield Hit(
                best.start,
                best.end,
                f"{what} '{best.value}' differs from source '{src.value}'",
                source=src.value,
            )
        else:
            yield Hit(
                0, 0, f"{noun} '{src.value}' in source is missing from target", source=src.value
            )


def _still_there(key: str, raw: str) -> bool:
    """`key` occurs in `raw` as a whole word (not `k` inside `rank`)."""
    at = raw.find(key)
    while at >= 0:
        before, after = raw[at - 1 : at], raw[at + len(key) : at + len(key) + 1]
        if not (_WORDISH.match(before) or _WORDISH.match(after)):
            return True
        at = raw.find(key, at + 1)
    return False


def _unmatched(items: list[_Item], others: list[_Item]) -> list[_Item]:
    """The items of `items` that no item of `others` matches (as multisets, in order)."""
    left = Counter(item.key for item in others)
    out = []
    for item in items:
        if left[item.key] > 0:
            left[item.key] -= 1
        else:
            out.append(item)
    return out


SOURCE_RULES: tuple[Rule, ...] = (
    Rule(
        "MK04",
        "link-target-mismatch",
        Category.MARKUP,
        Severity.MAJOR,
        check=link_target_mismatch,
        needs_source=True,
    ),
    Rule(
        "MK05",
        "inline-code-mismatch",
        Category.MARKUP,
        Severity.MAJOR,
        check=inline_code_mismatch,
        needs_source=True,
    ),
)
