"""Latin token runs (ASCII and full-width) and what makes a run an identifier.

Runs are found on a width-folded copy of the text: full-width ASCII is mapped to ASCII one
character for one, so every offset into the folded text is an offset into the original.
"""

from __future__ import annotations

import itertools
import re
import string
from dataclasses import dataclass

# Length-preserving fold: NFKC's mapping of full-width ASCII (U+FF01..U+FF5E), plus the
# ideographic and no-break spaces and the Unicode hyphens that sit inside model names.
_FOLD = str.maketrans(
    {
        **{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)},
        "\u3000": " ",
        "\u00a0": " ",
        "\u2010": "-",
        "\u2011": "-",
    }
)

_FOLDABLE = re.compile("[\uff01-\uff5e\u3000\u00a0\u2010\u2011]")

# A run: alphanumerics joined by inner connectors, with an optional `++`/`#` tail (C++, C#).
# A connector only counts when an alphanumeric follows it, so sentence punctuation after a
# term (`LLM.`, `H100,`) never belongs to the run.
_RUN_BODY = r"[A-Za-z0-9]+(?:[-_./+][A-Za-z0-9]+)*(?:\+\+|#(?![A-Za-z0-9]))?"
_RUN = re.compile(_RUN_BODY)
_HYPHEN_PART = re.compile(r"[^-]+")
# A plain word: lower case, perhaps capitalised, perhaps hyphenated (`Chain-of-Thought`).
_PLAIN_BODY = r"[A-Za-z][a-z]*(?:-[A-Za-z][a-z]*)*"
_PLAIN = re.compile(_PLAIN_BODY)
# A run that is not a plain word, found without visiting plain words in Python: the run
# may not be a plain word that ends where the run ends.
_RUN_GOES_ON = r"[A-Za-z0-9]|[-_./+][A-Za-z0-9]|\+\+|#(?![A-Za-z0-9])"
_NAME_RUN = re.compile(rf"(?<![A-Za-z0-9])(?!{_PLAIN_BODY}(?!{_RUN_GOES_ON})){_RUN_BODY}")
# What may separate the words of an English phrase quoted in Japanese text.
_PHRASE_GAP = frozenset(" ,;:\"'()")
_UPPER = re.compile(r"[A-Z]")
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_DIGITS = re.compile(r"\d+")
_VOWEL = re.compile(r"[aeiouy]")
_CONSONANTS = re.compile(r"[bcdfghjklmnpqrstvwxz]{3}")
_ONSETS = frozenset({"str", "spr", "scr", "spl", "sch", "thr", "shr", "chr", "phr"})
_ROMAN = re.compile(r"(?:X{0,3})(?:IX|IV|V?I{0,3})")
# Number-like runs (`7B`, `128k`, `2nd`, `3D`, `1080p`, `3e-4`) are quantities, not names.
_NUMBERISH = re.compile(r"\d[\d.,]*(?:[eE]-?\d+)?[A-Za-z]{0,3}")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Common words that take a number as a hyphenated label: `top-5`, `Stage-2`, `layer-12`.
_LABEL_WORDS = _words(
    "top step stage layer round phase level type version figure fig table section chapter "
    "appendix part day week epoch iter iteration block head task shot way bit"
)
# Capitals that are not names: abbreviations writers routinely translate, units, and short
# English words written in capitals for emphasis in prompts ("Do NOT", "Answer YES or NO").
_NOT_NAMES = _words(
    "OK AM PM US USA UK EU UN CEO CTO CFO FAQ TV DIY PS NB TBD TODO FYI ETA ASAP "
    "KB MB GB TB PB KiB MiB GiB TiB ms "
    "NOT NO YES DO DONT ALL ANY AND OR THE IF ONLY MUST NOTE STOP TRUE NONE NULL END YOU"
)
# Short English words that are also ML acronyms; inside an English phrase they are words.
_COMMON_SHORT_WORDS = _words(
    "hmm opt arc rag rat ram sac sam mit os it us am pm cat can dim gem art bet pal ace ape "
    "pet sat mac tan bat pen cot dot fig web"
)


@dataclass(frozen=True, slots=True)
class Run:
    """A Latin token run: `text` as written, `folded` after the width fold (same length)."""

    start: int
    end: int
    text: str
    folded: str


