"""`termqa glossary add|set|remove` on glossary text: pure functions, text in, text out.

Each returns an `Edit`: the new document, a one-line summary and the lines of the touched
entry. Only the touched entry's lines change (see roundtrip.py). The result is parsed again
and compared with the intended entries, so a splice that went wrong is refused rather than
written. The caller lints the text and writes it (commands_edit.py).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from termqa.errors import TermqaError
from termqa.glossary import roundtrip
from termqa.glossary.model import Entry, Kind, Scope
from termqa.glossary.parse import ENTRY_KEYS
from termqa.glossary.roundtrip import Doc

ORDER = ENTRY_KEYS  # where a new key goes: the README's order
LISTS = ("ja", "forbidden", "aliases")
ATTRIBUTES = {"case": "case_sensitive"}  # YAML key -> Entry attribute, where they differ
Value = str | tuple[str, ...] | None  # None removes the key
Changes = dict[str, Value]
Expect = Callable[[list[Entry]], list[Entry | None]]  # None: the touched entry


@dataclass(frozen=True, slots=True)
class Options:
    """What the command line asks for; None and () mean "not given"."""

    kind: str | None = None
    ja: tuple[str, ...] | None = None  # replaces the list
    forbidden: tuple[str, ...] | None = None
    aliases: tuple[str, ...] | None = None
    expansion: str | None = None  # "" removes it
    note: str | None = None
    case: str | None = None  # sensitive | insensitive
    scope: str | None = None  # always | source
    add_ja: tuple[str, ...] = ()
    add_forbidden: tuple[str, ...] = ()
    remove_ja: tuple[str, ...] = ()
    remove_forbidden: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Edit:
    text: str  # the whole new document
    message: str  # what changed, for the user
    lines: tuple[int, int] = (0, 0)  # 1-based lines of the touched entry in `text`
    changed: bool = True


def add_entry(text: str | None, path: str, term: str, options: Options) -> Edit:
    """Append a new entry (to a new file when `text` is None); an error if the term exists."""
    term = _term(term, path)
    name = os.path.splitext(os.path.basename(path))[0] or "glossary"
    doc = roundtrip.read_doc(text if text is not None else roundtrip.new_doc_text(name), path)
    index = doc.find(term)
    if index is not None:
        line = doc.entries[index].line
        raise TermqaError(
            f"'{term}' is already in the glossary (use 'set' to change it)", path, line
        )
    if options.kind is None:
        raise TermqaError("a new entry needs --kind keep or --kind translate")
    if options.add_ja or options.add_forbidden or options.remove_ja or options.remove_forbidden:
        raise TermqaError("--add-*/--remove-* options change an existing entry: use 'set'")
    changes: Changes = {"term": term, **_scalar_changes(None, options)}
    changes.update(_list_changes(None, options, path))
    entry = CommentedMap()
    _apply(entry, changes, doc.styles)
    new = roundtrip.dump_entries(doc, [entry])
    lines, at = roundtrip.append_entries(doc, doc.lines, new)
    result = doc.render(lines)
    _verify(doc, result, lambda before: [*before, None], None, changes)
    where = path if text is not None else f"new file {path}"
    return Edit(result, f"added {term} ({options.kind}) to {where}", (at + 1, at + len(new)))


def set_entry(text: str, path: str, term: str, options: Options) -> Edit:
    """Change fields of an existing entry in place; keys not mentioned stay as written."""
    if options == Options():
        raise TermqaError("nothing to change: give at least one field option")
    doc = roundtrip.read_doc(text, path)
    index = _existing(doc, _term(term, path))
    old = doc.entries[index]
    changes = {**_scalar_changes(old, options), **_list_changes(old, options, path)}
    if not changes:
        return Edit(text, f"{old.term} in {path} is unchanged", changed=False)
    entry = roundtrip.load_entry(doc, index)
    _apply(entry, changes, doc.styles)
    span = doc.spans[index]
    new = roundtrip.dump_entries(doc, [entry])
    result = doc.render([*doc.lines[: span.first], *new, *doc.lines[span.last + 1 :]])
    _verify(doc, result, lambda before: _replaced(before, index), old, changes)
    summary = "; ".join(_describe(old, name, value) for name, value in changes.items())
    lines = (span.first + 1, span.first + len(new))
    return Edit(result, f"updated {old.term} in {path}: {summary}", lines)


def remove_entry(text: str, path: str, term: str) -> Edit:
    """Delete an entry's lines; the comments around it stay."""
    doc = roundtrip.read_doc(text, path)
    index = _existing(doc, _term(term, path))
    result = doc.render(roundtrip.remove_span(doc, index))
    _verify(doc, result, lambda before: [e for i, e in enumerate(before) if i != index], None, {})
    return Edit(result, f"removed {doc.entries[index].term} from {path}")


def suggestions(term: str, entries: Sequence[Entry], limit: int = 3) -> list[str]:
    """Terms close to `term`: the same letters in another case or an alias, then similar ones."""
    from rapidfuzz import fuzz, process  # noqa: PLC0415

    folded = term.casefold()
    found = [e.term for e in entries if folded in (f.casefold() for f in e.english_forms)]
    terms = [e.term for e in entries]
    matches = process.extract(term, terms, scorer=fuzz.ratio, limit=limit, score_cutoff=70)
    found += [match for match, _, _ in matches]
    return list(dict.fromkeys(found))[:limit]


