"""`termqa glossary suggest`: candidate entries mined from digests, as reviewable YAML.

Where terms come from: the English source of each segment, the text of segments with no
Japanese at all, and the Latin runs inside Japanese text (names stay in Latin script). A
blank spaCy English tokenizer (hyphenated words kept whole) and a rule-based Matcher find:
- acronyms: all-caps tokens of 2 or more letters (`KV`, `MMLU`; a plural `LLMs` counts as
  `LLM`);
- names: mixed case or letters with digits (`DeepSpeed`, `vLLM`, `GPT-4o`, `A100`), not
  quantities (`8B`, `3.5x`);
- phrases: 2 to 4 lower-case (or capitalized) non-stop words, or `X of Y`, or one hyphenated
  word (`mixture-of-experts`), lower-cased; a phrase is dropped for a longer one that contains
  it and occurs as often.
Counts are segments. Candidates the glossary knows are dropped: a term or alias (also with
hyphens for spaces or the reverse), a phrase made of known terms, a name that is a known
name plus a version (`Llama-3`).

Renderings, from bilingual segments: for a candidate in the source, the katakana runs, kanji
runs and katakana-kanji runs of the target, less the approved renderings of known terms in
that source, counted by segment. A run must occur with the candidate in at least half of
its own segments (so `モデル` is not everyone's rendering), at least twice when the candidate
was paired twice; a run is dropped for a longer one containing it with the same count. The
three best, by count, are the `ja` of a `translate` entry, with all counts in the note.
Acronyms and names are `keep`; so is a phrase kept in Latin script in at least half of its
translations. A phrase with no rendering is listed in a trailing comment, not as an entry.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from termqa.glossary.fold import fold, is_japanese
from termqa.glossary.model import Entry, Kind

if TYPE_CHECKING:
    from termqa.glossary.index import Glossary
    from termqa.model import Document, Segment

_KATA = "ァ-ヺー"
_KANJI = "\u3400-\u9fff々〆ヶ"
_RUNS = tuple(re.compile(f"[{chars}]{{2,}}") for chars in (_KATA, _KANJI, _KATA + _KANJI))
_LATIN_RUN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.+\-/' ]*[A-Za-z0-9+])?")
_VERSION = re.compile(r"[-_ ]?v?\d[\w.]*(?:-[\w.]+)*$")
_QUANTITY = re.compile(r"\d[\d.,]*[A-Za-z]{0,2}")
_ACRONYM = r"^[A-Z]{2,}s?$"
_NAME = (
    r"^(?=.*(?:[a-z][A-Z]|[A-Z]{2}[a-z]|[A-Za-z][-.]?\d|\d[-.]?[A-Za-z]))"
    r"[A-Za-z0-9][A-Za-z0-9.+\-]*[A-Za-z0-9+]$"
)
_WORD = r"^(?:[a-z]+|[A-Z][a-z]+)(?:-(?:[a-z]+|[A-Z][a-z]+))*$"
_HYPHENATED = r"^[a-z]{2,}(?:-[a-z]{2,})+$"
# Digest boilerplate that recurs without being terminology.
_GENERIC_WORDS = """
paper papers propose proposed proposes present presents show shows shown using used use uses
based approach method methods work works result results study studies week weekly issue digest
also new via improve improves improved compared achieve achieves existing different various
several many much high higher low lower better best first second third
state-of-the-art well-known so-called
"""
GENERIC = frozenset(_GENERIC_WORDS.split())
_SHOWN_RENDERINGS = 3


@dataclass
class _Tally:
    kind: str  # acronym | name | phrase
    forms: Counter[str] = field(default_factory=Counter)
    segments: int = 0
    paired: int = 0  # bilingual segments whose source has the term
    verbatim: int = 0  # of those, segments whose target keeps it in Latin script
    renderings: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True, slots=True)
class Candidate:
    term: str
    kind: Kind | None  # None: a phrase seen with no rendering
    count: int
    renderings: tuple[tuple[str, int], ...] = ()
    note: str = ""


class _Miner:
    """spaCy's blank English tokenizer and the Matcher patterns, built once per run."""

    def __init__(self) -> None:
        import spacy  # noqa: PLC0415  (slow to import: only `suggest` needs it)
        from spacy.matcher import Matcher  # noqa: PLC0415
        from spacy.util import compile_infix_regex, compile_suffix_regex  # noqa: PLC0415

        self.nlp = spacy.blank("en")
        defaults = self.nlp.Defaults
        infixes = [x for x in defaults.infixes or () if not _splits_names(str(x))]
        suffixes = [x for x in defaults.suffixes or () if not _splits_names(str(x))]
        tokenizer: Any = self.nlp.tokenizer
        tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        tokenizer.suffix_search = compile_suffix_regex(suffixes).search
        self.matcher = Matcher(self.nlp.vocab)
        generic = {"NOT_IN": sorted(GENERIC)}
        word = {"TEXT": {"REGEX": _WORD}, "LENGTH": {">=": 3}, "IS_STOP": False, "NORM": generic}
        hyphenated = {"TEXT": {"REGEX": _HYPHENATED}, "NORM": generic}
        self.matcher.add("acronym", [[{"TEXT": {"REGEX": _ACRONYM}}]])
        self.matcher.add("name", [[{"TEXT": {"REGEX": _NAME}}]])
        phrases = [[word] * n for n in (2, 3, 4)] + [[word, {"LOWER": "of"}, word], [hyphenated]]
        self.matcher.add("phrase", phrases)

    def terms(self, text: str, glossary: Glossary) -> dict[str, tuple[str, str]]:
        """Candidate key → (kind, surface) in one text, outside the glossary's terms."""
        doc = self.nlp(text)
        known = {i for m in glossary.find_english(text) for i in range(m.start, m.end)}
        found: dict[str, tuple[str, str]] = {}
        for match_id, start, end in self.matcher(doc):
            if start and doc[start - 1].text in "./" and not doc[start - 1].whitespace_:
                continue  # part of a dotted or slashed identifier (`cs.CL`, `a/B`)
            span = doc[start:end]
            if span.start_char in known and span.end_char - 1 in known:
                continue  # inside a known term (`vision-language` in `vision-language model`)
            kind = self.nlp.vocab.strings[match_id]
            surface = span.text
            if kind == "acronym":
                key = surface[:-1] if surface.endswith("s") else surface
            elif kind == "name":
                if _QUANTITY.fullmatch(surface):
                    continue
                key = surface
            else:
                key = surface.lower()
            found.setdefault(key, (kind, surface))
        return found


