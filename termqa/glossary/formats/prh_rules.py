"""prh YAML to raw rules, with the line of each rule; `imports` are followed.

A rule keeps prh's own shape (expected, patterns, specs, comment, regexpMustEmpty, options);
prh.py maps rules to entries. Values are read as YAML 1.2 strings, as js-yaml (prh's parser)
reads them: `pattern: yes` is the string "yes".
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from termqa.errors import TermqaError

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULL = "tag:yaml.org,2002:null"
_RULE_KEYS = ("expected", "pattern", "patterns", "regexpMustEmpty", "options", "specs", "prh")

Reader = Callable[[str], str]  # the text of an imported file, by absolute path


@dataclass
class Rule:
    expected: str
    patterns: list[str] | None  # None: no pattern (prh builds one from expected)
    path: str
    line: int
    specs: list[tuple[str, str]] = field(default_factory=list)
    comment: str | None = None
    must_empty: str | None = None
    options: dict[str, Any] | None = None
    unknown: list[str] = field(default_factory=list)  # keys prh does not define: ignored


@dataclass
class Parsed:
    rules: list[Rule] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class _Error(Exception):
    def __init__(self, message: str, node: yaml.Node) -> None:
        super().__init__(message)
        self.line = node.start_mark.line + 1


def parse_rules(text: str, path: str, read: Reader | None = None) -> Parsed:
    """The rules of a prh file, imported files' rules first (prh's order); `read` opens
    imported files (default: from disk, relative to `path`)."""
    out = Parsed()
    _parse_into(text, path, read or _read_file, out, (os.path.abspath(path),))
    return out


def _read_file(path: str) -> str:
    from termqa.glossary.formats import decode, read_bytes  # noqa: PLC0415

    return decode(read_bytes(path), path)


def _parse_into(text: str, path: str, read: Reader, out: Parsed, stack: tuple[str, ...]) -> None:
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise TermqaError(f"invalid YAML: {exc.problem or exc.context}", path, line) from None
    if root is None:
        return
    try:
        top = _mapping(root, "a prh file")
        for key, node in top.items():
            if key == "imports":
                _imports(node, path, read, out, stack)
            elif key == "rules":
                out.rules += [_rule(item, path) for item in _items(node, "'rules'")]
            elif key in ("targets", "meta"):
                out.warnings.append(f"{path}:{node.start_mark.line + 1}: '{key}' ignored")
            elif key != "version":
                out.warnings.append(f"{path}:{node.start_mark.line + 1}: unknown key '{key}'")
    except _Error as exc:
        raise TermqaError(str(exc), path, exc.line) from None


def _imports(node: yaml.Node, path: str, read: Reader, out: Parsed, stack: tuple[str, ...]) -> None:
    items = [node] if isinstance(node, yaml.ScalarNode) else _items(node, "'imports'")
    for item in items:
        spec = {"path": item} if isinstance(item, yaml.ScalarNode) else _mapping(item, "import")
        if "path" not in spec:
            raise _Error("an import needs a 'path'", item)
        base = os.path.dirname(os.path.abspath(path))
        target = os.path.normpath(os.path.join(base, _text(spec["path"], "path")))
        if target in stack:
            raise _Error(f"import cycle: '{_text(spec['path'], 'path')}' imports itself", item)
        try:
            text = read(target)
        except OSError as exc:
            raise _Error(f"cannot read import '{target}': {exc.strerror or exc}", item) from None
        except TermqaError as exc:
            raise _Error(f"cannot read import '{target}': {exc.detail}", item) from None
        inner = Parsed()
        if "disableImports" in spec and _text(spec["disableImports"], "") == "true":
            read_inner: Reader = lambda _: ""  # noqa: E731  (imports of the import are off)
        else:
            read_inner = read
        _parse_into(text, os.path.relpath(target), read_inner, inner, (*stack, target))
        ignored = _ignored(spec.get("ignoreRules"))
        kept = [r for r in inner.rules if not ignored(r)]
        out.rules += kept
        out.warnings += inner.warnings
        out.warnings.append(f"{path}: took {len(kept)} rules from '{os.path.relpath(target)}'")


def _ignored(node: yaml.Node | None) -> Callable[[Rule], bool]:
    """prh's `ignoreRules`: by expected, or by pattern (a string means a pattern)."""
    if node is None:
        return lambda _: False
    expected: set[str] = set()
    patterns: set[str] = set()
    for item in _items(node, "'ignoreRules'"):
        if isinstance(item, yaml.ScalarNode):
            patterns.add(_text(item, "ignoreRules item"))
            continue
        fields = _mapping(item, "ignoreRules item")
        if "expected" in fields:
            expected.add(_text(fields["expected"], "expected"))
        if "pattern" in fields:
            patterns.add(_text(fields["pattern"], "pattern"))
    return lambda rule: rule.expected in expected or bool(patterns & set(rule.patterns or ()))


def _rule(node: yaml.Node, path: str) -> Rule:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        return Rule(_text(node, "rule"), None, path, line)
    fields = _mapping(node, "a rule")
    if "expected" not in fields:
        raise _Error("rule has no 'expected'", node)
    pattern = fields.get("pattern") or fields.get("patterns")
    rule = Rule(_text(fields["expected"], "expected", empty=True), _patterns(pattern), path, line)
    rule.unknown = [key for key in fields if key not in _RULE_KEYS]
    if "specs" in fields:
        rule.specs = [_spec(item) for item in _items(fields["specs"], "'specs'")]
    if "prh" in fields:
        rule.comment = _text(fields["prh"], "prh", empty=True) or None
    if "regexpMustEmpty" in fields:
        rule.must_empty = _text(fields["regexpMustEmpty"], "regexpMustEmpty")
    if "options" in fields:
        options = _mapping(fields["options"], "options")
        rule.options = {k: _text(v, k) == "true" for k, v in options.items()}
    return rule


def _patterns(node: yaml.Node | None) -> list[str] | None:
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == _NULL):
        return None
    if isinstance(node, yaml.ScalarNode):
        return [_text(node, "pattern")]
    return [_text(item, "pattern") for item in _items(node, "patterns")]


def _spec(node: yaml.Node) -> tuple[str, str]:
    fields = _mapping(node, "a spec")
    if "from" not in fields or "to" not in fields:
        raise _Error("a spec needs 'from' and 'to'", node)
    return _text(fields["from"], "from", empty=True), _text(fields["to"], "to", empty=True)


def _mapping(node: yaml.Node, what: str) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise _Error(f"{what} must be a mapping", node)
    out: dict[str, yaml.Node] = {}
    for key, value in node.value:
        name = str(key.value) if isinstance(key, yaml.ScalarNode) else "?"
        if name in out:
            raise _Error(f"{what}: duplicate key '{name}'", key)
        out[name] = value
    return out


def _items(node: yaml.Node, what: str) -> list[yaml.Node]:
    if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise _Error(f"{what} must be a list", node)
    return list(node.value)


def _text(node: yaml.Node, what: str, *, empty: bool = False) -> str:
    if not isinstance(node, yaml.ScalarNode) or (node.tag == _NULL and not empty):
        raise _Error(f"{what} must be a string", node)
    value = "" if node.tag == _NULL else str(node.value)
    if not value and not empty:
        raise _Error(f"{what} must not be empty", node)
    return value
