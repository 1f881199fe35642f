"""The command line's own refusal, kept apart from `common` so the entry point can catch it
without importing storage (`--version` and `--help` load nothing of it)."""

from __future__ import annotations


class CommandError(Exception):
    """A plain-language failure: printed on stderr, exit status 1."""
