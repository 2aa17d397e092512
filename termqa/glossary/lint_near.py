"""Near-duplicate English terms, found without comparing every pair in Python.

Two passes. First, forms that are equal once case, hyphens, spaces and punctuation are
removed (`Mixture-of-Experts` / `Mixture of Experts`, `fine-tuning` / `finetuning`) collide
in a dict, whatever the entries' kinds. Then the keys of translated terms are blocked by
first letter, and `rapidfuzz.process.cdist` (Indel distance with a cutoff, in C) compares
each band of one length within a block against the keys at most `MAX_EDITS` longer, the
only ones that can be that close; 10,000 keys take a few hundredths of a second.

A close pair counts when its forms differ in one word of five letters or more that keeps its
first letter, by a letter added (`tokenizer` / `tokenizers`, `modeling` / `modelling`), an
`es` ending, or a letter changed or two swapped in a word of eight or more (`regularisation`
/ `regularization`); a prefix (`supervised` / `unsupervised`), a short word (`top-k` /
`top-p`), a changed letter in a shorter word (`masking` / `marking`) or another number makes
a different term. Names (kind keep) are only compared in the first pass: `BLOOM` / `BLOOMZ`,
`GPT-Neo` / `GPT-NeoX` and `ConvNet` / `ConvNeXt` are different models.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from termqa.glossary.fold import fold
from termqa.glossary.lint_checks import describe, issue, where
from termqa.glossary.lint_model import Level, LintIssue
from termqa.glossary.model import Entry, Kind

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

MAX_EDITS = 2  # a plural `es`, or one edit (a transposition counts as one)
MIN_WORD = 5  # shorter words differ meaningfully by one letter (`top-k` / `top-p`)
MIN_CHANGED = 8  # a letter changed, not added: `masking` / `marking`, `optimiser` / `optimizer`
_DIGITS = re.compile(r"\d+")
_NOT_WORD = re.compile(r"[\W_]+")

Owners = dict[str, dict[int, str]]  # key -> entry index -> the form that has that key
Pairs = dict[tuple[int, int], tuple[str, str]]  # (earlier, later) entry -> their forms


def near_key(form: str) -> str:
    """The form case-folded, without spaces, hyphens and punctuation."""
    return _NOT_WORD.sub("", form.casefold())


def near_duplicates(entries: Sequence[Entry]) -> list[LintIssue]:
    """A warning for each pair of entries with forms that are equal or close as keys."""
    owners: Owners = {}
    for i, entry in enumerate(entries):
        for form in entry.english_forms:
            key = near_key(form)
            if key:
                owners.setdefault(key, {}).setdefault(i, form)
    pairs: Pairs = {}
    for forms in owners.values():
        if len(forms) > 1:
            _add_pairs(pairs, forms, forms, fuzzy=False)
    translated = {
        key: {i: form for i, form in forms.items() if entries[i].kind is Kind.TRANSLATE}
        for key, forms in owners.items()
    }
    keys = [k for k, forms in translated.items() if len(k) >= MIN_WORD and forms]
    for a, b in close_keys(keys):
        _add_pairs(pairs, translated[a], translated[b], fuzzy=True)
    return [_issue(entries, i, j, forms) for (i, j), forms in sorted(pairs.items())]


def _add_pairs(pairs: Pairs, left: dict[int, str], right: dict[int, str], *, fuzzy: bool) -> None:
    """Pairs of different entries, except forms equal but for case (the casing check's)."""
    for i, form_i in left.items():
        for j, form_j in right.items():
            if i == j or fold(form_i) == fold(form_j):
                continue
            if fuzzy and not is_variant(form_i, form_j):
                continue
            key = (i, j) if i < j else (j, i)
            pairs.setdefault(key, (form_i, form_j) if i < j else (form_j, form_i))


def is_variant(a: str, b: str) -> bool:
    """Whether two close forms spell one term (see the module docstring)."""
    words_a, words_b = _NOT_WORD.split(a.casefold()), _NOT_WORD.split(b.casefold())
    if len(words_a) != len(words_b) or _DIGITS.findall(a) != _DIGITS.findall(b):
        return False
    differ = [(x, y) for x, y in zip(words_a, words_b, strict=True) if x != y]
    if len(differ) != 1:
        return False
    short, long = sorted(differ[0], key=len)
    if len(short) < MIN_WORD or short[0] != long[0]:
        return False
    if long.startswith(short) and long[len(short) :] == "es":
        return True
    from rapidfuzz.distance import OSA  # noqa: PLC0415  (lint only)

    if len(short) == len(long) and len(short) < MIN_CHANGED:
        return False
    return OSA.distance(short, long, score_cutoff=1) <= 1


def close_keys(keys: Sequence[str]) -> list[tuple[str, str]]:
    """Pairs of `keys` that could be variants: the same first letter, at most MAX_EDITS
    insertions and deletions apart (which covers one substitution or transposition)."""
    blocks: dict[str, list[str]] = {}
    for key in keys:
        blocks.setdefault(key[0], []).append(key)
    found: list[tuple[str, str]] = []
    for block in blocks.values():
        if len(block) > 1:
            found += _close_in_block(sorted(block, key=len))
    return found


def _close_in_block(keys: list[str]) -> list[tuple[str, str]]:
    """Close pairs of `keys` (sorted by length): each band of one length against itself and
    the keys up to MAX_EDITS longer, the only ones that can be that close."""
    from rapidfuzz import process  # noqa: PLC0415  (lint only)
    from rapidfuzz.distance import Indel  # noqa: PLC0415

    lengths = [len(k) for k in keys]
    found: list[tuple[str, str]] = []
    start = 0
    while start < len(keys):
        stop = bisect_right(lengths, lengths[start], lo=start)
        limit = bisect_right(lengths, lengths[start] + MAX_EDITS, lo=stop)
        if limit - start > 1:
            distances: npt.NDArray[np.int8] = process.cdist(
                keys[start:stop],
                keys[start:limit],
                scorer=Indel.distance,
                score_cutoff=MAX_EDITS,
                dtype="int8",
                workers=1,  # blocks are small: threads cost more than they save (measured)
            )
            rows, cols = (distances <= MAX_EDITS).nonzero()
            found.extend(
                (keys[start + r], keys[start + c])
                for r, c in zip(rows.tolist(), cols.tolist(), strict=True)
                if r < c
            )
        start = stop
    return found


def _issue(entries: Sequence[Entry], i: int, j: int, forms: tuple[str, str]) -> LintIssue:
    first, later = entries[i], entries[j]
    message = (
        f"{describe(later, forms[1])} is a near-duplicate of {describe(first, forms[0])} "
        f"at {where(first, later)}"
    )
    return issue(later, "near-duplicate", Level.WARNING, message)
