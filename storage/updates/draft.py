"""The draft of the weekly update for one engagement, built from the records alone.

The week's figures are `report week`'s (`week_report.report`), never counted again here, so the
headline always equals what the timesheet and the command line say. Each line's words are its
records' words (a note, a title, an outcome, a risk) with their dates and labels.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from sqlite_utils import Database

from storage.decisions import records as decisions
from storage.exit_plan import milestones, readiness, readiness_snapshots, risks
from storage.practice import clients, deliverables, engagements, phases, settings
from storage.rules import clock
from storage.rules.durations import format_minutes
from storage.rules.vocabulary import BUCKET_LABELS, BUCKETS
from storage.rules.weeks import Week
from storage.time import time_entries, week_report
from storage.updates import sent
from storage.updates.records import (
    SECTION_ORDER,
    SECTION_TITLES,
    Figures,
    Line,
    Section,
    Source,
    Update,
)

HORIZON_DAYS = 14  # "coming up": the next two weeks
DECIDED_STATUSES = ("accepted", "rejected")
AWAITING = "Awaiting your decision"
MADE = "Made this week"


def draft(db: Database, engagement_id: int, week: Week) -> Update:
    """The draft for `engagement_id` and `week`; sections with nothing to say are left out."""
    e = engagements.get(db, engagement_id)
    client = clients.get(db, e.client_id)
    profile = settings.load_profile(db)
    as_of = min(clock.today(), week.end)
    figures = _figures(db, engagement_id, week)
    built = {
        "headline": [_headline(engagement_id, figures)],
        "done": _done(db, engagement_id, week),
        "decided": _decided(db, engagement_id, week),
        "coming_up": _coming_up(db, engagement_id, week, as_of),
        "needs": _needs(db, engagement_id, week, as_of, profile.name),
        "since_last": _since_last(db, engagement_id, week),
        "risks": _risks(db, engagement_id, week),
        "exit_plan": _exit_plan(db, engagement_id, week, as_of) if e.status == "exiting" else [],
    }
    sections = tuple(
        Section(key, SECTION_TITLES[key], tuple(built[key])) for key in SECTION_ORDER if built[key]
    )
    signature = tuple(part for part in (profile.name, profile.business_name) if part)
    return Update(
        engagement_id=engagement_id,
        week_start=week.start,
        week_end=week.end,
        client=client.name,
        contact=client.contact_name,
        engagement_title=e.title,
        signature=signature,
        sections=sections,
        figures=figures,
    )


def _figures(db: Database, engagement_id: int, week: Week) -> Figures:
    item = week_report.report(db, week, engagement_id)["engagements"][0]
    return Figures(
        total_minutes=item["total_minutes"],
        committed_minutes=item["committed_minutes"],
        week_committed_minutes=item["week_committed_minutes"],
        committed_words=week_report.committed_words(week),
        standing=item["standing"],
        actual_split=dict(item["actual_split"]),
        target_split=dict(item["target_split"]),
    )


def _hours(minutes: int) -> str:
    return format_minutes(minutes) or "0:00"


def _split(split: dict[str, int]) -> str:
    return ", ".join(f"{BUCKET_LABELS[b].lower()} {split.get(b, 0)}%" for b in BUCKETS)


def _headline(engagement_id: int, f: Figures) -> Line:
    standing = f" ({f.standing})" if f.standing else ""
    text = (
        f"{_hours(f.total_minutes)} logged against {_hours(f.committed_minutes)} "
        f"{f.committed_words}{standing}. Split: {_split(f.actual_split)} "
        f"(target {_split(f.target_split)})."
    )
    return Line(text, (Source("engagement", engagement_id),))


def _day(day: dt.date) -> str:
    """`Fri 4 Dec`: the year is the update's own."""
    return f"{day:%a} {day.day} {day:%b}"


def _week_entries(db: Database, engagement_id: int, week: Week) -> list[dict[str, object]]:
    sql = (
        "SELECT id, bucket, minutes, note, ask FROM time_entry WHERE engagement_id = ? "
        f"AND day BETWEEN ? AND ? AND {time_entries.SOUND} ORDER BY day, id"
    )
    return list(db.query(sql, [engagement_id, week.start.isoformat(), week.end.isoformat()]))


