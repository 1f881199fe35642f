"""CLI subcommands, one module each; every module has `register(subparsers)`.

None of them imports Qt: they run where there is no display, and start fast. Only the module of
the command being run is imported; the others are listed by name and summary, so that neither a
command nor the window pays for the imports of all the others.
"""

from __future__ import annotations

import argparse
import importlib

SUMMARIES = {
    "engagements": "list engagements, change a commitment",
    "demo": "write a sample practice into a data folder",
    "report": "reports on logged time",
    "portfolio": "days committed against capacity, week by week, across clients",
    "log": "log time on an engagement; prints the entry's id",
    "update": "the weekly client update, drafted from the week's records",
    "decisions": "the decision log",
    "exit": "the exit plan and the exit-readiness review",
    "invoice": "invoices: create, list, mark sent or paid",
    "export": "write the scope of work, the handoff, a timesheet or a statement",
    "documents": "versions of the documents a client signs",
    "changes": "change requests: add, list, accept, decline",
    "backup": "back up the database",
    "restore": "restore the database from a backup",
    "encryption": "encryption at rest: status, enable, disable, recover",
    "check": "check the data file: integrity, links, rows that break a rule, sent invoices",
    "import": "import time from Toggl, Harvest or Clockify, or a whole practice from JSON",
}
MODULES = {name: name for name in SUMMARIES} | {"restore": "backup", "import": "imports"}
EVERY = "*"


def requested(argv: list[str]) -> str:
    """The subcommand named on the command line, or "" for none (the window)."""
    return next((word for word in argv if word in SUMMARIES), "")


def register_all(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], only: str = EVERY
) -> None:
    """Register `only` in full (every command for EVERY); the rest by name and summary."""
    full = set(MODULES.values()) if only == EVERY else {MODULES[only]} if only else set()
    for module_name in dict.fromkeys(MODULES.values()):
        if module_name in full:
            importlib.import_module(f"desktop.commands.{module_name}").register(subparsers)
    for name, summary in SUMMARIES.items():
        if name not in subparsers.choices:
            subparsers.add_parser(name, help=summary)