def fold_width(text: str) -> str:
    """Full-width ASCII to ASCII, character for character (len(result) == len(text))."""
    if text.isascii() or not _FOLDABLE.search(text):
        return text  # the common case, decided in C without building a copy
    return text.translate(_FOLD)


def latin_runs(text: str) -> list[Run]:
    """Every Latin token run in `text`, with offsets into `text`."""
    folded = fold_width(text)
    return [
        Run(m.start(), m.end(), text[m.start() : m.end()], m.group()) for m in _RUN.finditer(folded)
    ]


def name_runs(text: str) -> list[Run]:
    """The runs of `text` that may be identifiers: plain words (`the`, `Model`,
    `state-of-the-art`) are left out, which makes English text cheap to scan."""
    folded = fold_width(text)
    return [
        Run(m.start(), m.end(), text[m.start() : m.end()], m.group())
        for m in _NAME_RUN.finditer(folded)
    ]


def is_plain_word(token: str) -> bool:
    """Lower case, perhaps capitalised, perhaps hyphenated: `the`, `Model`, `Few-Shot`."""
    if token.isalpha():
        return len(token) == 1 or token[1:].islower()
    return "-" in token and _PLAIN.fullmatch(token) is not None


def split_slash(run: Run) -> list[Run]:
    """`RAG/LLM` as `RAG` and `LLM` (a slash joins names more often than it names one)."""
    if "/" not in run.folded:
        return [run]
    parts: list[Run] = []
    pos = 0
    for piece in run.folded.split("/"):
        start = run.start + pos
        parts.append(Run(start, start + len(piece), run.text[pos : pos + len(piece)], piece))
        pos += len(piece) + 1
    return [p for p in parts if p.folded]


def hyphen_parts(run: Run) -> list[Run]:
    """The hyphen-separated parts of a run (`Deepseek` and `V3` in `Deepseek-V3`)."""
    return [
        Run(run.start + m.start(), run.start + m.end(), run.text[m.start() : m.end()], m.group())
        for m in _HYPHEN_PART.finditer(run.folded)
    ]


def core(run: Run) -> Run:
    """The run without leading/trailing lowercase word parts: `LLM` in `LLM-based`,
    `GPU` in `multi-GPU`; the run itself when that would leave no identifier."""
    if "-" not in run.folded:
        return run
    parts = hyphen_parts(run)
    lo, hi = 0, len(parts)
    while lo < hi and parts[lo].folded.isalpha() and parts[lo].folded.islower():
        lo += 1
    while hi > lo and parts[hi - 1].folded.isalpha() and parts[hi - 1].folded.islower():
        hi -= 1
    if lo == hi or (lo == 0 and hi == len(parts)):
        return run
    start, end = parts[lo].start, parts[hi - 1].end
    inner = Run(
        start,
        end,
        run.text[start - run.start : end - run.start],
        run.folded[start - run.start : end - run.start],
    )
    return inner if is_identifier(inner.folded) else run


def has_inner_capital(word: str) -> bool:
    """A capital after a lowercase letter (`PyTorch`, `vLLM`, `LoRA`, `iPhone`)."""
    return any(a.islower() and b.isupper() for a, b in itertools.pairwise(word))


def is_acronym(word: str) -> bool:
    """Two or more capitals (`RAG`, `LLMs`, `VLM`), not a roman numeral or common abbreviation."""
    letters = word.replace(".", "")
    if len(_UPPER.findall(letters)) < 2 or not letters.isalpha():
        return False
    base = letters[:-1] if letters.endswith("s") else letters
    return not (_ROMAN.fullmatch(base) or base in _NOT_NAMES or letters in _NOT_NAMES)


def _is_labelled_number(token: str) -> bool:
    """`top-5`, `Stage-2`, `3-shot`: a common word and a number, not a name."""
    parts = token.split("-")
    words = [p for p in parts if not p.isdigit()]
    return len(words) == 1 and len(parts) == 2 and words[0].lower() in _LABEL_WORDS


def _has_letters_and_digits(token: str) -> bool:
    if not (any(c.isdigit() for c in token) and any(c.isalpha() for c in token)):
        return False
    if _NUMBERISH.fullmatch(token) or _is_labelled_number(token):
        return False
    return token[0].isalpha() or any(
        p[:1].isalpha() and any(c.isdigit() for c in p) for p in token.split("-")
    )


