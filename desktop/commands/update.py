"""`fractional-desk update week --engagement ID [--date D] [--format md|json]`: the week's client
update, drafted from the records, as Markdown or as JSON (each line with the records it came
from). `--sent` keeps it as sent that day, as the app's "Mark as sent" does."""

from __future__ import annotations

import argparse
from typing import TypedDict

from desktop.commands.arguments import day_option
from desktop.commands.common import CommandError, open_db, print_json
from storage.practice import load_profile
from storage.rules import NotFoundError, ValidationError, clock, week_of
from storage.updates import Update, draft_for, markdown, sent


class SourceJson(TypedDict):
    kind: str  # time_entry, decision, milestone, deliverable, phase, risk, readiness_snapshot,
    id: int  # engagement (the week's figures, the readiness review) or sent_update


class LineJson(TypedDict):
    text: str
    group: str
    sources: list[SourceJson]


class SectionJson(TypedDict):
    key: str
    title: str
    lines: list[LineJson]


class FiguresJson(TypedDict):
    total_minutes: int
    committed_minutes: int
    week_committed_minutes: int
    standing: str
    actual_split: dict[str, int]
    target_split: dict[str, int]


class UpdateJson(TypedDict):
    engagement: int
    client: str
    title: str
    start: str
    end: str
    figures: FiguresJson | None
    sections: list[SectionJson]
    signature: list[str]
    markdown: str
    sent_on: str | None  # the day this week's update was kept as sent, if it was


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("update", help="the weekly client update")
    kinds = parser.add_subparsers(dest="update", required=True)
    week = kinds.add_parser("week", help="this week's update for one engagement, from its records")
    week.add_argument("--engagement", type=int, required=True, help="the engagement's id")
    week.add_argument("--date", help="any day of the week, such as 2026-04-02 (default: today)")
    week.add_argument("--format", choices=("md", "json"), default="md")
    week.add_argument(
        "--sent", action="store_true", help="keep it as sent today (ticks off the Friday nudge)"
    )
    week.set_defaults(func=run_week)


def run_week(args: argparse.Namespace) -> int:
    day = day_option("--date", args.date) or clock.today()
    with open_db(args) as db:
        week = week_of(day, load_profile(db).week_start)
        try:
            update = draft_for(db, args.engagement, week)
        except NotFoundError as exc:
            raise CommandError(f"There is no engagement {args.engagement}.") from exc
        text = markdown(update)
        if args.sent:
            try:
                sent.keep(db, update, text, clock.today())
            except ValidationError as exc:
                raise CommandError(f"Not kept as sent: {exc.message}.") from None
        sent_on = sent.sent_in_week(db, week.start).get(args.engagement)
    if args.format == "json":
        print_json(as_json(update, text, sent_on.isoformat() if sent_on else None))
    else:
        print(text, end="")
    return 0


def as_json(update: Update, text: str, sent_on: str | None) -> UpdateJson:
    f = update.figures
    figures: FiguresJson | None = (
        {
            "total_minutes": f.total_minutes,
            "committed_minutes": f.committed_minutes,
            "week_committed_minutes": f.week_committed_minutes,
            "standing": f.standing,
            "actual_split": f.actual_split,
            "target_split": f.target_split,
        }
        if f
        else None
    )
    return {
        "engagement": update.engagement_id,
        "client": update.client,
        "title": update.engagement_title,
        "start": update.week_start.isoformat(),
        "end": update.week_end.isoformat(),
        "figures": figures,
        "sections": [
            {
                "key": s.key,
                "title": s.title,
                "lines": [
                    {
                        "text": line.text,
                        "group": line.group,
                        "sources": [{"kind": src.kind, "id": src.id} for src in line.sources],
                    }
                    for line in s.lines
                ],
            }
            for s in update.sections
        ],
        "signature": list(update.signature),
        "markdown": text,
        "sent_on": sent_on,
    }
