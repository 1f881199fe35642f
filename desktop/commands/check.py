"""`fractional-desk check [--format table|json] [--repair]`: what in the data file is damaged or
breaks a rule, one row per problem; exit status 1 when there is any."""

from __future__ import annotations

import argparse

from desktop.commands.common import (
    add_format_option,
    open_db,
    print_table,
)
from desktop.commands.output import emit_list, emit_one
from desktop.contracts.files import ProblemJson, RepairJson, problem_json
from desktop.data_folder import resolve
from storage.file import Problem, health_check
from storage.portfolio import capacity


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check the data file: integrity, links, rows that break a rule, sent invoices",
        description="List every problem in the data file as table, id, column and problem; "
        "exit 1 when there is any. Sent invoices are compared with what was recorded when "
        "they were sent, and the triggers that keep them final must be there as made. "
        "--repair backs up first, then fixes what can be fixed safely (undecodable text is "
        "re-encoded, missing triggers are put back) and lists what it could not fix.",
    )
    add_format_option(parser, ProblemJson)
    parser.add_argument("--repair", action="store_true", help="back up, then fix what is safe")
    parser.set_defaults(func=run_check)


def run_check(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        if not args.repair:
            problems = [*health_check.check(db), *capacity.merged_over(db)]
            _print(args, problems, "No problems found.")
            return 1 if problems else 0
        repair = health_check.repair(db, resolve(args.data_dir))
    if args.format != "table":
        args.contract = RepairJson
        fixed, left = (
            [problem_json(p) for p in repair.fixed],
            [problem_json(p) for p in repair.left],
        )
        emit_one(args, RepairJson(backup=str(repair.backup), fixed=fixed, not_fixed=left))
    else:
        print(f"Backed up first to {repair.backup}")
        _print(args, repair.fixed, "Nothing needed fixing.", title="Fixed:")
        _print(args, repair.left, "Nothing is left to fix.", title="Not fixed (fix by hand):")
    return 1 if repair.left else 0


def _print(args: argparse.Namespace, problems: list[Problem], none: str, title: str = "") -> None:
    if args.format != "table":
        emit_list(args, [problem_json(p) for p in problems], ())
        return
    if title:
        print(title)
    if not problems:
        print(none)
        return
    print_table(
        ["Table", "ID", "Column", "Problem"],
        [[p.table, "" if p.id is None else p.id, p.column, p.problem] for p in problems],
    )