def _merged(rows: Sequence[dict[str, object]]) -> list[tuple[str, int, tuple[Source, ...]]]:
    """Notes said more than once are one line: (the note as first written, its time, entries),
    the most time first."""
    found: dict[str, tuple[str, int, list[Source]]] = {}
    for row in rows:
        note = " ".join(str(row["note"]).split())
        if not note:
            continue
        key = note.casefold()
        first, minutes, sources = found.get(key, (note, 0, []))
        sources.append(Source("time_entry", int(str(row["id"]))))
        found[key] = (first, minutes + int(str(row["minutes"])), sources)
    merged = [(note, minutes, tuple(sources)) for note, minutes, sources in found.values()]
    return sorted(merged, key=lambda item: -item[1])


def _done(db: Database, engagement_id: int, week: Week) -> list[Line]:
    by_bucket: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in _week_entries(db, engagement_id, week):
        if not row["ask"]:  # an ask is what the client is to do: "Needs from you" says it
            by_bucket[str(row["bucket"])].append(row)
    groups = []
    for bucket in BUCKETS:
        merged = _merged(by_bucket[bucket])
        if merged:
            total = sum(minutes for _, minutes, _ in merged)
            lines = [
                Line(f"{note} ({_hours(minutes)})", sources, BUCKET_LABELS[bucket])
                for note, minutes, sources in merged
            ]
            groups.append((total, lines))
    lines = [line for _, group in sorted(groups, key=lambda g: -g[0]) for line in group]
    for m in milestones.list_for(db, engagement_id):
        if m.status == "done" and m.done_date and week.contains(m.done_date):
            lines.append(
                Line(f"{m.title}: done {_day(m.done_date)}", (Source("milestone", m.id or 0),),
                     "Milestones")
            )  # fmt: skip
    return lines


def _decision_rows(db: Database, engagement_id: int) -> list[decisions.Decision]:
    found = db.execute(
        "SELECT id FROM decision WHERE engagement_id = ? ORDER BY number", [engagement_id]
    )
    return decisions.get_many(db, [int(row[0]) for row in found])


def _decided(db: Database, engagement_id: int, week: Week) -> list[Line]:
    changed = {
        int(row[0])
        for row in db.execute(
            "SELECT c.decision_id FROM decision_status_change c JOIN decision d "
            "ON d.id = c.decision_id WHERE d.engagement_id = ? AND c.changed_on BETWEEN ? AND ? "
            "AND c.status = d.status",
            [engagement_id, week.start.isoformat(), week.end.isoformat()],
        )
    }
    made, awaiting = [], []
    for d in _decision_rows(db, engagement_id):
        source = (Source("decision", d.id or 0),)
        if d.status in DECIDED_STATUSES and d.id in changed:
            outcome = _first_line(d.outcome)
            text = f"{d.number_label} {d.title}: {decisions.STATUS_LABELS[d.status]}"
            made.append(Line(f"{text}. {outcome}" if outcome else text, source, MADE))
        elif d.status == "proposed":
            text = f"{d.number_label} {d.title}: proposed {_day(d.decided_on)}"
            awaiting.append(Line(text, source, AWAITING))
    return made + awaiting


