"""Glossary YAML as text to edit in place: where each entry is, and ruamel round-trip rendering.

Edits and merges change a glossary by splicing lines: an entry's text runs from its `-` line to
its last content line (a comment or blank line after it belongs to what follows, such as the
next group's header), so everything outside the touched entries stays byte for byte. The
touched entry itself goes through ruamel.yaml's round-trip mode, which keeps its comments, key
order, quoting and flow/block style, with the file's own indentation.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

from termqa.errors import TermqaError
from termqa.glossary.model import Entry
from termqa.glossary.parse import parse_glossary

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DASH = re.compile(r"( *)-( +)")
DEFAULT_INDENT = (2, 4, 2)  # ruamel's (mapping, sequence, offset): `entries:\n  - term: …`


@dataclass(frozen=True, slots=True)
class Span:
    """One entry's lines (0-based, inclusive) and the 1-based line of each of its keys."""

    term: str
    first: int
    last: int
    keys: dict[str, int]


@dataclass(slots=True)
class Doc:
    """A glossary document split into lines (LF), with what editing it needs to know."""

    path: str
    lines: list[str]
    entries: list[Entry]
    spans: list[Span]
    key_line: int  # the `entries:` key
    key_column: int
    empty_flow: bool  # `entries: []`
    indent: tuple[int, int, int]  # ruamel's (mapping, sequence, offset), as the file has them
    styles: dict[str, str]  # field -> "flow"/"block" for lists, the quote for strings
    spaced: bool  # entries separated by blank lines
    bom: bool
    crlf: bool

    def render(self, lines: Sequence[str]) -> str:
        """Lines back to the file's text, with its BOM and line ends."""
        text = "\n".join(lines)
        text = text.replace("\n", "\r\n") if self.crlf else text
        return ("\ufeff" if self.bom else "") + text

    def find(self, term: str) -> int | None:
        return next((i for i, span in enumerate(self.spans) if span.term == term), None)


def read_doc(text: str, path: str) -> Doc:
    """The document's entries and layout; a TermqaError for an invalid or uneditable glossary."""
    body = text.removeprefix("\ufeff").replace("\r\n", "\n")
    entries = parse_glossary(body, path)
    root = yaml.compose(body, Loader=_Loader)
    if not isinstance(root, yaml.MappingNode):  # parse_glossary has checked; for the types
        raise TermqaError("the glossary must be a mapping", path, 1)
    key, items = next((k, v) for k, v in root.value if k.value == "entries")
    lines = body.split("\n")
    if items.flow_style and items.value:
        message = "'entries' written as a flow list [...] cannot be edited; make it a block list"
        raise TermqaError(message, path, _line(items))
    pairs = zip(items.value, entries, strict=True)
    spans = [_span(node, entry, lines, path) for node, entry in pairs]
    column = key.start_mark.column
    return Doc(
        path=path,
        lines=lines,
        entries=entries,
        spans=spans,
        key_line=key.start_mark.line,
        key_column=column,
        empty_flow=bool(items.flow_style),
        indent=_indent(items.value, lines, column),
        styles=_styles(items.value),
        spaced=sum(not lines[s.first - 1].strip() for s in spans[1:]) * 2 > len(spans) - 1 > 0,
        bom=text.startswith("\ufeff"),
        crlf="\r\n" in text,
    )


