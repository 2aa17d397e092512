"""Round trips over generated glossaries, for every exchange format.

For each format: writing generated entries and reading them back gives exactly the fields the
format holds (its documented mapping); a second export and import changes nothing (import →
export → import is lossless); and what the format cannot hold is reported as a loss.
Strings are realistic and hostile at once: Japanese, quotes, commas, pipes, backslashes,
ampersands and angle brackets, `/…/` look-alikes, hyphens, multi-line notes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from termqa.glossary.formats import reader, writer
from termqa.glossary.formats._common import dedupe, default_case
from termqa.glossary.formats.prh_match import apply, compile_plain, has_special, written
from termqa.glossary.formats.tbx import DNT_MARKER
from termqa.glossary.model import Entry, Example, Kind, Scope

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_JA = (
    "あいうかがきのをんアイウエオカガキクケコサシスセソタチツテトナニヌネノラリルレロンー"
    "検索拡張生成学習評価推論注意機構微調整報酬量子化"
)
_PUNCT = "\"',|&<>/\\.+():;%#@!?*"
_JA_PUNCT = "・（）「」、。"


def _word(alphabet: str, max_size: int = 8) -> st.SearchStrategy[str]:
    return st.text(st.sampled_from(alphabet), min_size=1, max_size=max_size)


latin_terms = st.lists(
    st.one_of(_word(_LATIN), _word(_LATIN + _PUNCT, 4)), min_size=1, max_size=3
).flatmap(lambda words: st.sampled_from([" ", "-"]).map(lambda sep: sep.join(words)))
latin_terms = latin_terms.filter(lambda t: t == t.strip() and any(c.isalpha() for c in t))
japanese = st.lists(
    st.one_of(_word(_JA), _word(_JA + _LATIN[:10] + _PUNCT + _JA_PUNCT, 3)), min_size=1, max_size=3
).map("".join)
japanese = japanese.filter(lambda t: t == t.strip() and any(c in _JA for c in t))
notes = st.lists(
    st.text(st.sampled_from(_LATIN + _JA + _PUNCT + _JA_PUNCT + " \t"), min_size=1, max_size=20),
    min_size=1,
    max_size=3,
).map("\n".join)
notes = notes.map(str.strip).filter(
    lambda n: (
        bool(n)
        and "\n\n" not in n
        and not any(line.startswith("prh.") for line in n.split("\n"))
        and DNT_MARKER.fullmatch(n) is None
    )
)
examples = st.builds(Example, ja=japanese, en=st.none() | latin_terms)


@st.composite
def entries(draw: st.DrawFn) -> Entry:
    kind = draw(st.sampled_from(Kind))
    term = draw(latin_terms)
    ja = draw(st.lists(japanese, min_size=kind is Kind.TRANSLATE, max_size=3, unique=True))
    forbidden = draw(st.lists(japanese | latin_terms, max_size=2, unique=True))
    forbidden = [f for f in forbidden if f not in ja and f.casefold() != term.casefold()]
    aliases = draw(st.lists(latin_terms, max_size=2, unique_by=str.casefold))
    expansion = draw(st.none() | latin_terms)
    sample = draw(st.lists(examples, max_size=4, unique_by=lambda e: e.ja))
    split = draw(st.integers(0, len(sample)))
    return Entry(
        term=term,
        kind=kind,
        ja=tuple(ja),
        forbidden=tuple(forbidden),
        forbidden_scope=draw(st.sampled_from(Scope)),
        case_sensitive=draw(st.booleans()),
        aliases=tuple(a for a in aliases if a.casefold() != term.casefold()),
        expansion=expansion if expansion not in (term, *aliases) else None,
        note=draw(st.none() | notes),
        bad=tuple(sample[:split]),
        good=tuple(sample[split:]),
    )


def _forms_unique(items: list[Entry]) -> bool:
    forms = [f.casefold() for e in items for f in e.english_forms]
    return len(forms) == len(set(forms))


glossaries = st.lists(entries(), min_size=1, max_size=6).filter(_forms_unique)


def bare(items: list[Entry]) -> list[Entry]:
    return [replace(e, path="<memory>", line=0) for e in items]


def round_trip(fmt: str, items: list[Entry]) -> tuple[list[Entry], list[str]]:
    """Entries read back from `fmt`, after checking a second trip changes nothing."""
    text, losses = writer(fmt)(items)
    first, _ = reader(fmt)(text, f"first.{fmt}")
    again, _ = writer(fmt)(first)
    second, _ = reader(fmt)(again, f"second.{fmt}")
    assert bare(second) == bare(first)
    return bare(first), losses


def check(
    fmt: str, items: list[Entry], held: Callable[[Entry], Entry], *, exact_losses: bool
) -> list[str]:
    """Assert the trip keeps exactly what `held` keeps; return the losses."""
    back, losses = round_trip(fmt, items)
    expected = [held(e) for e in items]
    assert back == expected
    if exact_losses:
        assert bool(losses) == (expected != bare(items)), losses
    return losses


# --- CSV and TSV: everything but examples ---


def _csv_held(entry: Entry) -> Entry:
    return replace(entry, bad=(), good=())


@SETTINGS
@given(glossaries)
def test_csv_round_trip(items: list[Entry]) -> None:
    check("csv", items, _csv_held, exact_losses=True)


@SETTINGS
@given(glossaries)
def test_tsv_round_trip(items: list[Entry]) -> None:
    check("tsv", items, _csv_held, exact_losses=True)


# --- TBX: no case, scope or examples ---


def _tbx_held(entry: Entry) -> Entry:
    return replace(
        entry,
        bad=(),
        good=(),
        case_sensitive=default_case(entry.kind),
        forbidden_scope=Scope.ALWAYS,
    )


@SETTINGS
@given(glossaries)
def test_tbx_round_trip(items: list[Entry]) -> None:
    losses = check("tbx", items, _tbx_held, exact_losses=True)
    joined = "\n".join(losses)
    if any(e.bad or e.good for e in items):
        assert "tbx cannot hold examples" in joined
    if any(e.forbidden_scope is Scope.SOURCE for e in items):
        assert "tbx cannot hold forbidden_scope" in joined


# --- DeepL: one row per English form ---


def _deepl_rows(entry: Entry) -> list[Entry]:
    if entry.kind is Kind.KEEP:
        return [Entry(term=form, kind=Kind.KEEP) for form in entry.english_forms]
    return [
        Entry(term=form, kind=Kind.TRANSLATE, ja=entry.ja[:1], case_sensitive=False)
        for form in entry.english_forms
    ]


@SETTINGS
@given(glossaries)
def test_deepl_round_trip(items: list[Entry]) -> None:
    back, losses = round_trip("deepl", items)
    assert back == [row for e in items for row in _deepl_rows(e)]
    joined = "\n".join(losses)
    lost = {
        "forbidden renderings": any(e.forbidden for e in items),
        "aliases": any(e.aliases for e in items),
        "expansion": any(e.expansion for e in items),
        "note": any(e.note for e in items),
        "examples": any(e.bad or e.good for e in items),
        "renderings after the first": any(
            e.kind is Kind.TRANSLATE and len(e.ja) > 1 for e in items
        ),
        "the ja glosses of keep entries": any(e.kind is Kind.KEEP and e.ja for e in items),
    }
    for name, happened in lost.items():
        assert (f"deepl cannot hold {name}" in joined) == happened, name


# --- prh: expected, patterns, comment, specs ---


def _prh_regex(entry: Entry) -> Callable[[str], str] | None:
    """What prh makes of a text under the rule written for `entry` (literal rules only)."""
    keep = entry.kind is Kind.KEEP
    expected = entry.term if keep else entry.ja[0]
    plain = [written(f) for f in entry.forbidden]
    if keep and entry.case_sensitive and plain:
        term = entry.term
        forms = (term.lower(), term.upper(), term[:1].upper() + term[1:].lower())
        plain = [written(v) for v in dict.fromkeys(forms) if v != entry.term] + plain
    if not plain and has_special(expected):
        plain = [written(expected)]
    regex = compile_plain(expected, plain or None)
    return None if regex is None else (lambda text: apply(regex, expected, text))


def _prh_held(entry: Entry) -> Entry:
    keep = entry.kind is Kind.KEEP
    run = _prh_regex(entry)
    assert run is not None
    changed = [(e.ja, run(e.ja)) for e in entry.bad if run(e.ja) != e.ja]
    kept = [e.ja for e in entry.good if run(e.ja) == e.ja]
    return Entry(
        term=entry.term,
        kind=entry.kind,
        ja=() if keep else entry.ja[:1],
        forbidden=entry.forbidden,
        case_sensitive=(entry.case_sensitive or not entry.forbidden) if keep else False,
        note=entry.note,
        bad=tuple(Example(ja=a) for a in dedupe(a for a, _ in changed)),
        good=tuple(Example(ja=b) for b in dedupe([b for _, b in changed] + kept)),
    )


@SETTINGS
@given(glossaries)
def test_prh_round_trip(items: list[Entry]) -> None:
    assume(all(len({f.casefold() for f in e.forbidden}) == len(e.forbidden) for e in items))
    losses = check("prh", items, _prh_held, exact_losses=False)
    joined = "\n".join(losses)
    lost = {
        "aliases": any(e.aliases for e in items),
        "expansion": any(e.expansion for e in items),
        "the ja glosses of keep entries": any(e.kind is Kind.KEEP and e.ja for e in items),
        "renderings after the first": any(
            e.kind is Kind.TRANSLATE and len(e.ja) > 1 for e in items
        ),
        "forbidden_scope": any(e.forbidden_scope is Scope.SOURCE for e in items),
        "the English side of examples": any(x.en for e in items for x in (*e.bad, *e.good)),
    }
    for name, happened in lost.items():
        assert (f"prh cannot hold {name}" in joined) == happened, name
    if any(e.kind is Kind.TRANSLATE and e.case_sensitive for e in items):
        assert "case-sensitive translate entries" in joined
