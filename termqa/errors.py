"""Errors that reach the user as one line on stderr and exit code 2."""

from __future__ import annotations


class TermqaError(Exception):
    """Bad input, configuration or usage: a message naming the file (and line) at fault."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.detail = message
        super().__init__(self.render())

    def render(self) -> str:
        if self.path is None:
            return self.detail
        if self.line is None:
            return f"{self.path}: {self.detail}"
        return f"{self.path}:{self.line}: {self.detail}"
