"""Writing TBX-Basic in its TBX v2 (MARTIF) form, which CAT tools import most widely.

One `<termEntry>` per entry:
- `<note>`: the entry's note;
- `<langSet xml:lang="en">`: the term as `preferredTerm-admn-sts`, each alias as
  `admittedTerm-admn-sts`, the expansion as an admitted term with `termType` `fullForm`;
- `<langSet xml:lang="ja">`: a keep entry's term itself as the preferred term (the
  do-not-translate convention of CAT tools) and its glosses as admitted terms; a translate
  entry's first rendering as the preferred term and the others as admitted terms; forbidden
  renderings as `deprecatedTerm-admn-sts`.
TBX-Basic has no place for `case`, `forbidden_scope` or `examples`: they are reported. So is
a translate entry whose first rendering equals its term (it reads back as keep), and an entry
with a character XML 1.0 cannot hold (dropped).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # serializing only: parsing goes through defusedxml
from collections.abc import Sequence

from termqa.glossary.formats._common import Losses, default_case
from termqa.glossary.model import Entry, Kind, Scope

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\r\ud800-\udfff\ufffe\uffff]")


def write_tbx(entries: Sequence[Entry]) -> tuple[str, list[str]]:
    losses = Losses("tbx")
    root = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: "en"})
    root.append(_header())
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for number, entry in enumerate(entries, start=1):
        if not _writable(entry, losses):
            continue
        body.append(_term_entry(entry, number))
    ET.indent(root, space="  ")
    text = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{text}\n', losses.render()


def _writable(entry: Entry, losses: Losses) -> bool:
    strings = (entry.term, *entry.aliases, *entry.ja, *entry.forbidden)
    if any(_NOT_XML.search(s) for s in (*strings, entry.expansion or "", entry.note or "")):
        losses.entry(entry, "dropped: holds a character XML 1.0 cannot represent")
        return False
    if entry.case_sensitive != default_case(entry.kind):
        losses.field("case", entry)
    if entry.forbidden_scope is not Scope.ALWAYS:
        losses.field("forbidden_scope", entry)
    if entry.bad or entry.good:
        losses.field("examples", entry)
    if entry.kind is Kind.TRANSLATE and entry.ja and entry.ja[0] == entry.term:
        losses.entry(entry, "its first rendering equals the term, so it reads back as keep")
    return True


def _header() -> ET.Element:
    header = ET.Element("martifHeader")
    source = ET.SubElement(ET.SubElement(header, "fileDesc"), "sourceDesc")
    ET.SubElement(source, "p").text = "Exported by termqa"
    encoding = ET.SubElement(header, "encodingDesc")
    ET.SubElement(encoding, "p", {"type": "XCSURI"}).text = "TBXBasicXCSV02.xcs"
    return header


def _term_entry(entry: Entry, number: int) -> ET.Element:
    element = ET.Element("termEntry", {"id": f"t{number}"})
    if entry.note is not None:
        ET.SubElement(element, "note").text = entry.note
    en = ET.SubElement(element, "langSet", {XML_LANG: "en"})
    _tig(en, entry.term, PREFERRED)
    for alias in entry.aliases:
        _tig(en, alias, ADMITTED)
    if entry.expansion is not None:
        _tig(en, entry.expansion, ADMITTED, term_type="fullForm")
    ja = ET.SubElement(element, "langSet", {XML_LANG: "ja"})
    approved = (entry.term, *entry.ja) if entry.kind is Kind.KEEP else entry.ja
    for i, rendering in enumerate(approved):
        _tig(ja, rendering, PREFERRED if i == 0 else ADMITTED)
    for rendering in entry.forbidden:
        _tig(ja, rendering, DEPRECATED)
    return element


def _tig(parent: ET.Element, term: str, status: str, *, term_type: str | None = None) -> None:
    tig = ET.SubElement(parent, "tig")
    ET.SubElement(tig, "term").text = term
    if term_type is not None:
        ET.SubElement(tig, "termNote", {"type": "termType"}).text = term_type
    ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = status