def is_identifier(token: str, keep: frozenset[str] = frozenset()) -> bool:
    """An acronym, a mixed-case name, a name with a version or size, or a glossary keep term.

    Plain English words (`the`, `Model`, `Attention` at sentence start) are not identifiers.
    `keep` holds extra forms that count (glossary do-not-translate terms).
    """
    if token in keep:
        return True
    if token in _NOT_NAMES or is_plain_word(token):
        return False
    if _has_letters_and_digits(token):
        return True
    words = re.split(r"[-_./+]", token)
    return any(is_acronym(w) or has_inner_capital(w) for w in words if w)


def is_shouted_word(token: str) -> bool:
    """A long all-capital word (`IMPORTANT`, `ALWAYS`, `CONTEXT`): emphasis or a label in a
    prompt template. Real acronyms are short; long all-capital names (`NVIDIA`, `BLOOM`)
    count only through the glossary."""
    return len(token) >= 5 and token.isalpha() and token.isupper()


def is_common_word(token: str) -> bool:
    """A short English word that an acronym also spells (`hmm`/HMM, `opt`/OPT, `arc`/ARC)."""
    return token.lower() in _COMMON_SHORT_WORDS


def is_clear_name(canonical: str) -> bool:
    """A name that no English word spells: with a digit, an inner capital, or a short
    acronym (`GPT-4o`, `LoRA`, `URL`); unlike `MATH`, `BLOOM`, `Python` or `pandas`."""
    return (
        any(c.isdigit() for c in canonical)
        or has_inner_capital(canonical)
        or (canonical.isupper() and len(canonical) <= 3)
    )


def spells_no_word(token: str) -> bool:
    """Letters no English word is made of: no vowel, or three consonants to begin with that
    no English word begins with (`rlhf`, `mmlu`, `grpo`, `nlp`); unlike `bert` or `math`."""
    letters = token.lower()
    onset = _CONSONANTS.match(letters)
    return not _VOWEL.search(letters) or (onset is not None and onset.group() not in _ONSETS)


def plural_base(token: str) -> str | None:
    """`LLM` for `LLMs` (an acronym with a plural s); None for anything else."""
    if len(token) >= 3 and token.endswith("s") and token[-2].isupper():
        return token[:-1]
    return None


def digit_sequence(token: str) -> tuple[str, ...]:
    """The digit groups of a token: names with different ones are different names."""
    return tuple(_DIGITS.findall(token))


def in_latin_phrase(text: str, run: Run) -> bool:
    """The run is a word of a space-separated Latin phrase (an English sentence or title
    quoted in the Japanese), not a term standing in Japanese text."""
    return _spaced_latin(text, run.start - 1, -1) or _spaced_latin(text, run.end, 1)


def _spaced_latin(text: str, i: int, step: int) -> bool:
    """A Latin letter comes next (going `step`), past a gap with at least one space."""
    spaced = False
    while 0 <= i < len(text) and text[i] in _PHRASE_GAP:
        spaced = spaced or text[i] == " "
        i += step
    return spaced and 0 <= i < len(text) and text[i].isascii() and text[i].isalpha()


def _is_latin(c: str) -> bool:
    return c.isascii() and c.isalnum()


def find_token(haystack: str, needle: str, *, ignore_case: bool = False) -> int:
    """Offset of `needle` in `haystack` as a whole token, or -1.

    Whole means: no ASCII letter or digit right before it, and after it neither a letter or
    digit nor a connector that carries the name on (`GPT-4` is not in `GPT-4o` or `GPT-4.5`).
    Japanese text, particles and punctuation around it are fine (`RAGを`, `LoRAで`).
    """
    if not needle:
        return -1
    hay = haystack.translate(_ASCII_LOWER) if ignore_case else haystack
    pin = needle.translate(_ASCII_LOWER) if ignore_case else needle
    start = hay.find(pin)
    while start >= 0:
        if _whole(haystack, start, start + len(pin)):
            return start
        start = hay.find(pin, start + 1)
    return -1


def _whole(text: str, start: int, end: int) -> bool:
    if start > 0 and _is_latin(text[start - 1]):
        return False
    if end >= len(text):
        return True
    nxt = text[end + 1 : end + 2]
    carried = text[end] in "-._+" and nxt.isascii() and (nxt.isdigit() or nxt.isupper())
    return not (_is_latin(text[end]) or carried)
