"""Entries back to our glossary YAML (README, "Glossary format"), which `parse_glossary` reads
back to equal entries. Defaults are left out: `case` when it is the kind's default,
`forbidden_scope` when `always`, empty lists and missing strings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

from termqa.glossary.formats._common import default_case
from termqa.glossary.model import Entry, Example, Scope


class _Dumper(yaml.SafeDumper):
    """Indents a list inside a mapping (`entries:` then `  - term:`), as ml.yaml does."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _string(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """Multi-line strings as literal blocks (`|`), which read like the text they hold."""
    style = "|" if "\n" in value.rstrip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    """Lists of strings in flow style (`ja: [検索拡張生成]`); others as blocks."""
    flow = all(isinstance(item, str) and "\n" not in item for item in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _string)
_Dumper.add_representer(list, _list)


def dump_yaml(data: object) -> str:
    """YAML in this project's style: block mappings, flow lists of scalars, Unicode as is."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )


def render_yaml(
    entries: Sequence[Entry], *, name: str | None = None, header: str | None = None
) -> str:
    """A whole glossary file; `header` becomes leading `# ` comment lines."""
    top: dict[str, Any] = {"version": 1}
    if name:
        top["name"] = name
    top["entries"] = [entry_data(entry) for entry in entries]
    body = dump_yaml(top)
    if header is None:
        return body
    comments = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines())
    return comments + body


def entry_data(entry: Entry) -> dict[str, Any]:
    """One entry as the mapping the YAML holds, keys in the README's order."""
    data: dict[str, Any] = {"term": entry.term, "kind": str(entry.kind)}
    if entry.expansion is not None:
        data["expansion"] = entry.expansion
    if entry.aliases:
        data["aliases"] = list(entry.aliases)
    if entry.ja:
        data["ja"] = list(entry.ja)
    if entry.forbidden:
        data["forbidden"] = list(entry.forbidden)
    if entry.forbidden_scope is not Scope.ALWAYS:
        data["forbidden_scope"] = str(entry.forbidden_scope)
    if entry.case_sensitive != default_case(entry.kind):
        data["case"] = "sensitive" if entry.case_sensitive else "insensitive"
    if entry.note is not None:
        data["note"] = entry.note
    examples: dict[str, Any] = {}
    if entry.bad:
        examples["bad"] = [_example(example) for example in entry.bad]
    if entry.good:
        examples["good"] = [_example(example) for example in entry.good]
    if examples:
        data["examples"] = examples
    return data


def _example(example: Example) -> str | dict[str, str]:
    if example.en is None:
        return example.ja
    return {"en": example.en, "ja": example.ja}
