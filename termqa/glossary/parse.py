"""Glossary YAML to entries, built from composed nodes so every error names its line."""

from __future__ import annotations

from collections.abc import Iterator

import yaml

from termqa.errors import TermqaError
from termqa.glossary.model import Entry, Example, Kind, Scope

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR = "tag:yaml.org,2002:str"
_TEXTUAL = (_STR, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_TOP_KEYS = ("version", "name", "description", "entries")
ENTRY_KEYS = (  # the schema's keys of an entry, in the README's order
    "term",
    "kind",
    "expansion",
    "aliases",
    "ja",
    "forbidden",
    "forbidden_scope",
    "case",
    "note",
    "examples",
)
_CASES = {"sensitive": True, "insensitive": False}


class _Error(Exception):
    def __init__(self, message: str, node: yaml.Node) -> None:
        super().__init__(message)
        self.line = node.start_mark.line + 1


def compose(text: str, path: str) -> yaml.Node | None:
    """The YAML node tree of a glossary document (None when empty); a TermqaError naming the
    line for invalid YAML."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        message, line = _yaml_error(exc)
        raise TermqaError(message, path, line) from None
    except yaml.YAMLError as exc:
        raise TermqaError(f"invalid YAML: {exc}", path) from None


def parse_glossary(text: str, path: str) -> list[Entry]:
    """Entries of one glossary file; a TermqaError(message, path, line) for malformed input."""
    root = compose(text, path)
    if root is None:
        raise TermqaError("empty glossary (expected 'version' and 'entries')", path, 1)
    try:
        return _entries(root, path)
    except _Error as exc:
        raise TermqaError(str(exc), path, exc.line) from None


def _yaml_error(exc: yaml.MarkedYAMLError) -> tuple[str, int | None]:
    """The problem and its line, with the line of the construct it broke (an unclosed `[`)."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else None
    message = f"invalid YAML: {exc.problem or exc.context}"
    context = exc.context_mark
    if exc.problem and exc.context and context is not None and context.line + 1 != line:
        message += f" ({exc.context} at line {context.line + 1})"
    return message, line


def _entries(root: yaml.Node, path: str) -> list[Entry]:
    if not isinstance(root, yaml.MappingNode):
        raise _Error("the glossary must be a mapping with 'version' and 'entries'", root)
    top = _mapping(root, "the glossary", _TOP_KEYS)
    if "version" in top:
        version = top["version"]
        if not isinstance(version, yaml.ScalarNode) or version.value != "1":
            raise _Error("unsupported glossary version (expected 1)", version)
    if "name" in top:
        _string(top["name"], "name")
    if "entries" not in top:
        raise _Error("the glossary has no 'entries' list", root)
    items = top["entries"]
    if not isinstance(items, yaml.SequenceNode):
        raise _Error("'entries' must be a list of entries", items)
    entries: list[Entry] = []
    seen: dict[str, Entry] = {}
    for node in items.value:
        entry = _entry(node, path)
        _check_unique(entry, node, seen)
        entries.append(entry)
    return entries


def _check_unique(entry: Entry, node: yaml.Node, seen: dict[str, Entry]) -> None:
    key = entry.term.casefold()
    first = seen.get(entry.term) or seen.get(key)
    if first is not None and (first.term == entry.term or not first.case_sensitive):
        raise _Error(f"duplicate term '{entry.term}' (first at line {first.line})", node)
    seen.setdefault(entry.term, entry)
    if not entry.case_sensitive:
        seen.setdefault(key, entry)


def _mapping(node: yaml.Node, what: str, allowed: tuple[str, ...]) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise _Error(f"{what} must be a mapping", node)
    out: dict[str, yaml.Node] = {}
    for key_node, value in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key not in allowed:
            expected = ", ".join(allowed)
            raise _Error(f"{what}: unknown key '{key}' (expected one of: {expected})", key_node)
        if key in out:
            raise _Error(f"{what}: duplicate key '{key}'", key_node)
        out[key] = value
    return out


def _string(node: yaml.Node, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or node.tag not in _TEXTUAL:
        raise _Error(f"{what} must be a string (quote it)", node)
    value: str = node.value
    if not value.strip():
        raise _Error(f"{what} must not be empty", node)
    return value


def _strings(node: yaml.Node, what: str) -> tuple[str, ...]:
    if isinstance(node, yaml.ScalarNode) and node.tag in _TEXTUAL:
        return (_string(node, what),)
    if not isinstance(node, yaml.SequenceNode):
        raise _Error(f"{what} must be a list of strings", node)
    return tuple(_string(item, f"{what} item") for item in node.value)


def _choice(node: yaml.Node, what: str, choices: tuple[str, ...]) -> str:
    value = _string(node, what)
    if value not in choices:
        raise _Error(f"{what} '{value}' is not one of: {', '.join(choices)}", node)
    return value


def _entry(node: yaml.Node, path: str) -> Entry:
    if not isinstance(node, yaml.MappingNode):
        raise _Error("an entry must be a mapping with 'term' and 'kind'", node)
    fields = _mapping(node, _label(node), ENTRY_KEYS)
    if "term" not in fields:
        raise _Error("entry has no 'term'", node)
    term = _string(fields["term"], "entry: term").strip()
    what = f"entry '{term}'"
    if "kind" not in fields:
        raise _Error(f"{what} has no 'kind' (keep or translate)", node)
    kind = Kind(_choice(fields["kind"], f"{what}: kind", tuple(Kind)))
    ja = _strings(fields["ja"], f"{what}: ja") if "ja" in fields else ()
    if kind is Kind.TRANSLATE and not ja:
        raise _Error(f"{what}: a translate entry needs at least one 'ja' rendering", node)
    case = fields.get("case")
    scope = fields.get("forbidden_scope")
    examples = fields.get("examples")
    bad, good = _examples(examples, what) if examples is not None else ((), ())
    return Entry(
        term=term,
        kind=kind,
        ja=ja,
        forbidden=_optional_strings(fields, "forbidden", what),
        forbidden_scope=Scope(_choice(scope, f"{what}: forbidden_scope", tuple(Scope)))
        if scope is not None
        else Scope.ALWAYS,
        case_sensitive=_CASES[_choice(case, f"{what}: case", tuple(_CASES))]
        if case is not None
        else kind is Kind.KEEP,
        aliases=_optional_strings(fields, "aliases", what),
        expansion=_optional_string(fields, "expansion", what),
        note=_optional_string(fields, "note", what),
        bad=bad,
        good=good,
        path=path,
        line=node.start_mark.line + 1,
    )


def _label(node: yaml.MappingNode) -> str:
    """`entry 'RAG'` when the entry has a plain term, for messages about its other keys."""
    for key, value in node.value:
        if key.value == "term" and isinstance(value, yaml.ScalarNode) and value.value.strip():
            return f"entry '{value.value.strip()}'"
    return "entry"


def _optional_strings(fields: dict[str, yaml.Node], key: str, what: str) -> tuple[str, ...]:
    return _strings(fields[key], f"{what}: {key}") if key in fields else ()


def _optional_string(fields: dict[str, yaml.Node], key: str, what: str) -> str | None:
    return _string(fields[key], f"{what}: {key}") if key in fields else None


def _examples(node: yaml.Node, what: str) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    fields = _mapping(node, f"{what}: examples", ("bad", "good"))
    bad = tuple(_example_list(fields["bad"], f"{what}: bad example")) if "bad" in fields else ()
    good = tuple(_example_list(fields["good"], f"{what}: good example")) if "good" in fields else ()
    return bad, good


def _example_list(node: yaml.Node, what: str) -> Iterator[Example]:
    if not isinstance(node, yaml.SequenceNode):
        raise _Error(f"{what}s must be a list", node)
    for item in node.value:
        if isinstance(item, yaml.MappingNode):
            pair = _mapping(item, what, ("en", "ja"))
            if "ja" not in pair:
                raise _Error(f"{what} has no 'ja'", item)
            en = _string(pair["en"], f"{what} en") if "en" in pair else None
            yield Example(ja=_string(pair["ja"], f"{what} ja"), en=en)
        else:
            yield Example(ja=_string(item, what))
