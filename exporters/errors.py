"""The one error an export raises: the UI and the CLI show its message as it is."""

from __future__ import annotations


class ExportError(Exception):
    """A document could not be written; `message` says why in plain words, and nothing was left."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
