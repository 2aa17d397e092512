"""Batching texts under DeepL's request limits: 128 KiB of request body, 50 texts a request."""

from __future__ import annotations

import json
from collections.abc import Sequence

from termqa.errors import TermqaError

MAX_BODY = 128 * 1024
MAX_TEXTS = 50
# Room for the other parameters of a request (languages, tags, glossary id, options).
OVERHEAD = 1024


def body_size(text: str) -> int:
    """Bytes `text` takes in a JSON request body (the client sends JSON), with its comma."""
    return len(json.dumps(text).encode("utf-8")) + 2


def batches(
    texts: Sequence[str], *, max_body: int = MAX_BODY, max_texts: int = MAX_TEXTS
) -> list[list[int]]:
    """Indices of `texts` grouped in order so each group fits one request."""
    budget = max_body - OVERHEAD
    out: list[list[int]] = []
    size = 0
    for i, text in enumerate(texts):
        need = body_size(text)
        if need > budget:
            raise TermqaError(
                f"a paragraph of {len(text)} characters exceeds DeepL's request size limit "
                f"({max_body // 1024} KiB): split it"
            )
        if not out or len(out[-1]) >= max_texts or size + need > budget:
            out.append([])
            size = 0
        out[-1].append(i)
        size += need
    return out
