"""Reading TBX: TBX-Basic (ISO 30042) in its v3 form (`<tbx>`, `<conceptEntry>`, `<langSec>`,
`<termSec>`) and its v2 / MARTIF form that CAT tools export (`<martif>`, `<termEntry>`,
`<langSet>`, `<tig>` or `<ntig>`). Writing is in tbx_write.py.

Parsing goes through defusedxml: a document type declaration that defines entities (an
entity-expansion bomb, an external entity) is refused before anything is expanded.

Mapping, per concept entry (English `en*`, Japanese `ja*`; other languages are ignored):
- English: the first preferred (else the first) term is `term`; a further term with `termType`
  `fullForm` is `expansion`; the other terms are `aliases`. Deprecated English terms have no
  field and are reported.
- Japanese: preferred then admitted (or unmarked) terms are `ja`, in document order;
  deprecated and superseded terms are `forbidden`.
- The entry is `keep` when a `transferComment` says not to translate, or when the preferred
  Japanese term is one of the English forms (removed from `ja`, which keeps the glosses); an
  entry with no approved Japanese term is also `keep` (reported). Otherwise `translate`.
- `<note>`s and `<descrip type="definition">`s, anywhere in the entry, become `note` (one per
  line; a term-level one prefixed with its term). Other data (`admin`, `transacGrp`,
  `subjectField`, `partOfSpeech`, …) is ignored, with a count per kind in one warning.
- An English term on several entries: the entries are merged (reported).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from termqa.errors import TermqaError
from termqa.glossary.formats._common import (
    dedupe,
    default_case,
    merge_entries,
    settle_case,
)
from termqa.glossary.formats.tbx_write import XML_LANG, write_tbx
from termqa.glossary.model import Entry, Kind

_ENTRIES = ("termEntry", "conceptEntry")
_LANGS = ("langSet", "langSec")
_TERMS = ("tig", "ntig", "termSec")
_STATUS = ("administrativeStatus", "normativeAuthorization")
# A transferComment or note saying the term stays untranslated (CAT tools differ in wording).
DNT_MARKER = re.compile(
    r"\b(?:do\s*n[o']t\s*translate|not\s+translated|untranslatable|dnt)\b", re.I
)

__all__ = ["read_tbx", "write_tbx"]


@dataclass
class _Term:
    text: str
    status: str  # preferred | admitted | deprecated
    full_form: bool = False


@dataclass
class _Concept:
    line: int
    terms: dict[str, list[_Term]] = field(default_factory=lambda: {"en": [], "ja": []})
    notes: list[str] = field(default_factory=list)
    keep: bool = False


class _Builder(TreeBuilder):
    """A TreeBuilder that remembers the line each element starts on."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[int, int] = {}
        self.parser: Any = None

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        element = super().start(tag, attrs)
        self.lines[id(element)] = self.line()
        return element

    def line(self) -> int:
        return int(self.parser.parser.CurrentLineNumber) if self.parser is not None else 0


def _parse(text: str, path: str) -> tuple[Element, dict[int, int]]:
    # Lazy: `termqa check` never loads it. No stubs are installed (types-defusedxml).
    from defusedxml import DefusedXmlException  # type: ignore[import-untyped]  # noqa: PLC0415
    from defusedxml.ElementTree import XMLParser  # type: ignore[import-untyped]  # noqa: PLC0415

    builder = _Builder()
    parser = XMLParser(target=builder)
    builder.parser = parser
    try:
        parser.feed(text)
        root: Element = parser.close()
    except ParseError as exc:
        raise TermqaError(f"malformed XML: {exc.msg}", path, exc.position[0]) from None
    except DefusedXmlException as exc:
        name = getattr(exc, "name", None)
        raise TermqaError(
            f"refusing XML that declares an entity{f' ({name!r})' if name else ''}: entity "
            "expansion is off, as it allows entity bombs and reading external files",
            path,
            builder.line() or None,
        ) from None
    return root, builder.lines


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _kind(element: Element) -> str:
    """`descrip type 'subjectField'`: how the ignored-data warning names an element."""
    name, kind = _local(element.tag), element.get("type")
    return f"{name} type '{kind}'" if kind else name


def _text(element: Element) -> str:
    return "".join(element.itertext()).strip()


