"""CLI subcommands, one module per command family; every module has `register(subparsers)`.

None of them imports Qt: they run where there is no display, and start fast. argparse decides
which command was asked for (an option's value is never taken for one): the top-level parser
holds every command as a stub with its summary, and only when argparse reaches a command's name
is that command's module imported and its real parser put in the stub's place (`LazyCommands`).

A new command family is one module with `register(subparsers)` plus one line in `SUMMARIES`
(and one in `MODULES` when the module's name is not the command's).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

SUMMARIES = {
    "clients": "clients: list, show, add, edit, archive",
    "engagements": "engagements: list, show, add, edit, change a commitment",
    "init": "create a new, empty practice in a data folder",
    "demo": "write a sample practice into a data folder",
    "report": "reports on logged time",
    "portfolio": "days committed against capacity, week by week, across clients",
    "log": "log time on an engagement (prints the entry); list, edit or delete entries",
    "update": "the weekly client update, drafted from the week's records",
    "decisions": "the decision log: list, show, add, edit, supersede, MADR files",
    "exit": "the exit plan (milestones, successors, risks, recommendations, access) and its review",
    "prefs": "preferences: capacity, hours a day, tax, invoicing and documents",
    "invoice": "invoices: create, list, mark sent or paid",
    "export": "write the scope of work, the handoff, a timesheet or a statement",
    "documents": "versions of the documents a client signs",
    "changes": "change requests: add, list, accept, decline",
    "backup": "back up the database",
    "restore": "restore the database from a backup",
    "encryption": "encryption at rest: status, enable, disable, recover",
    "check": "check the data file: integrity, links, rows that break a rule, sent invoices",
    "import": "import time from Toggl, Harvest or Clockify, or a whole practice from JSON",
    "sync": "keep this practice in step with your other machines through a synced folder",
}
MODULES = {name: name for name in SUMMARIES} | {"restore": "backup", "import": "imports"}
EVERY = "*"
DATA_DIR = "--data-dir"


class CommandParser(argparse.ArgumentParser):
    """argparse's parser, its help formatter given the terminal's width: argparse asks
    `shutil` for it, which loads bz2 and lzma, on every parser built and every argument added
    (each command and `--version` paid 3 ms for it). Every subparser is of this class too."""

    def _get_formatter(self) -> argparse.HelpFormatter:
        return self.formatter_class(prog=self.prog, width=terminal_columns() - 2)


def look_up_argparse_words_once() -> None:
    """argparse translates its own words (`options`, `show this help message and exit`) with
    `gettext.gettext`, which searches the disk for a catalogue on every call, found or not:
    20 µs a call, and a command's parsers make about 70. The same catalogue (the current
    domain's, for the locale), looked up once per process, answers the same words. Where the
    catalogues' folder does not exist (a Python built into its own prefix, the bundle), there is
    none to find: the search, and the `locale` module it loads, are skipped."""
    import gettext

    domain = gettext.textdomain()
    folder = gettext.bindtextdomain(domain)
    if not os.path.isdir(folder):  # noqa: PTH112 - `--version` runs here too, before pathlib
        catalogue = gettext.NullTranslations()  # what `translation` falls back to
    else:
        catalogue = gettext.translation(domain, folder, fallback=True)
    argparse._ = catalogue.gettext  # type: ignore[attr-defined]


def terminal_columns() -> int:
    """`shutil.get_terminal_size().columns`: $COLUMNS, else the terminal's, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 80
    return columns


class LazyCommands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """Subcommands whose module is imported only once argparse has chosen them.

    Each name starts as a stub parser carrying the summary (enough for `--help`); when argparse
    hands this action the command's words, the stub is swapped for the module's real parser.
    """

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[object] | None,
        option_string: str | None = None,
    ) -> None:
        name = str(values[0]) if values else ""
        if name in MODULES and name not in self.loaded:
            load(self, MODULES[name])
        super().__call__(parser, namespace, values, option_string)

    @property
    def loaded(self) -> set[str]:
        return self.__dict__.setdefault("_loaded", set())


def register_all(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], only: str = EVERY
) -> None:
    """Stubs for every command; with EVERY, every module's real parser straight away (the
    README table, the tests that walk every command)."""
    for name, summary in SUMMARIES.items():
        subparsers.add_parser(name, help=summary)
    if only == EVERY:
        for module_name in dict.fromkeys(MODULES.values()):
            load(subparsers, module_name)


def load(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], module_name: str) -> None:
    """Import a command module and put its parsers where its stubs were."""
    names = [n for n, m in MODULES.items() if m == module_name]
    for name in names:
        subparsers._name_parser_map.pop(name, None)
    kept = [a for a in subparsers._choices_actions if a.dest not in names]
    subparsers._choices_actions[:] = kept
    importlib.import_module(f"desktop.commands.{module_name}").register(subparsers)
    for name in names:
        accept_data_dir_anywhere(subparsers._name_parser_map[name])
    if isinstance(subparsers, LazyCommands):
        subparsers.loaded.update(names)
    _keep_summary_order(subparsers)


def _keep_summary_order(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    order = list(SUMMARIES)
    subparsers._choices_actions.sort(
        key=lambda a: order.index(a.dest) if a.dest in order else len(order)
    )


def accept_data_dir_anywhere(parser: argparse.ArgumentParser) -> None:
    """Let `--data-dir` follow the subcommand too (`fractional-desk report week --data-dir D`)."""
    known = {opt for action in parser._actions for opt in action.option_strings}
    if DATA_DIR not in known:
        parser.add_argument(DATA_DIR, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in set(action.choices.values()):
                accept_data_dir_anywhere(child)
