"""`termqa glossary …`: the click group; each family of subcommands lives in its own module."""

from __future__ import annotations

import click

from termqa.glossary import commands_edit, commands_exchange, commands_lint, commands_sync


@click.group("glossary")
def glossary_group() -> None:
    """Maintain glossaries: lint, edit, merge, import/export, suggest, sync to DeepL."""


for _module in (commands_lint, commands_edit, commands_exchange, commands_sync):
    for _command in _module.COMMANDS:
        glossary_group.add_command(_command)
