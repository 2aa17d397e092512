"""Push a glossary's entries to DeepL so that a failed sync leaves the previous glossary in use.

The sequence, for v3 and v2 alike (v2 glossaries cannot be edited; a new v3 glossary is also
the one edit that cannot leave a glossary half-updated):

1. read the recorded glossary (`deepl_state`) and its entries on DeepL, and diff them;
2. stop if this is a dry run (only GET requests were made), or if nothing changed;
3. create a new glossary, wait until it is ready, check its entry count;
4. record the new id in the state file (atomic write): from here on it is the one in use;
5. delete the previous glossary; a failure here is a warning, not an error.

A failure in 3 or 4 deletes the new glossary (best effort) and leaves the state file as it was.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from termqa.errors import TermqaError
from termqa.glossary.deepl_entries import EntryDiff, EntrySet, diff_entries
from termqa.glossary.deepl_state import SyncState, read_state, state_path, write_state

if TYPE_CHECKING:
    from termqa.glossary.deepl_remote import Remote, RemoteInfo


@dataclass(frozen=True, slots=True)
class Waiting:
    """How long to poll a new glossary until DeepL reports it ready."""

    interval: float = 0.5
    timeout: float = 60.0
    sleep: Callable[[float], None] = field(default=time.sleep)


@dataclass(frozen=True, slots=True)
class SyncResult:
    action: str  # "dry-run", "up-to-date" or "synced"
    name: str  # the glossary's name on DeepL (to be, for a dry run)
    diff: EntryDiff  # from the recorded glossary's entries (none: empty) to the local ones
    glossary_id: str | None  # the glossary in use after the run; None if there is none
    previous_id: str | None  # the glossary a sync replaced
    warnings: tuple[str, ...] = ()
    changes: bool = True  # whether the run made (a dry run: would make) a new glossary


def default_name(source_lang: str, target_lang: str) -> str:
    return f"termqa {source_lang.upper()}-{target_lang.upper()}"


def sync_deepl(
    remote: Remote,
    local: EntrySet,
    root: str | Path,
    *,
    name: str | None = None,
    dry_run: bool = False,
    waiting: Waiting | None = None,
) -> SyncResult:
    """Make the DeepL glossary recorded under `root` hold exactly `local` (see module doc).

    `name` defaults to the recorded glossary's name, else `default_name()`; a new name makes
    a new glossary even if the entries are unchanged.
    """
    with nullcontext() if dry_run else _locked(root):
        state = read_state(root, remote.source_lang, remote.target_lang)
        current, remote_entries, warnings = _current(remote, state)
        diff = diff_entries(local.entries, remote_entries)
        wanted = name or (
            state.name if state else default_name(remote.source_lang, remote.target_lang)
        )
        in_use = current.glossary_id if current else None
        same = current is not None and diff.empty and current.name == wanted
        if dry_run:
            return SyncResult("dry-run", wanted, diff, in_use, None, tuple(warnings), not same)
        if same and current is not None:
            _refresh(root, remote, current, local, state)
            return SyncResult("up-to-date", wanted, diff, in_use, None, tuple(warnings), False)
        try:
            created = _create(remote, local, root, wanted, waiting or Waiting())
        except TermqaError as exc:
            kept = "the previous glossary stays in use" if in_use else "no glossary was made"
            raise TermqaError(f"{exc.detail}; {kept}", exc.path, exc.line) from None
        if current is not None and current.entry_count is not None:
            warnings += _delete_previous(remote, current.glossary_id)
        return SyncResult("synced", wanted, diff, created, in_use, tuple(warnings))


def _current(
    remote: Remote, state: SyncState | None
) -> tuple[RemoteInfo | None, dict[str, str], list[str]]:
    """The recorded glossary on DeepL, its entries for the language pair, and warnings."""
    if state is None:
        return None, {}, []
    info = remote.info(state.glossary_id)
    if info is None:
        gone = f"the recorded DeepL glossary {state.glossary_id} no longer exists on DeepL"
        return None, {}, [gone]
    if info.entry_count is None:
        other = (
            f"the recorded DeepL glossary {info.glossary_id} has no {remote.source_lang}"
            f" → {remote.target_lang} entries; it is left as it is"
        )
        return info, {}, [other]
    return info, remote.entries(info.glossary_id), []


def _create(remote: Remote, local: EntrySet, root: str | Path, name: str, waiting: Waiting) -> str:
    """Create the new glossary, check it, record it; on any failure drop it again."""
    if not local.entries:
        raise TermqaError("the glossary has no entries DeepL accepts; nothing to sync")
    if not remote.supports_pair():
        pair = f"{remote.source_lang} → {remote.target_lang}"
        raise TermqaError(f"DeepL has no glossaries for {pair}")
    created = remote.create(name, local.entries)
    try:
        ready = _wait_ready(remote, created.glossary_id, waiting)
        if ready.entry_count != len(local):
            raise TermqaError(
                f"the new DeepL glossary holds {ready.entry_count} entries, not {len(local)}"
            )
        write_state(root, _state(remote, ready, local))
    except BaseException:  # KeyboardInterrupt too: the previous glossary stays the one in use
        _discard(remote, root, created.glossary_id)
        raise
    return created.glossary_id


def _wait_ready(remote: Remote, glossary_id: str, waiting: Waiting) -> RemoteInfo:
    deadline = time.monotonic() + waiting.timeout
    while True:
        info = remote.info(glossary_id)
        if info is None:
            raise TermqaError(f"the new DeepL glossary {glossary_id} vanished before it was ready")
        if info.ready:
            return info
        if time.monotonic() >= deadline:
            raise TermqaError(
                f"the new DeepL glossary {glossary_id} was not ready after {waiting.timeout:g} s"
            )
        waiting.sleep(waiting.interval)


def _discard(remote: Remote, root: str | Path, glossary_id: str) -> None:
    """Delete a glossary that never became the one in use, unless the state records it."""
    try:
        state = read_state(root, remote.source_lang, remote.target_lang)
        if state is None or state.glossary_id != glossary_id:
            remote.delete(glossary_id)
    except TermqaError:
        pass  # the original failure is the one to report; the orphan has a recognisable name


def _delete_previous(remote: Remote, glossary_id: str) -> list[str]:
    try:
        remote.delete(glossary_id)
    except TermqaError as exc:
        return [
            f"the previous DeepL glossary {glossary_id} was not deleted ({exc.detail});"
            " the new one is in use: delete the old one by hand"
        ]
    return []


def _refresh(
    root: str | Path, remote: Remote, current: RemoteInfo, local: EntrySet, state: SyncState | None
) -> None:
    """Rewrite the state if it is stale about a glossary that already holds the entries."""
    fresh = _state(remote, current, local)
    if state is None or (state.entry_hash, state.entry_count, state.api) != (
        fresh.entry_hash,
        fresh.entry_count,
        fresh.api,
    ):
        write_state(root, fresh)


def _state(remote: Remote, info: RemoteInfo, local: EntrySet) -> SyncState:
    return SyncState(
        glossary_id=info.glossary_id,
        name=info.name,
        api=remote.api,
        source_lang=remote.source_lang,
        target_lang=remote.target_lang,
        entry_count=len(local),
        entry_hash=local.digest,
        synced_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


@contextmanager
def _locked(root: str | Path) -> Iterator[None]:
    """Hold the state file's lock: two syncs at once would each delete the other's glossary."""
    from termqa.glossary.atomic import locked  # noqa: PLC0415  (owned by the edit helper)

    path = state_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    with locked(str(path)):
        yield
