"""Sudachi normalized forms of glossary strings, tokenized in a few large batches."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from termqa.glossary.fold import fold

if TYPE_CHECKING:
    from termqa.text.ja import JaTools, Token

# Strings are joined with a sentence stop, which Sudachi always keeps as a token of its own:
# one call per batch costs a third of one call per string.
_JOIN = "。"
_BATCH = 4000  # characters; JaTools cuts lines longer than 8000


@cache
def shared_tools() -> JaTools:
    """One tokenizer for glossary compilation when the caller has none to lend."""
    from termqa.text.ja import JaTools  # noqa: PLC0415

    return JaTools()


def normalize_all(strings: Sequence[str], ja: JaTools | None = None) -> dict[str, tuple[str, ...]]:
    """Folded normalized forms of each string's tokens (empty tuple if it has no tokens)."""
    tools = ja or shared_tools()
    out: dict[str, tuple[str, ...]] = {}
    batch: list[str] = []
    size = 0
    for string in strings:
        if _JOIN in string or "\n" in string or len(string) > _BATCH:
            out[string] = _forms(tools.tokens(string))
            continue
        if size + len(string) > _BATCH and batch:
            out.update(_normalize_batch(batch, tools))
            batch, size = [], 0
        batch.append(string)
        size += len(string) + 1
    if batch:
        out.update(_normalize_batch(batch, tools))
    return out


def _normalize_batch(batch: list[str], tools: JaTools) -> dict[str, tuple[str, ...]]:
    tokens = tools.tokens(_JOIN.join(batch))
    out: dict[str, tuple[str, ...]] = {}
    k = 0
    start = 0
    for string in batch:
        end = start + len(string)
        while k < len(tokens) and tokens[k].end <= start:
            k += 1
        first = k
        while k < len(tokens) and tokens[k].start < end:
            k += 1
        inside = tokens[first:k]
        if inside and (inside[0].start != start or inside[-1].end != end):
            out[string] = _forms(tools.tokens(string))  # a token crossed the stop: do it alone
        else:
            out[string] = _forms(inside)
        start = end + len(_JOIN)
    return out


def _forms(tokens: Sequence[Token]) -> tuple[str, ...]:
    return tuple(fold(t.normalized) for t in tokens)
