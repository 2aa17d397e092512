"""The entry set a glossary pushes to DeepL, its digest, and the diff against a remote set.

DeepL glossary entries are source → target pairs under DeepL's rules: terms trimmed, no tabs,
newlines or other control characters, and each source at most once.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from termqa.glossary.model import Entry, Kind

# C0 and C1 control characters (tab and newline included) and the Unicode line separators:
# the characters DeepL refuses in a glossary term.
_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class EntrySet:
    """Source → target entries in glossary order, and why any entry was left out."""

    entries: Mapping[str, str]
    warnings: tuple[str, ...] = ()

    @property
    def digest(self) -> str:
        return entries_digest(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


def deepl_entries(entries: Iterable[Entry]) -> EntrySet:
    """DeepL entries for glossary entries: keep terms map each English form to itself;
    translate terms map each English form to the first approved rendering.

    A form with a character DeepL refuses, or whose rendering is missing, is left out with
    a warning; so is a source already taken by an earlier entry with another target (the
    first wins). A repeat with the same target is merged silently.
    """
    out: dict[str, str] = {}
    warnings: list[str] = []
    for entry in entries:
        for form, rendering in _pairs(entry):
            where = f"{entry.path}:{entry.line}"
            problem = term_problem(form) or (
                term_problem(rendering) if rendering else "no rendering"
            )
            if problem is not None:
                warnings.append(f"{where}: '{_show(form)}' is not sent to DeepL: {problem}")
                continue
            source, target = form.strip(), rendering.strip()
            taken = out.setdefault(source, target)
            if taken != target:
                warnings.append(
                    f"{where}: '{source}' → '{target}' is not sent to DeepL: "
                    f"'{source}' already maps to '{taken}'"
                )
    return EntrySet(MappingProxyType(out), tuple(warnings))


def _pairs(entry: Entry) -> Iterable[tuple[str, str]]:
    if entry.kind is Kind.KEEP:
        return ((form, form) for form in entry.english_forms)
    target = entry.ja[0] if entry.ja else ""
    return ((form, target) for form in entry.english_forms)


def term_problem(term: str) -> str | None:
    """Why DeepL would refuse `term` as a glossary term, or None."""
    if not term.strip():
        return "empty term"
    bad = _FORBIDDEN.search(term)
    if bad is not None:
        return f"control character U+{ord(bad.group()):04X}"
    return None


def _show(text: str) -> str:
    return text.encode("unicode_escape").decode("ascii") if _FORBIDDEN.search(text) else text


def entries_tsv(entries: Mapping[str, str]) -> str:
    """DeepL's TSV entry format: one `source<TAB>target` line per entry."""
    return "".join(f"{source}\t{target}\n" for source, target in entries.items())


def entries_digest(entries: Mapping[str, str]) -> str:
    """A digest of the entries that ignores their order."""
    text = entries_tsv(dict(sorted(entries.items())))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class EntryDiff:
    """What a sync changes: entries added, changed (source, old, new), removed, kept."""

    added: tuple[tuple[str, str], ...]
    changed: tuple[tuple[str, str, str], ...]
    removed: tuple[tuple[str, str], ...]
    unchanged: int

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.changed)} changed, "
            f"{len(self.removed)} removed, {self.unchanged} unchanged"
        )

    def lines(self) -> list[str]:
        """One line per difference: `+ source → target`, `~ source: old → new`, `- …`."""
        return [
            *(f"+ {source} → {target}" for source, target in self.added),
            *(f"~ {source}: {old} → {new}" for source, old, new in self.changed),
            *(f"- {source} → {target}" for source, target in self.removed),
        ]


def diff_entries(local: Mapping[str, str], remote: Mapping[str, str]) -> EntryDiff:
    """The changes that turn the `remote` entries into the `local` ones."""
    added = tuple((s, t) for s, t in local.items() if s not in remote)
    changed = tuple((s, remote[s], t) for s, t in local.items() if s in remote and remote[s] != t)
    removed = tuple(sorted((s, t) for s, t in remote.items() if s not in local))
    unchanged = len(local) - len(added) - len(changed)
    return EntryDiff(added, changed, removed, unchanged)