def _splits_names(rule: str) -> bool:
    """The tokenizer rules that split `mixture-of-experts`, `Llama-3-8B` and `GSM8K`."""
    return "|–|" in rule or rule.startswith((r"(?<=[0-9])[+\-", "(?<=[0-9])(?:km"))


def suggest_yaml(
    paths: Sequence[str],
    glossaries: Sequence[str],
    *,
    default_glossary: bool = True,
    min_count: int = 2,
) -> tuple[str, list[str]]:
    """The YAML `termqa glossary suggest` prints, and warnings."""
    from termqa.document import collect_inputs, read_document  # noqa: PLC0415
    from termqa.glossary.io import load_glossaries  # noqa: PLC0415

    docs = [read_document(path) for path in collect_inputs(paths)]
    glossary = load_glossaries(glossaries, default=default_glossary)
    candidates = mine(docs, glossary, min_count=min_count)
    warnings = []
    if not any(doc.bilingual for doc in docs):
        warnings.append("no bilingual digest given: no Japanese renderings were mined")
    return render(candidates, len(docs)), warnings


def mine(docs: Iterable[Document], glossary: Glossary, *, min_count: int = 2) -> list[Candidate]:
    """Candidates the glossary lacks, most frequent first."""
    miner = _Miner()
    tallies: dict[str, _Tally] = {}
    runs: Counter[str] = Counter()  # bilingual segments holding each Japanese run
    for doc in docs:
        for seg in doc.segments:
            _segment(seg, miner, glossary, tallies, runs)
    kept = {
        key: tally
        for key, tally in tallies.items()
        if tally.segments >= min_count and not _known(tally, glossary)
    }
    kept = _drop_contained(kept)
    found = [_candidate(tally, runs) for tally in kept.values()]
    return sorted(found, key=lambda c: (-c.count, c.term.casefold(), c.term))


def _segment(
    seg: Segment,
    miner: _Miner,
    glossary: Glossary,
    tallies: dict[str, _Tally],
    runs: Counter[str],
) -> None:
    target = seg.text
    japanese = is_japanese(target)
    english = seg.source_text if seg.source is not None else ("" if japanese else target)
    in_source = miner.terms(english, glossary) if english.strip() else {}
    found = dict(in_source)
    for run in _LATIN_RUN.findall(target) if japanese else ():
        for key, value in miner.terms(run, glossary).items():
            found.setdefault(key, value)
    bilingual = seg.source is not None and japanese
    pieces = {m.group() for regex in _RUNS for m in regex.finditer(target)} if bilingual else set()
    runs.update(pieces)
    known = {j for m in glossary.find_english(english) for j in m.entry.ja} if pieces else set()
    folded = fold(target)
    for key, (kind, surface) in found.items():
        tally = tallies.setdefault(_tally_key(key, kind), _Tally(kind))
        tally.segments += 1
        tally.forms[surface if kind == "name" else key] += 1
        if bilingual and key in in_source:
            tally.paired += 1
            tally.verbatim += fold(key) in folded
            tally.renderings.update(pieces - known)


