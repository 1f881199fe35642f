"""`fractional-desk exit review|plan` and `exit milestone|successor|risk|recommendation|access
add|edit` (and `exit milestone done`): the exit plan from a shell, written through the same
use-case as the Exit plan tab (`plan_changes`), one rule, one error and one message."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database

from desktop.commands.common import open_db, print_table
from desktop.commands.fields import DATE, FLAG, WHOLE, Field, add_fields, given
from desktop.commands.output import cell, command, emit_list, emit_one
from desktop.contracts.exit_plan import (
    AccessJson,
    MilestoneJson,
    PlanJson,
    RecommendationJson,
    ReviewJson,
    RiskJson,
    SuccessorJson,
    access_json,
    milestone_json,
    recommendation_json,
    review_json,
    risk_json,
    successor_json,
)
from storage.exit_plan import (
    AccessItem,
    Milestone,
    Recommendation,
    Responsibility,
    Review,
    Risk,
    access_items,
    milestones,
    plan_changes,
    readiness,
    recommendations,
    responsibilities,
    risks,
)
from storage.practice import engagements
from storage.rules import today


@dataclass(frozen=True)
class Noun:
    """One kind of exit-plan record as the command line offers it."""

    name: str
    summary: str
    record: type
    store: Any  # the storage module: get, list_for, with_changes
    fields: tuple[Field, ...]
    required: tuple[str, ...]
    to_json: Callable[[Any], Any]
    contract: type


NOUNS = (
    Noun("milestone", "a milestone of the defined exit", Milestone, milestones, (
        Field("title", "what is done when it is reached"),
        Field("description", "more about it (`-` reads it from standard input)"),
        Field("due_date", "when it is due (`none` for no date)", DATE),
        Field("status", "its state", choices=tuple(milestones.STATUSES)),
        Field("owner", "who owns it"),
        Field("weight", "how much it counts in the review: 1 to 5", WHOLE, optional=False),
        Field("done_date", "when it was done (default: today, once done)", DATE),
    ), ("title",), milestone_json, MilestoneJson),
    Noun("successor", "who takes over a responsibility, and how far the handover is",
         Responsibility, responsibilities, (
        Field("duty", "the responsibility handed over"),
        Field("successor", "who takes it over"),
        Field("stage", "how far the handover is", choices=tuple(responsibilities.STAGES)),
    ), ("duty",), successor_json, SuccessorJson),
    Noun("risk", "an open risk for the handoff", Risk, risks, (
        Field("risk", "the risk"),
        Field("likelihood", "low, medium or high", choices=tuple(risks.LEVELS)),
        Field("impact", "low, medium or high", choices=tuple(risks.LEVELS)),
        Field("mitigation", "what reduces it"),
        Field("owner", "who owns it"),
    ), ("risk",), risk_json, RiskJson),
    Noun("recommendation", "a recommendation for the roadmap after the exit", Recommendation,
         recommendations, (
        Field("text", "the recommendation"),
        Field("horizon_days", "30, 60 or 90 days (`none` for later)", WHOLE),
    ), ("text",), recommendation_json, RecommendationJson),
    Noun("access", "an access or credential to return or transfer", AccessItem, access_items, (
        Field("system", "the system (cloud account, source host, ...)"),
        Field("access", "what access you hold"),
        Field("holder", "who holds it now"),
        Field("transferred_to", "who it goes to"),
        Field("done", "whether it is transferred", FLAG),
    ), ("system",), access_json, AccessJson),
)  # fmt: skip
BY_NAME = {noun.name: noun for noun in NOUNS}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "exit", help="the exit plan (milestones, successors, risks, recommendations, access) "
        "and its review"
    )  # fmt: skip
    actions = parser.add_subparsers(dest="action", required=True)
    review = command(actions, "review", "print an engagement's exit-readiness review",
                     run_review, contract=ReviewJson)  # fmt: skip
    review.add_argument("--engagement", type=int, required=True, metavar="ID")
    plan = command(actions, "plan", "an engagement's whole exit plan, every record with its id",
                   run_plan, contract=PlanJson)  # fmt: skip
    plan.add_argument("--engagement", type=int, required=True, metavar="ID")
    for noun in NOUNS:
        _register_noun(actions, noun)


def _register_noun(
    actions: argparse._SubParsersAction[argparse.ArgumentParser], noun: Noun
) -> None:
    parser = actions.add_parser(noun.name, help=f"{noun.summary}: add, edit")
    verbs = parser.add_subparsers(dest="verb", required=True)
    add = command(verbs, "add", f"add {noun.summary}; prints it", run_add,
                  contract=noun.contract, writes=True)  # fmt: skip
    add.add_argument("--engagement", type=int, required=True, metavar="ID")
    add_fields(add, noun.fields, required=noun.required)
    edit = command(verbs, "edit", "change its fields; prints it", run_edit,
                   contract=noun.contract, writes=True)  # fmt: skip
    edit.add_argument("record", type=int, metavar="ID", help="its id (exit plan shows it)")
    add_fields(edit, noun.fields)
    parser.set_defaults(noun=noun.name)
    if noun.name == "milestone":
        done = command(verbs, "done", "mark a milestone done (today, or --on); prints it",
                       run_done, contract=noun.contract, writes=True)  # fmt: skip
        done.add_argument("record", type=int, metavar="ID", help="its id (exit plan shows it)")
        done.add_argument("--on", metavar="YYYY-MM-DD", help="the day it was done")


def run_add(args: argparse.Namespace) -> int:
    noun = BY_NAME[args.noun]
    with open_db(args) as db:
        engagements.get(db, args.engagement)
        record = noun.record(engagement_id=args.engagement, **given(args, noun.fields))
        change = plan_changes.add(db, record)
    return emit_one(args, noun.to_json(change.after))


def run_edit(args: argparse.Namespace) -> int:
    noun = BY_NAME[args.noun]
    return _edit(args, noun, given(args, noun.fields))


def run_done(args: argparse.Namespace) -> int:
    on = given(args, (Field("on", "", DATE),)).get("on") or today()
    return _edit(args, BY_NAME["milestone"], {"status": "done", "done_date": on})


def _edit(args: argparse.Namespace, noun: Noun, values: dict[str, Any]) -> int:
    with open_db(args) as db:
        before = noun.store.get(db, args.record)
        change = plan_changes.update(db, noun.store.with_changes(before, **values), expected=before)
    return emit_one(args, noun.to_json(change.after))


def run_plan(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        engagements.get(db, args.engagement)
        plan = _plan(db, args.engagement)
    if args.format != "table":
        return emit_one(args, plan) if args.format == "json" else _plan_csv(args, plan)
    for key, records in plan.items():
        if isinstance(records, list):
            print(f"{key.capitalize()}:")
            _print_records(records)
            print()
    return 0


def _plan(db: Database, engagement_id: int) -> PlanJson:
    def listed(noun: Noun) -> list[Any]:
        return [noun.to_json(r) for r in noun.store.list_for(db, engagement_id)]

    return PlanJson(
        engagement_id=engagement_id,
        milestones=listed(BY_NAME["milestone"]),
        successors=listed(BY_NAME["successor"]),
        risks=listed(BY_NAME["risk"]),
        recommendations=listed(BY_NAME["recommendation"]),
        access=listed(BY_NAME["access"]),
    )


def _plan_csv(args: argparse.Namespace, plan: PlanJson) -> int:
    """CSV has one table: the plan's records, each with its kind."""
    rows = [
        {"kind": key, "id": r["id"], "record": r}
        for key, records in plan.items()
        if isinstance(records, list)
        for r in records
    ]
    args.contract = None
    return emit_list(args, rows, ())


def _print_records(records: list[dict[str, Any]]) -> None:
    if not records:
        print("(none)")
        return
    keys = [k for k in records[0] if k not in ("engagement_id", "position")]
    print_table([k.replace("_", " ").capitalize() for k in keys],
                [[cell(r[k]) for k in keys] for r in records])  # fmt: skip


def run_review(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        engagements.get(db, args.engagement)
        result = readiness.review(db, args.engagement)
    if args.format != "table":
        return emit_one(args, review_json(result))
    print_review(result)
    return 0


def print_review(result: Review) -> None:
    days = "no planned end date" if result.days_left is None else f"{result.days_left} days left"
    finish = result.projected_finish.isoformat() if result.projected_finish else "no pace yet"
    print(f"Engagement {result.engagement_id}: {result.score}/100, {result.verdict}")
    print(f"{days}; projected finish: {finish}")
    print(readiness.THRESHOLDS_TEXT)
    print()
    print_table(
        ["Check", "Result", "Detail"],
        [[c.label, "pass" if c.passed else "FAIL", c.detail] for c in result.checks],
    )
