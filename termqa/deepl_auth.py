"""The DeepL API key, shared by `termqa translate` and `termqa glossary sync`.

The key is read only from the environment (`DEEPL_AUTH_KEY`, or the variable named with
`--auth-key-env`): there is no option or configuration key that holds it, so it never lands in
shell history or a committed file. Messages name the variable, never its value.
"""

from __future__ import annotations

import os

from termqa.errors import TermqaError

DEFAULT_ENV = "DEEPL_AUTH_KEY"


def auth_key(env: str = DEFAULT_ENV) -> str:
    """The key in `$env`; a TermqaError naming the variable when it is unset or malformed."""
    key = os.environ.get(env, "").strip()
    if not key:
        raise TermqaError(
            f"${env} is not set: put the DeepL API auth key in it"
            " (or name another variable with --auth-key-env)"
        )
    if not key.isprintable() or any(c.isspace() for c in key):
        raise TermqaError(f"${env} holds spaces or control characters: not a DeepL auth key")
    return key