def new_doc_text(name: str) -> str:
    """The text of a new, empty glossary file."""
    return f"version: 1\nname: {_plain_or_quoted(name)}\nentries: []\n"


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _span(node: yaml.Node, entry: Entry, lines: list[str], path: str) -> Span:
    first = node.start_mark.line
    prefix = lines[first][: node.start_mark.column]
    if not _DASH.fullmatch(prefix):
        if prefix.strip() or first == 0 or lines[first - 1].strip() != "-":
            raise TermqaError(f"cannot edit entry '{entry.term}' in this layout", path, first + 1)
        first -= 1  # `-` alone on its line, the entry on the next
    last = max(end for end in _ends(node))
    while last > first and not lines[last].strip():
        last -= 1
    keys = {}
    if isinstance(node, yaml.MappingNode):
        keys = {k.value: _line(k) for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    return Span(entry.term, first, last, keys)


def _ends(node: yaml.Node) -> Iterator[int]:
    """The last line of each leaf (a scalar or a flow collection): the entry ends at their max."""
    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
        mark = node.end_mark
        yield mark.line if mark.column > 0 else mark.line - 1
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _ends(key)
            yield from _ends(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _ends(item)


def _indent(items: list[yaml.Node], lines: list[str], key_column: int) -> tuple[int, int, int]:
    """ruamel's (mapping, sequence, offset) as this file writes them (the first block entry)."""
    mapping, sequence, offset = DEFAULT_INDENT
    for node in items:
        match = _DASH.fullmatch(lines[node.start_mark.line][: node.start_mark.column])
        if match and isinstance(node, yaml.MappingNode) and not node.flow_style:
            offset = len(match.group(1)) - key_column
            sequence = node.start_mark.column - key_column
            break
    for node in items:
        for key, value in node.value if isinstance(node, yaml.MappingNode) else ():
            if isinstance(value, yaml.MappingNode) and not value.flow_style and value.value:
                mapping = value.value[0][0].start_mark.column - key.start_mark.column
                return mapping, sequence, max(offset, 0)
    return mapping, sequence, max(offset, 0)


def _styles(items: list[yaml.Node]) -> dict[str, str]:
    """The most common style of each field: "flow"/"block" for lists, the quote for strings."""
    counts: dict[str, Counter[str]] = {}
    for node in items:
        for key, value in node.value if isinstance(node, yaml.MappingNode) else ():
            if isinstance(value, yaml.SequenceNode):
                style = "flow" if value.flow_style else "block"
            elif isinstance(value, yaml.ScalarNode):
                style = value.style or ""
            else:
                continue
            counts.setdefault(key.value, Counter())[style] += 1
    return {name: counter.most_common(1)[0][0] for name, counter in counts.items()}


def _yaml(indent: tuple[int, int, int]) -> YAML:
    handler = YAML(typ="rt")
    handler.preserve_quotes = True
    handler.width = 1 << 16  # never re-wrap long lines
    mapping, sequence, offset = indent
    handler.indent(mapping=mapping, sequence=sequence, offset=offset)
    return handler


def load_entry(doc: Doc, index: int) -> CommentedMap:
    """The entry's text, read in ruamel's round-trip mode (comments and styles attached)."""
    span = doc.spans[index]
    text = " " * doc.key_column + "entries:\n" + "\n".join(doc.lines[span.first : span.last + 1])
    try:
        data = _yaml(doc.indent).load(text + "\n")
    except YAMLError as exc:
        raise TermqaError(
            f"cannot edit entry '{span.term}': {exc}", doc.path, span.first + 1
        ) from None
    entry = data["entries"][0]
    if not isinstance(entry, CommentedMap):
        raise TermqaError(f"cannot edit entry '{span.term}'", doc.path, span.first + 1)
    return entry


def dump_entries(doc: Doc, entries: Sequence[CommentedMap]) -> list[str]:
    """The entries as lines to splice into `doc`: its indentation, blank lines if it uses them."""
    handler = _yaml(doc.indent)
    out: list[str] = []
    for entry in entries:
        buffer = io.StringIO()
        handler.dump(CommentedMap([("entries", CommentedSeq([entry]))]), buffer)
        lines = buffer.getvalue().rstrip("\n").split("\n")[1:]
        out += [""] if doc.spaced and out else []
        out += [" " * doc.key_column + line if line else line for line in lines]
    return out


def append_entries(doc: Doc, lines: list[str], new: list[str]) -> tuple[list[str], int]:
    """`lines` (the document's, possibly edited above its end) with `new` after the last entry,
    and the 0-based index of `new`'s first line."""
    if doc.spans:
        at = doc.spans[-1].last + 1
        gap = [""] if doc.spaced and new else []
        return [*lines[:at], *gap, *new, *lines[at:]], at + len(gap)
    key = lines[doc.key_line]
    if doc.empty_flow and new:
        key = re.sub(r"^(\s*entries\s*:)\s*\[\s*\]", r"\1", key).rstrip()
    at = doc.key_line + 1
    return [*lines[: doc.key_line], key, *new, *lines[at:]], at


def remove_span(doc: Doc, index: int) -> list[str]:
    """The document's lines without entry `index` (and one blank line if it was set apart)."""
    span, lines = doc.spans[index], doc.lines
    first, last = span.first, span.last
    before_blank = first > 0 and not lines[first - 1].strip()
    if before_blank and last + 1 < len(lines) and not lines[last + 1].strip():
        last += 1
    if len(doc.spans) == 1:
        key = re.sub(r"^(\s*entries\s*:)", r"\1 []", lines[doc.key_line])
        return [*lines[: doc.key_line], key, *lines[doc.key_line + 1 : first], *lines[last + 1 :]]
    return [*lines[:first], *lines[last + 1 :]]


def scalar(value: str, quote: str = "") -> str:
    """`value` as a ruamel scalar in the given quote style ("", '"', "'").

    Plain strings that YAML 1.1 readers (PyYAML, which `check` uses) would take for a boolean
    or null (`yes`, `off`, `~`) are double-quoted; ruamel quotes what YAML syntax requires.
    """
    result: str = value
    if quote == '"' or not _reads_as_text(value):
        result = DoubleQuotedScalarString(value)
    elif quote == "'":
        result = SingleQuotedScalarString(value)
    return result


def like(old: object, value: str, quote: str = "") -> str:
    """`value` in the quote style of the scalar it replaces (when that was quoted)."""
    if isinstance(old, str) and type(old) is not str:
        same: str = type(old)(value)  # the same ScalarString subclass
        return same
    return scalar(value, quote)


def sequence(values: Sequence[str], style: str) -> CommentedSeq:
    """A new list in `style` ("flow" or "block")."""
    seq = CommentedSeq([scalar(value) for value in values])
    if style != "block":
        seq.fa.set_flow_style()
    return seq


def _reads_as_text(value: str) -> bool:
    """Whether PyYAML (YAML 1.1, what `check` reads with) takes `value` written plain, in a
    flow list and as a mapping value, for exactly this string (ruamel writes YAML 1.2, whose
    plain scalars are a little wider: `[:0]`, `yes`)."""
    for text, expected in ((f"[{value}]", [value]), (f"k: {value}", {"k": value})):
        try:
            if yaml.load(text, Loader=_Loader) != expected:  # noqa: S506  (a safe loader)
                return False
        except yaml.YAMLError:
            return False
    return True


def entries_of(text: str, path: str) -> list[Entry] | None:
    """The entries of an edited document, None if it breaks the schema (the lint says how);
    a TermqaError if it is not even YAML, which would be a bug in the edit."""
    body = text.removeprefix("\ufeff").replace("\r\n", "\n")
    try:
        yaml.compose(body, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise TermqaError(
            f"internal error: the edit made invalid YAML ({exc}); nothing written", path
        ) from None
    try:
        return parse_glossary(body, path)
    except TermqaError:
        return None


def _plain_or_quoted(value: str) -> str:
    safe = _reads_as_text(value) and re.fullmatch(r"[A-Za-z0-9_][\w.-]*", value)
    return value if safe else '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
