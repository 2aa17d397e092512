"""What `termqa glossary lint|stats|show` print: plain functions from data to text or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields

from termqa.glossary.fold import fold
from termqa.glossary.lint_model import Level, LintIssue
from termqa.glossary.model import Entry, Example, Kind


def issues_text(issues: Sequence[LintIssue], files: int) -> str:
    """One line per issue, then a count."""
    lines = [i.render() for i in issues]
    errors = sum(i.level is Level.ERROR for i in issues)
    warnings = len(issues) - errors
    checked = f"{files} glossary file" + ("" if files == 1 else "s")
    if issues:
        lines.append(f"{_count(errors, 'error')}, {_count(warnings, 'warning')} in {checked}")
    else:
        lines.append(f"no issues in {checked}")
    return "\n".join(lines) + "\n"


def issues_json(issues: Sequence[LintIssue], paths: Sequence[str]) -> str:
    errors = sum(i.level is Level.ERROR for i in issues)
    data = {
        "version": 1,
        "files": list(paths),
        "issues": [i.to_json() for i in issues],
        "summary": {"errors": errors, "warnings": len(issues) - errors},
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _count(n: int, what: str) -> str:
    return f"{n} {what}" + ("" if n == 1 else "s")


@dataclass(frozen=True, slots=True)
class Stats:
    path: str
    entries: int = 0
    keep: int = 0
    translate: int = 0
    forbidden: int = 0  # entries with forbidden renderings
    examples: int = 0  # entries with examples
    aliases: int = 0  # aliases, all entries together


def stats(path: str, entries: Sequence[Entry]) -> Stats:
    return Stats(
        path=path,
        entries=len(entries),
        keep=sum(e.kind is Kind.KEEP for e in entries),
        translate=sum(e.kind is Kind.TRANSLATE for e in entries),
        forbidden=sum(bool(e.forbidden) for e in entries),
        examples=sum(bool(e.bad or e.good) for e in entries),
        aliases=sum(len(e.aliases) for e in entries),
    )


def total(rows: Sequence[Stats]) -> Stats:
    names = [f.name for f in fields(Stats) if f.name != "path"]
    return Stats("total", *(sum(getattr(r, n) for r in rows) for n in names))


def stats_text(rows: Sequence[Stats]) -> str:
    shown = [*rows, total(rows)] if len(rows) > 1 else list(rows)
    names = [f.name for f in fields(Stats)]
    width = max(len(r.path) for r in shown)
    lines = [f"{'file':<{width}}" + "".join(f"  {n:>9}" for n in names[1:])]
    for row in shown:
        cells = "".join(f"  {getattr(row, n):>9}" for n in names[1:])
        lines.append(f"{row.path:<{width}}{cells}")
    return "\n".join(lines) + "\n"


def stats_json(rows: Sequence[Stats]) -> str:
    summary = asdict(total(rows))
    del summary["path"]
    data = {"version": 1, "files": [asdict(r) for r in rows], "total": summary}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def find(term: str, entries: Sequence[Entry]) -> list[Entry]:
    """Entries whose term or an alias is `term`, ignoring case and width."""
    wanted = fold(term.strip())
    return [e for e in entries if any(fold(f.strip()) == wanted for f in e.english_forms)]


def close_matches(term: str, entries: Sequence[Entry], limit: int = 5) -> list[str]:
    """Terms and aliases most like `term`, best first."""
    from rapidfuzz import fuzz, process, utils  # noqa: PLC0415  (only when nothing matched)

    forms = list(dict.fromkeys(f for e in entries for f in e.english_forms))
    found = process.extract(
        term,
        forms,
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=limit,
        score_cutoff=70,
    )
    return [form for form, _, _ in found]


def entry_fields(entry: Entry) -> dict[str, object]:
    """An entry as the glossary YAML spells it (defaults left out), plus where it is."""
    out: dict[str, object] = {"path": entry.path, "line": entry.line, "term": entry.term}
    out["kind"] = str(entry.kind)
    if entry.expansion:
        out["expansion"] = entry.expansion
    for name in ("aliases", "ja", "forbidden"):
        if getattr(entry, name):
            out[name] = list(getattr(entry, name))
    if entry.forbidden:
        out["forbidden_scope"] = str(entry.forbidden_scope)
    out["case"] = "sensitive" if entry.case_sensitive else "insensitive"
    if entry.note:
        out["note"] = entry.note
    if entry.bad or entry.good:
        out["examples"] = {"bad": _examples(entry.bad), "good": _examples(entry.good)}
    return out


def _examples(examples: Sequence[Example]) -> list[object]:
    return [e.ja if e.en is None else {"en": e.en, "ja": e.ja} for e in examples]


def show_text(entries: Sequence[Entry]) -> str:
    """Each entry under its file:line, one field a line; the last one is in effect."""
    blocks = []
    for n, entry in enumerate(entries):
        data = entry_fields(entry)
        head = f"{data.pop('path')}:{data.pop('line')}"
        later = [e for e in entries[n + 1 :] if e.term == entry.term]
        if later:
            head += f" (overridden by {later[-1].path}:{later[-1].line})"
        lines = [head]
        for key, value in data.items():
            lines.extend(_field_lines(key, value))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _field_lines(key: str, value: object) -> list[str]:
    if isinstance(value, list):
        return [f"  {key}: {', '.join(str(v) for v in value)}"]
    if isinstance(value, dict):
        lines = [f"  {key}:"]
        for label, items in value.items():
            lines.extend(f"    {label}: {_example_text(item)}" for item in items)
        return lines
    return [f"  {key}: {value}"]


def _example_text(item: object) -> str:
    if isinstance(item, dict):
        return f"{item['ja']}  (en: {item['en']})"
    return str(item)


def show_json(entries: Sequence[Entry]) -> str:
    data = {"version": 1, "entries": [entry_fields(e) for e in entries]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