def _first_line(text: str) -> str:
    """The first line of a long text (an outcome's chosen option), as written."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _coming_up(db: Database, engagement_id: int, week: Week, as_of: dt.date) -> list[Line]:
    first, last = week.start, as_of + dt.timedelta(days=HORIZON_DAYS)

    def soon(day: dt.date | None) -> bool:
        return day is not None and as_of < day <= last

    dated: list[tuple[dt.date, Line]] = []
    for m in milestones.list_for(db, engagement_id):
        if m.status not in milestones.CLOSED_STATUSES and m.due_date and soon(m.due_date):
            owner = f" ({m.owner})" if m.owner else ""
            text = f"{m.title}{owner}: due {_day(m.due_date)}"
            dated.append((m.due_date, Line(text, (Source("milestone", m.id or 0),))))
    for item in deliverables.list_for(db, engagement_id):
        if item.due_on and soon(item.due_on):
            text = f"{item.title}: due {_day(item.due_on)}"
            dated.append((item.due_on, Line(text, (Source("deliverable", item.id or 0),))))
    for d in _decision_rows(db, engagement_id):
        if d.status in decisions.OPEN_STATUSES and d.review_by and first <= d.review_by <= last:
            text = f"{d.number_label} {d.title}: review by {_day(d.review_by)}"
            dated.append((d.review_by, Line(text, (Source("decision", d.id or 0),))))
    for p in phases.list_for(db, engagement_id):
        if soon(p.starts_on):
            text = f"{p.name}: starts {_day(p.starts_on)}"
            dated.append((p.starts_on, Line(text, (Source("phase", p.id or 0),))))
    return [line for _, line in sorted(dated, key=lambda item: item[0])]


def _needs(
    db: Database, engagement_id: int, week: Week, as_of: dt.date, consultant: str
) -> list[Line]:
    asked = [row for row in _week_entries(db, engagement_id, week) if row["ask"]]
    lines = [Line(note, sources) for note, _, sources in _merged(asked)]
    for d in _decision_rows(db, engagement_id):
        if d.ask and d.status == "proposed":
            lines.append(Line(f"{d.number_label} {d.title}", (Source("decision", d.id or 0),)))
    me = consultant.strip().casefold()
    for m in milestones.overdue(db, engagement_id, as_of):
        if m.owner.strip() and m.owner.strip().casefold() != me and m.due_date:
            text = f"{m.title} ({m.owner}): due {_day(m.due_date)}, overdue"
            lines.append(Line(text, (Source("milestone", m.id or 0),)))
    return lines


def _since_last(db: Database, engagement_id: int, week: Week) -> list[Line]:
    """What the last update sent asked for, and where each ask stands now."""
    last = sent.last_before(db, engagement_id, week.start)
    if last is None:
        return []
    asks = next((s.lines for s in last.sections if s.key == "needs"), ())
    lines = []
    for ask in asks:
        state = _state_now(db, ask.sources)
        said = f"Asked on {_day(last.sent_on)}: {ask.text}" + (f" ({state})" if state else "")
        lines.append(Line(said, (Source("sent_update", last.id), *ask.sources)))
    return lines


def _state_now(db: Database, sources: Sequence[Source]) -> str:
    """ "accepted", "done"… when the record an ask came from has moved on since; else ""."""
    for source in sources:
        if source.kind == "decision":
            row = db.execute("SELECT status FROM decision WHERE id = ?", [source.id]).fetchone()
            if row and row[0] != "proposed":
                return f"now {decisions.STATUS_LABELS.get(row[0], row[0]).lower()}"
        if source.kind == "milestone":
            row = db.execute("SELECT status FROM milestone WHERE id = ?", [source.id]).fetchone()
            if row and row[0] in milestones.CLOSED_STATUSES:
                return f"now {milestones.STATUS_LABELS.get(row[0], row[0]).lower()}"
    return ""


def _risks(db: Database, engagement_id: int, week: Week) -> list[Line]:
    lines = []
    for r in risks.list_for(db, engagement_id):
        raised = _in_week(r.created_at[:10], week)
        if not raised and not _in_week(r.changed_on[:10], week):
            continue
        levels = (
            f"{risks.LEVEL_LABELS[r.likelihood].lower()} likelihood, "
            f"{risks.LEVEL_LABELS[r.impact].lower()} impact"
        )
        mitigation = f". {r.mitigation}" if r.mitigation else ""
        text = f"{r.risk} ({levels}){mitigation}"
        lines.append(Line(text, (Source("risk", r.id or 0),), "Raised" if raised else "Changed"))
    return sorted(lines, key=lambda line: line.group != "Raised")


def _in_week(text: str, week: Week) -> bool:
    try:
        return week.contains(dt.date.fromisoformat(text))
    except ValueError:
        return False


def _exit_plan(db: Database, engagement_id: int, week: Week, as_of: dt.date) -> list[Line]:
    review = readiness.review(db, engagement_id, on=as_of)
    before = [s for s in readiness_snapshots.list_for(db, engagement_id) if s.taken_on < week.start]
    text = f"Exit readiness {review.score}/100: {review.verdict}"
    sources = [Source("engagement", engagement_id)]
    if before:
        change = review.score - before[-1].score
        text += f" ({change:+d} since {_day(before[-1].taken_on)})"
        sources.append(Source("readiness_snapshot", before[-1].id or 0))
    lines = [Line(text, tuple(sources))]
    if review.milestones_counted:
        done = f"Milestones done: {review.milestones_done} of {review.milestones_counted}"
        lines.append(Line(done, (Source("engagement", engagement_id),)))
    return lines


def for_editing(
    db: Database, engagement_id: int, week: Week
) -> tuple[Update, sent.SentUpdate | None]:
    """What the editor opens: the week's update as sent when it was (so an edit starts from what
    the client read), else the fresh draft; with the sent copy, if any."""
    fresh = draft(db, engagement_id, week)
    kept = next((s for s in sent.list_for(db, engagement_id) if s.week_start == week.start), None)
    return (fresh.with_sections(kept.sections) if kept else fresh), kept
