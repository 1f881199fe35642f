"""CLI subcommands, one module each; every module has `register(subparsers)`.

None of them imports Qt: they run where there is no display, and start fast.
"""

from __future__ import annotations

import argparse
import importlib

COMMAND_MODULES = ("engagements", "demo", "report", "log", "decisions", "exit", "export", "backup")


def register_all(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"desktop.commands.{name}")
        module.register(subparsers)