def _term(term: str, path: str) -> str:
    stripped = term.strip()
    if not stripped:
        raise TermqaError("the term must not be empty", path)
    return stripped


def _existing(doc: Doc, term: str) -> int:
    index = doc.find(term)
    if index is None:
        close = suggestions(term, doc.entries)
        hint = f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
        raise TermqaError(f"no entry '{term}'{hint}", doc.path)
    return index


def _current(old: Entry | None) -> dict[str, str | None]:
    if old is None:
        return {}
    return {
        "kind": old.kind,
        "expansion": old.expansion,
        "note": old.note,
        "case": "sensitive" if old.case_sensitive else "insensitive",
        "forbidden_scope": old.forbidden_scope,
    }


def _scalar_changes(old: Entry | None, options: Options) -> Changes:
    current = _current(old)
    asked = {
        "kind": options.kind,
        "expansion": options.expansion,
        "case": options.case,
        "forbidden_scope": options.scope,
        "note": options.note,
    }
    return {
        name: value.strip() or None
        for name, value in asked.items()
        if value is not None and value.strip() != (current.get(name) or "")
    }


def _list_changes(old: Entry | None, options: Options, path: str) -> Changes:
    asked = {
        "ja": (options.ja, options.add_ja, options.remove_ja),
        "forbidden": (options.forbidden, options.add_forbidden, options.remove_forbidden),
        "aliases": (options.aliases, (), ()),
    }
    changes: Changes = {}
    for name, (given, add, remove) in asked.items():
        current: tuple[str, ...] = getattr(old, name) if old is not None else ()
        values = list(current) if given is None else [v.strip() for v in given]
        values += [v.strip() for v in add]
        for value in remove:
            if value.strip() not in values:
                what = f"'{old.term}'" if old is not None else "the entry"
                raise TermqaError(f"'{value}' is not in {name} of {what}", path)
            values.remove(value.strip())
        unique = tuple(dict.fromkeys(values))
        if unique != current:
            changes[name] = unique or None
    return changes


def _apply(entry: CommentedMap, changes: Changes, styles: dict[str, str]) -> None:
    """Set each changed key on a round-trip mapping, keeping what it can of the old value."""
    for name, value in changes.items():
        old = entry.get(name)
        if value is None:
            entry.pop(name, None)
            continue
        if isinstance(value, tuple):
            new: object = _list_value(old, value, styles.get(name, "flow"))
        else:
            new = roundtrip.like(old, value, styles.get(name, ""))
        if name in entry:
            if new is not old:
                entry[name] = new
            continue
        keys = list(entry)
        at = max((i + 1 for i, key in enumerate(keys) if _rank(key) < _rank(name)), default=0)
        entry.insert(at, name, new)


def _list_value(old: object, values: tuple[str, ...], style: str) -> object:
    if isinstance(old, CommentedSeq):
        known = {str(item): item for item in old}
        old[:] = [known.get(v, roundtrip.scalar(v)) for v in values]
        return old  # changed in place: keeps its flow/block style and its comments
    if isinstance(old, str) and len(values) == 1:
        return roundtrip.like(old, values[0])
    return roundtrip.sequence(values, style)


def _rank(key: object) -> int:
    return ORDER.index(str(key)) if str(key) in ORDER else len(ORDER)


def _replaced(before: list[Entry], index: int) -> list[Entry | None]:
    return [None if i == index else e for i, e in enumerate(before)]


def _verify(doc: Doc, text: str, expect: Expect, old: Entry | None, changes: Changes) -> None:
    """Refuse a result whose entries are not exactly the old ones with the asked change.

    A result that does not parse is left to the lint, which names the error.
    """
    after = roundtrip.entries_of(text, doc.path)
    if after is None:
        return
    wanted = expect(list(doc.entries))
    same = len(after) == len(wanted) and all(
        _touched_ok(new, old, changes) if want is None else _key(want) == _key(new)
        for want, new in zip(wanted, after, strict=False)
    )
    if not same:
        raise TermqaError(
            "internal error: the edit did not apply cleanly; nothing written", doc.path
        )


def _key(entry: Entry) -> Entry:
    return dataclasses.replace(entry, path="", line=0)


def _touched_ok(entry: Entry, old: Entry | None, changes: Changes) -> bool:
    """The touched entry has the asked values, and (for `set`) the old ones elsewhere."""
    expected = {ATTRIBUTES.get(name, name): _typed(name, value) for name, value in changes.items()}
    if old is not None:
        unasked = {f.name for f in dataclasses.fields(Entry)} - {"path", "line", *expected}
        if "kind" in changes and "case" not in changes:
            unasked.discard("case_sensitive")  # its default follows the kind
        expected.update({name: getattr(old, name) for name in unasked})
    return all(getattr(entry, name) == value for name, value in expected.items())


def _typed(name: str, value: Value) -> object:
    if name in LISTS:
        return value or ()
    if name == "kind":
        return Kind(str(value))
    if name == "forbidden_scope":
        return Scope(str(value))
    if name == "case":
        return value == "sensitive"
    return value


def _describe(old: Entry, name: str, value: Value) -> str:
    if name in LISTS:
        was: tuple[str, ...] = getattr(old, name)
        return f"{name} [{', '.join(was)}] -> [{', '.join(value or ())}]"
    if value is None:
        return f"{name} removed"
    return f"{name} {_current(old).get(name) or '(none)'} -> {value}"
