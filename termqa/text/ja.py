"""Japanese analysis with SudachiPy: tokens with offsets and normalized forms."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Token:
    surface: str
    normalized: str  # Sudachi's normalized form; lower-cases unknown ASCII, so never for casing
    pos: str  # first part-of-speech field (名詞, 助詞, 補助記号, …)
    start: int
    end: int


# Sudachi refuses inputs over ~49 KB; lines are far below that, but a pathological line is cut.
_MAX_CHUNK = 8000


class JaTools:
    """One Sudachi tokenizer (mode C, all fields) shared by every check of a run.

    Tokenization is cached per text because several rule families read the same segment.
    """

    def __init__(self) -> None:
        from sudachipy import Dictionary, SplitMode  # noqa: PLC0415  (keeps --help fast)

        self._tokenizer: Any = Dictionary().tokenizer(mode=SplitMode.C)
        self._cache: dict[str, tuple[Token, ...]] = {}

    def tokens(self, text: str) -> tuple[Token, ...]:
        cached = self._cache.get(text)
        if cached is None:
            cached = tuple(self._tokenize(text))
            if len(self._cache) > 20000:
                self._cache.clear()
            self._cache[text] = cached
        return cached

    def splits_at(self, word: str, at: int) -> bool:
        """Whether `word` (a short run, such as one katakana compound) may be cut at offset
        `at`: a boundary of Sudachi's finest (mode A) split, or inside a word Sudachi does not
        know. `サンプリング` cannot be cut after `サン`; `ユーザーインターフェース` can after
        `ユーザー`."""
        from sudachipy import SplitMode  # noqa: PLC0415

        for m in self._tokenizer.tokenize(word):
            if m.begin() < at < m.end():
                return bool(m.is_oov()) or any(s.begin() == at for s in m.split(SplitMode.A))
        return True

    def _tokenize(self, text: str) -> list[Token]:
        out: list[Token] = []
        base = 0
        for line in text.splitlines(keepends=True):
            for i in range(0, len(line), _MAX_CHUNK):
                chunk = line[i : i + _MAX_CHUNK]
                if chunk.strip():
                    out.extend(self._tokenize_chunk(chunk, base + i))
            base += len(line)
        return out

    def _tokenize_chunk(self, chunk: str, base: int) -> list[Token]:
        out = []
        for m in self._tokenizer.tokenize(chunk):
            surface = m.surface()
            if not surface.strip():
                continue
            out.append(
                Token(
                    surface=surface,
                    normalized=m.normalized_form(),
                    pos=m.part_of_speech()[0],
                    start=base + m.begin(),
                    end=base + m.end(),
                )
            )
        return out