def read_tbx(text: str, path: str) -> tuple[list[Entry], list[str]]:
    root, lines = _parse(text.removeprefix("\ufeff"), path)
    if _local(root.tag) not in ("martif", "tbx"):
        raise TermqaError(
            f"not TBX: the root element is <{_local(root.tag)}>, not <martif> or <tbx>",
            path,
            lines.get(id(root)),
        )
    ignored: Counter[str] = Counter()
    warnings: list[str] = []
    entries: dict[str, Entry] = {}
    for element in root.iter():
        if _local(element.tag) not in _ENTRIES:
            continue
        concept = _concept(element, lines.get(id(element), 0), ignored)
        entry = _entry(concept, path, warnings)
        if entry is None:
            continue
        first = entries.get(entry.term)
        if first is not None:
            warnings.append(
                f"{path}:{entry.line}: '{entry.term}' repeats the entry at line {first.line}: "
                "merged"
            )
            entry = merge_entries(first, entry)
        entries[entry.term] = entry
    if ignored:
        kinds = ", ".join(f"{name} ({count})" for name, count in ignored.most_common())
        warnings.append(f"{path}: ignored TBX data that has no glossary field: {kinds}")
    return settle_case(list(entries.values())), warnings


def _concept(element: Element, line: int, ignored: Counter[str]) -> _Concept:
    concept = _Concept(line)
    for child in element:
        name = _local(child.tag)
        if name in _LANGS:
            _lang(child, concept, ignored)
        elif not _note(child, concept, "", ignored):
            ignored[_kind(child)] += 1
    return concept


def _lang(element: Element, concept: _Concept, ignored: Counter[str]) -> None:
    lang = (element.get(XML_LANG) or element.get("lang") or "").split("-")[0].lower()
    if lang not in concept.terms:
        ignored[f"language '{lang or '?'}'"] += 1
        return
    for child in element:
        name = _local(child.tag)
        if name in _TERMS:
            term = _term(child, concept, ignored)
            if term is not None:
                concept.terms[lang].append(term)
        elif not _note(child, concept, "", ignored):
            ignored[_kind(child)] += 1


def _term(element: Element, concept: _Concept, ignored: Counter[str]) -> _Term | None:
    parts = list(element)
    for group in (c for c in element if _local(c.tag) == "termGrp"):  # ntig
        parts += list(group)
    texts = [_text(c) for c in parts if _local(c.tag) == "term"]
    if not texts or not texts[0]:
        return None
    term = _Term(texts[0], "admitted")
    for child in parts:
        name = _local(child.tag)
        kind = child.get("type", "")
        if name == "termNote" and kind in _STATUS:
            term.status = _status(_text(child))
        elif name == "termNote" and kind == "termType":
            term.full_form = _text(child).lower() == "fullform"
        elif name == "termNote" and kind == "transferComment" and DNT_MARKER.search(_text(child)):
            concept.keep = True
        elif name not in ("term", "termGrp") and not _note(child, concept, texts[0], ignored):
            ignored[_kind(child)] += 1
    return term


def _status(value: str) -> str:
    value = value.lower()
    if "deprecated" in value or "superseded" in value:
        return "deprecated"
    if "preferred" in value or value.startswith("standardized"):
        return "preferred"
    return "admitted"


def _note(element: Element, concept: _Concept, term: str, ignored: Counter[str]) -> bool:
    """Take a note or definition into the concept's notes; False for anything else."""
    name = _local(element.tag)
    is_note = name == "note" or (name == "descrip" and element.get("type") == "definition")
    if not is_note:
        return False
    text = _text(element)
    if DNT_MARKER.fullmatch(text):
        concept.keep = True
    elif text:
        concept.notes.append(f"{term}: {text}" if term else text)
    return True


def _entry(concept: _Concept, path: str, warnings: list[str]) -> Entry | None:
    where = f"{path}:{concept.line}"
    english = [t for t in concept.terms["en"] if t.status != "deprecated"]
    warnings.extend(
        f"{where}: deprecated English term '{t.text}' has no field: dropped"
        for t in concept.terms["en"]
        if t.status == "deprecated"
    )
    if not english:
        warnings.append(f"{where}: entry without an English term: skipped")
        return None
    main = next((t for t in english if t.status == "preferred"), english[0])
    others = [t for t in english if t is not main]
    full = next((t for t in others if t.full_form and t.text != main.text), None)
    expansion = full.text if full is not None else None
    aliases = dedupe(t.text for t in others if t is not full and t.text != main.text)
    japanese = concept.terms["ja"]
    approved = dedupe(
        [t.text for t in japanese if t.status == "preferred"]
        + [t.text for t in japanese if t.status == "admitted"]
    )
    forms = (main.text, *aliases)
    keep = concept.keep or (bool(approved) and approved[0] in forms)
    if not approved and not keep:
        warnings.append(f"{where}: '{main.text}' has no approved Japanese term: kept as keep")
        keep = True
    kind = Kind.KEEP if keep else Kind.TRANSLATE
    return Entry(
        term=main.text,
        kind=kind,
        ja=tuple(j for j in approved if j not in forms) if keep else approved,
        forbidden=dedupe(t.text for t in japanese if t.status == "deprecated"),
        case_sensitive=default_case(kind),
        aliases=aliases,
        expansion=expansion,
        note="\n".join(dict.fromkeys(concept.notes)) or None,
        path=path,
        line=concept.line,
    )