def _tally_key(key: str, kind: str) -> str:
    """Names and acronyms that differ only in case are one candidate (`Deepspeed`)."""
    return key if kind == "phrase" else f"\0{key.casefold()}"


def _known(tally: _Tally, glossary: Glossary) -> bool:
    term = _term(tally)
    forms = {term, *tally.forms, term.replace("-", " "), term.replace(" ", "-")}
    if any(glossary.lookup(form) is not None for form in forms):
        return True
    if tally.kind == "name":
        bases = {_VERSION.sub("", form) for form in tally.forms} - set(tally.forms) - {""}
        return any(glossary.lookup(base) is not None for base in bases)
    if tally.kind == "phrase":
        covered: set[int] = set()
        for match in glossary.find_english(term):
            covered.update(range(match.start, match.end))
        return all(i in covered for i, c in enumerate(term) if c.isalnum())
    return False


def _drop_contained(tallies: dict[str, _Tally]) -> dict[str, _Tally]:
    """Drop a phrase inside a longer one seen as often (`expert mixing` in `sparse expert
    mixing`), looking up each phrase's sub-spans rather than comparing all pairs."""
    dropped = set()
    for key, tally in tallies.items():
        words = key.split(" ") if tally.kind == "phrase" else []
        spans = [(a, b) for a in range(len(words)) for b in range(a + 1, len(words) + 1)]
        for inside in (" ".join(words[a:b]) for a, b in spans if b - a < len(words)):
            inner = tallies.get(inside)
            if inner is not None and inner.segments == tally.segments:
                dropped.add(inside)
    return {k: t for k, t in tallies.items() if k not in dropped}


def _term(tally: _Tally) -> str:
    """The most frequent spelling, preferring one with capitals (a source may be
    lower-cased, see DIGESTS.md); phrases are lower-case."""
    cased = [form for form, _ in tally.forms.most_common() if form != form.lower()]
    return cased[0] if cased and tally.kind != "phrase" else tally.forms.most_common(1)[0][0]


def _candidate(tally: _Tally, runs: Counter[str]) -> Candidate:
    term = _term(tally)
    seen = f"seen {tally.segments} times"
    if tally.kind != "phrase" or (tally.paired and 2 * tally.verbatim >= tally.paired):
        return Candidate(term, Kind.KEEP, tally.segments, note=seen + _keep_note(tally, term))
    renderings = _renderings(tally, runs)
    if not renderings:
        return Candidate(term, None, tally.segments, note=seen)
    shown = ", ".join(f"{r} ({n})" for r, n in renderings)
    return Candidate(
        term, Kind.TRANSLATE, tally.segments, renderings, f"{seen}; renderings: {shown}"
    )


def _keep_note(tally: _Tally, term: str) -> str:
    note = ""
    if tally.paired:
        note += f"; kept in Latin script in {tally.verbatim} of {tally.paired} translations"
    others = [f"{form} ({n})" for form, n in tally.forms.most_common() if form != term]
    if others and tally.kind != "phrase":
        note += "; also written " + ", ".join(others)
    return note


def _renderings(tally: _Tally, runs: Counter[str]) -> tuple[tuple[str, int], ...]:
    least = min(2, tally.paired)
    good = {r: n for r, n in tally.renderings.items() if n >= least and 2 * n >= runs[r]}
    maximal = {
        r: n for r, n in good.items() if not any(r in o and o != r and good[o] == n for o in good)
    }
    ranked = sorted(maximal.items(), key=lambda item: (-item[1], -len(item[0]), item[0]))
    return tuple(ranked)


def render(candidates: Sequence[Candidate], files: int) -> str:
    """Candidates as glossary YAML, ready for review and `termqa glossary merge`."""
    from termqa.glossary.formats.yaml_out import render_yaml  # noqa: PLC0415

    entries = [_entry(c) for c in candidates if c.kind is not None]
    header = (
        f"Candidate entries mined by `termqa glossary suggest` from {files} files,\n"
        "most frequent first. Review each one (kind, renderings, note) before merging."
    )
    text = render_yaml(entries, name="suggested", header=header)
    if not entries:
        text = text.replace("entries: []", "entries: []  # no candidates")
    pending = [c for c in candidates if c.kind is None]
    if pending:
        text += "\n# Seen, but with no Japanese rendering to propose (add `ja:` to use them):\n"
        text += "".join(f"#   {c.term}  ({c.note})\n" for c in pending)
    return text


def _entry(candidate: Candidate) -> Entry:
    kind = candidate.kind or Kind.TRANSLATE
    ja = tuple(r for r, _ in candidate.renderings[:_SHOWN_RENDERINGS])
    keep = kind is Kind.KEEP
    return Entry(candidate.term, kind, ja, case_sensitive=keep, note=candidate.note)
