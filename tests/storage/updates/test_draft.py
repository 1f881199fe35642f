"""The draft of the weekly update: each section from its records, nothing invented."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

from storage.decisions import Decision, add
from storage.decisions import update as update_decision
from storage.exit_plan import Milestone, Risk, milestones, risks
from storage.practice import Deliverable, Phase, deliverables, phases
from storage.rules import clock, week_of
from storage.time import TimeEntry, time_entries
from storage.updates import draft_for
from tests.storage.updates.trace import untraced

FRIDAY = dt.date(2026, 3, 13)
WEEK = week_of(FRIDAY)


@pytest.fixture(autouse=True)
def _friday(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: FRIDAY)


def _log(
    db: Database, acme: int, day: int, bucket: str, minutes: int, note: str, ask: bool = False
) -> int:
    entry = TimeEntry(acme, dt.date(2026, 3, day), bucket, minutes, note, ask=ask)
    return time_entries.add(db, entry).id or 0


def _texts(update, key: str) -> list[str]:  # type: ignore[no-untyped-def]
    section = update.section(key)
    return [line.text for line in section.lines] if section else []


def test_done_merges_repeated_notes_shows_their_time_and_orders_by_time(
    db: Database, acme: int
) -> None:
    _log(db, acme, 9, "team", 60, "1:1 with the tech lead")
    _log(db, acme, 11, "team", 90, "1:1 with the Tech lead ")
    _log(db, acme, 10, "team", 120, "Pairing on the queue")
    _log(db, acme, 10, "strategy", 30, "Vendor call")
    _log(db, acme, 12, "strategy", 45, "")  # no note: in the headline, not a line
    _log(db, acme, 2, "strategy", 60, "Last week's work")  # another week
    done = draft_for(db, acme, WEEK).section("done")
    assert done is not None
    assert [(line.group, line.text) for line in done.lines] == [
        ("Team", "1:1 with the tech lead (2:30)"),
        ("Team", "Pairing on the queue (2:00)"),
        ("Strategy", "Vendor call (0:30)"),
    ]
    assert len(done.lines[0].sources) == 2


def test_the_headline_is_the_week_reports_figure(db: Database, acme: int) -> None:
    _log(db, acme, 9, "strategy", 240, "Roadmap")
    _log(db, acme, 10, "team", 120, "Reviews")
    update = draft_for(db, acme, WEEK)
    assert update.figures is not None
    assert update.figures.total_minutes == 360
    assert _texts(update, "headline")[0].startswith("6:00 logged against 11:26 committed so far")
    assert "strategy 67%, team 33%, leadership 0%" in _texts(update, "headline")[0]


def test_decided_lists_the_weeks_decisions_then_those_awaiting_the_client(
    db: Database, acme: int
) -> None:
    made = add(
        db,
        Decision(
            acme, "Postgres, not MongoDB", dt.date(2026, 3, 10), outcome="Postgres.\nWhy: joins."
        ),
    )
    update_decision(db, made.__class__(**{**made.__dict__, "status": "accepted"}))
    add(db, Decision(acme, "Buy a feature-flag service", dt.date(2026, 3, 11)))
    update = draft_for(db, acme, WEEK)
    assert _texts(update, "decided") == [
        "D-001 Postgres, not MongoDB: Accepted. Postgres.",
        "D-002 Buy a feature-flag service: proposed Wed 11 Mar",
    ]
    assert [line.group for line in update.section("decided").lines] == [  # type: ignore[union-attr]
        "Made this week",
        "Awaiting your decision",
    ]


def test_coming_up_needs_and_risks_come_from_their_records(db: Database, acme: int) -> None:
    milestones.add(db, Milestone(acme, "Roadmap handed over", due_date=dt.date(2026, 3, 20)))
    milestones.add(db, Milestone(acme, "Far away", due_date=dt.date(2026, 5, 20)))
    milestones.add(
        db, Milestone(acme, "Lead designated", due_date=dt.date(2026, 3, 6), owner="Maya Okafor")
    )
    deliverables.replace_for(
        db, acme, [Deliverable(acme, "Architecture review", due_on=dt.date(2026, 3, 25))]
    )
    phases.replace_for(
        db, acme, [Phase(acme, "Build and ship", dt.date(2026, 3, 16), dt.date(2026, 5, 1))]
    )
    _log(db, acme, 10, "leadership", 30, "Budget for two hires", ask=True)
    add(db, Decision(acme, "Which cloud region", dt.date(2026, 3, 10), ask=True))
    risks.add(db, Risk(acme, "Key engineer may leave", likelihood="high", mitigation="Pair"))
    old = risks.add(db, Risk(acme, "Old risk"))
    db.execute("UPDATE risk SET created_at = '2026-03-10T09:00:00+00:00' WHERE risk LIKE 'Key%'")
    db.execute("UPDATE risk SET created_at = '2026-01-10T09:00:00+00:00' WHERE id = ?", [old.id])
    update = draft_for(db, acme, WEEK)
    assert _texts(update, "coming_up") == [
        "Build and ship: starts Mon 16 Mar",
        "Roadmap handed over: due Fri 20 Mar",
        "Architecture review: due Wed 25 Mar",
    ]
    assert _texts(update, "needs") == [
        "Budget for two hires",
        "D-001 Which cloud region",
        "Lead designated (Maya Okafor): due Fri 6 Mar, overdue",
    ]
    assert _texts(update, "risks") == [
        "Key engineer may leave (high likelihood, medium impact). Pair"
    ]
    assert update.section("risks").lines[0].group == "Raised"  # type: ignore[union-attr]
    assert update.section("exit_plan") is None  # shown only for an exiting engagement
    assert untraced(db, update, WEEK) == []


def test_a_section_with_nothing_to_say_is_left_out(db: Database, acme: int) -> None:
    update = draft_for(db, acme, WEEK)
    assert [s.key for s in update.sections] == ["headline"]


def test_the_ask_flag_is_kept_on_a_note_and_a_decision(db: Database, acme: int) -> None:
    entry_id = _log(db, acme, 10, "team", 30, "Need the budget", ask=True)
    assert time_entries.get(db, entry_id).ask is True
    decision = add(db, Decision(acme, "Region", dt.date(2026, 3, 10), ask=True))
    assert decision.ask is True
    cleared = update_decision(db, decision.__class__(**{**decision.__dict__, "ask": False}))
    assert cleared.ask is False


def test_a_risk_changed_this_week_is_listed_as_changed(db: Database, acme: int) -> None:
    risk = risks.add(db, Risk(acme, "Vendor lock-in"))
    db.execute("UPDATE risk SET created_at = '2026-01-10T09:00:00+00:00' WHERE id = ?", [risk.id])
    assert draft_for(db, acme, WEEK).section("risks") is None
    risks.update(db, risks.with_changes(risks.get(db, risk.id or 0), impact="high"))
    assert risks.get(db, risk.id or 0).changed_on != ""  # kept by the trigger
    db.execute("UPDATE risk SET changed_on = '2026-03-11' WHERE id = ?", [risk.id])
    lines = draft_for(db, acme, WEEK).section("risks").lines  # type: ignore[union-attr]
    assert [(line.group, line.text) for line in lines] == [
        ("Changed", "Vendor lock-in (medium likelihood, high impact)")
    ]
