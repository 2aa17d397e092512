"""`termqa translate`: DeepL pre-translation of an English Markdown digest, then its check.

Exit codes: 0 translated and the check passed; 1 translated but the check failed (the output
is written, findings printed); 2 for every error (usage, missing key, stale DeepL glossary,
DeepL's answers, network failures), with one line on stderr and no output file written (an
existing one is left as it was). The auth key comes from $DEEPL_AUTH_KEY, or the variable
`--auth-key-env` names, and is never printed.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, NamedTuple, NoReturn

import click

from termqa.deepl_auth import auth_key
from termqa.errors import TermqaError

if TYPE_CHECKING:
    from termqa.api import Checker
    from termqa.translate.client import Options
    from termqa.translate.run import Job


class Access(NamedTuple):
    """Where and as whom to call DeepL: the key, the variable it came from, the server."""

    key: str
    key_env: str
    server_url: str | None


@click.command("translate")
@click.argument("source")
@click.option("-o", "--output", required=True, help="The Japanese file to write.")
@click.option(
    "--layout", type=click.Choice(("separate", "interleaved")), default="separate",
    show_default=True, help="Japanese only, or each Japanese line followed by its English.",
)  # fmt: skip
@click.option("--interleave", is_flag=True, help="Same as --layout interleaved.")
@click.option("--glossary", "glossaries", multiple=True, help="Extra glossary (repeatable).")
@click.option("--no-default-glossary", is_flag=True, help="Do not load the shipped glossary.")
@click.option("--formality", type=click.Choice(("default", "more", "less", "prefer_more",
              "prefer_less")), help="DeepL formality.")  # fmt: skip
@click.option("--model", type=click.Choice(("quality", "latency")), help="DeepL model type.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the translation cache.")
@click.option(
    "--use-stale-glossary", is_flag=True,
    help="Use the synced DeepL glossary even if it is out of date with the local one.",
)  # fmt: skip
@click.option(
    "--auth-key-env", default="DEEPL_AUTH_KEY", show_default=True, metavar="NAME",
    help="Environment variable holding the DeepL auth key.",
)  # fmt: skip
@click.option(
    "--server-url", envvar="DEEPL_SERVER_URL", metavar="URL",
    help="DeepL API server [default: by key type; env: DEEPL_SERVER_URL].",
)  # fmt: skip
def translate_command(  # noqa: PLR0917  (click passes one parameter per option)
    source: str,
    output: str,
    layout: str,
    interleave: bool,
    glossaries: tuple[str, ...],
    no_default_glossary: bool,
    formality: str | None,
    model: str | None,
    no_cache: bool,
    use_stale_glossary: bool,
    auth_key_env: str,
    server_url: str | None,
) -> None:
    """Translate the English Markdown SOURCE with DeepL into OUTPUT, then check OUTPUT.

    Code, URLs and math are never sent; glossary keep terms and source identifiers are
    protected from translation; the synced DeepL glossary is used when it is current.
    """
    from termqa.api import Checker  # noqa: PLC0415
    from termqa.config import Config  # noqa: PLC0415
    from termqa.translate.run import Job  # noqa: PLC0415

    key = ""
    try:
        checker = Checker.create(
            Config(glossaries=glossaries, default_glossary=not no_default_glossary)
        )
        options = _options(checker, formality, model, use_stale=use_stale_glossary)
        key = auth_key(auth_key_env)
        job = Job(
            source, output, "interleaved" if interleave else layout,
            tuple(options.cache_fields().items()),
        )  # fmt: skip
        access = Access(key, auth_key_env, server_url)
        text, passed = _run(job, checker, options, access, use_cache=not no_cache)
    except TermqaError as exc:
        _fail(exc.render(), key)
    click.echo(text, nl=False)
    sys.exit(0 if passed else 1)


def _options(checker: Checker, formality: str | None, model: str | None, *, use_stale: bool
             ) -> Options:  # fmt: skip
    from termqa.glossary.deepl_entries import deepl_entries  # noqa: PLC0415
    from termqa.glossary.deepl_state import is_current, project_root, read_state  # noqa: PLC0415
    from termqa.translate.client import Options  # noqa: PLC0415

    state = read_state(project_root())
    if state is not None and not is_current(state, deepl_entries(checker.glossary.entries)):
        if not use_stale:
            raise TermqaError(
                f"the DeepL glossary {state.glossary_id} (synced {state.synced_at}) is out of "
                "date with the local glossary: run 'termqa glossary sync --deepl', or pass "
                "--use-stale-glossary"
            )
        click.echo("termqa: warning: using an out-of-date DeepL glossary", err=True)
    return Options(
        formality=formality,
        model=model,
        glossary_id=state.glossary_id if state else None,
        glossary_version=state.entry_hash if state else None,
    )


def _run(job: Job, checker: Checker, options: Options, access: Access, *, use_cache: bool
         ) -> tuple[str, bool]:  # fmt: skip
    from termqa.glossary.atomic import write_atomic  # noqa: PLC0415
    from termqa.readers.decode import read_text  # noqa: PLC0415
    from termqa.report.formats import text  # noqa: PLC0415
    from termqa.translate.cache import Cache  # noqa: PLC0415
    from termqa.translate.client import DeepLTranslator  # noqa: PLC0415  (imports deepl)
    from termqa.translate.run import check_output, translate_file  # noqa: PLC0415

    source_text = read_text(job.source_path)
    translator = DeepLTranslator(
        access.key, options, server_url=access.server_url, key_env=access.key_env
    )
    try:
        with Cache.open(use_cache) as cache:
            translated = translate_file(job, source_text, translator, cache, checker)
    finally:
        translator.close()
    write_atomic(job.output_path, translated)
    report = check_output(job, translated, source_text, checker)
    lines = {job.output_path: translated.split("\n")}
    return text.render(report, lines=lines, colour=sys.stdout.isatty()), report.passed


def _fail(message: str, key: str) -> NoReturn:
    click.echo(f"termqa: error: {message.replace(key, '***') if key else message}", err=True)
    sys.exit(2)
