"""`termqa glossary sync --deepl`: push the glossary to DeepL (see deepl_sync.py).

Exit codes: 0 synced, up to date, or dry run printed; 2 for every error (usage, glossary
input, missing key, DeepL's answers and network failures), with one line on stderr. The auth
key is read from the environment only and never printed.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, NoReturn

import click

from termqa.deepl_auth import auth_key
from termqa.errors import TermqaError

if TYPE_CHECKING:
    from termqa.glossary.deepl_entries import EntrySet
    from termqa.glossary.deepl_sync import SyncResult

_APIS = ("auto", "v3", "v2")  # deepl_remote.APIS, repeated: that module imports deepl


@click.command("sync")
@click.argument("files", nargs=-1)
@click.option("--deepl", "to_deepl", is_flag=True, help="Push to DeepL (the only target yet).")
@click.option(
    "--name", help="Glossary name on DeepL [default: the recorded one, else 'termqa EN-JA']."
)
@click.option("--dry-run", is_flag=True, help="Print the changes; change nothing on DeepL.")
@click.option("--source-lang", default="EN", show_default=True, help="Source language code.")
@click.option("--target-lang", default="JA", show_default=True, help="Target language code.")
@click.option("--no-default-glossary", is_flag=True, help="Do not include the shipped glossary.")
@click.option(
    "--auth-key-env",
    default="DEEPL_AUTH_KEY",
    show_default=True,
    metavar="NAME",
    help="Environment variable holding the DeepL auth key.",
)
@click.option(
    "--server-url",
    envvar="DEEPL_SERVER_URL",
    metavar="URL",
    help="DeepL API server [default: by key type; env: DEEPL_SERVER_URL].",
)
@click.option(
    "--api",
    type=click.Choice(_APIS),
    default="auto",
    show_default=True,
    help="Glossary endpoints: v3 (multilingual) where the deepl client has them, else v2.",
)
def sync_command(  # noqa: PLR0917  (click passes one parameter per option)
    files: tuple[str, ...],
    to_deepl: bool,
    name: str | None,
    dry_run: bool,
    source_lang: str,
    target_lang: str,
    no_default_glossary: bool,
    auth_key_env: str,
    server_url: str | None,
    api: str,
) -> None:
    """Push the layered glossary (shipped + FILES) to a DeepL glossary.

    Keep terms go as identity entries, translate terms with their first approved rendering.
    A new glossary replaces the recorded one only once it is ready and complete; the id is
    recorded in .termqa/deepl-glossary.json at the project root.
    """
    from termqa.glossary.deepl_remote import open_remote  # noqa: PLC0415  (imports deepl)
    from termqa.glossary.deepl_state import project_root  # noqa: PLC0415
    from termqa.glossary.deepl_sync import sync_deepl  # noqa: PLC0415

    if not to_deepl:
        raise click.UsageError("name the target to sync to: --deepl")
    key = ""
    try:
        local = _local_entries(files, default=not no_default_glossary)
        key = auth_key(auth_key_env)
        for warning in local.warnings:
            click.echo(f"termqa: warning: {warning}", err=True)
        remote = open_remote(
            key,
            source_lang=source_lang,
            target_lang=target_lang,
            server_url=server_url,
            api=api,
            key_env=auth_key_env,
        )
        try:
            result = sync_deepl(remote, local, project_root(), name=name, dry_run=dry_run)
        finally:
            remote.close()
    except TermqaError as exc:
        _fail(exc.render(), key)
    _report(result, local, remote.api, key)


def _local_entries(files: tuple[str, ...], *, default: bool) -> EntrySet:
    from termqa.glossary.deepl_entries import deepl_entries  # noqa: PLC0415
    from termqa.glossary.io import load_glossaries  # noqa: PLC0415

    if not files and not default:
        raise TermqaError("no glossary to sync: give FILES or drop --no-default-glossary")
    return deepl_entries(load_glossaries(list(files), default=default).entries)


def _report(result: SyncResult, local: EntrySet, api: str, key: str) -> None:
    for warning in result.warnings:
        click.echo(_scrub(f"termqa: warning: {warning}", key), err=True)
    where = f"DeepL glossary '{result.name}'"
    if result.action == "up-to-date":
        click.echo(f"up to date: {len(local)} entries in {where} ({result.glossary_id})")
        return
    if result.action == "dry-run":
        click.echo(f"dry run: {where} ({api}): {result.diff.summary()}")
        for line in result.diff.lines():
            click.echo(f"  {line}")
        outcome = "would make a new glossary" if result.changes else "would change nothing"
        click.echo(f"nothing was changed on DeepL (a sync {outcome})")
        return
    click.echo(f"synced {len(local)} entries to {where} ({result.glossary_id}, {api})")
    click.echo(f"  {result.diff.summary()}")
    if result.previous_id:
        click.echo(f"  replaced glossary {result.previous_id}")


def _scrub(text: str, key: str) -> str:
    return text.replace(key, "***") if key else text


def _fail(message: str, key: str) -> NoReturn:
    click.echo(f"termqa: error: {_scrub(message, key)}", err=True)
    sys.exit(2)


COMMANDS: tuple[click.Command, ...] = (sync_command,)
