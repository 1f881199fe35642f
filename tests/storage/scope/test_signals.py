"""Signals of scope creep, each with its evidence: weeks, entries and words."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

from storage.practice import Deliverable, deliverables, engagements
from storage.rules import clock, week_of
from storage.scope import scope_words, signals
from storage.time import TimeEntry, time_entries

TODAY = dt.date(2026, 3, 6)  # a Friday
WEEK = week_of(TODAY)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def _log(db: Database, eid: int, day: dt.date, minutes: int, note: str = "", **kw: object) -> int:
    entry = TimeEntry(eid, day, kw.pop("bucket", "strategy"), minutes, note, **kw)  # type: ignore[arg-type]
    return time_entries.add(db, entry).id or 0


def _kinds(db: Database, eid: int) -> dict[str, signals.Signal]:
    found = signals.for_engagement(db, engagements.get(db, eid), WEEK)
    return {s.kind: s for s in found}


def test_two_weeks_over_in_a_row_is_a_signal_naming_them(db: Database, acme: int) -> None:
    for monday in (dt.date(2026, 2, 16), dt.date(2026, 2, 23)):
        for n in range(3):  # 3 × 8 h against 16 h
            _log(db, acme, monday + dt.timedelta(days=n), 480)
    found = _kinds(db, acme)["over_commitment"]
    assert found.weeks == ("2026-W08", "2026-W09")
    assert found.evidence[0] == "2026-W08: 24:00 logged against 16:00 committed"


def test_one_week_over_is_no_signal(db: Database, acme: int) -> None:
    for n in range(3):
        _log(db, acme, dt.date(2026, 2, 23) + dt.timedelta(days=n), 480)
    assert "over_commitment" not in _kinds(db, acme)


def test_marked_time_is_a_flag_and_matching_notes_only_a_suggestion(
    db: Database, acme: int
) -> None:
    e = engagements.get(db, acme)
    engagements.update(db, engagements.with_changes(e, out_of_scope="- Running the hiring loop"))
    marked = _log(
        db, acme, dt.date(2026, 3, 2), 60, "Hiring loop: two interviews", out_of_scope=True
    )
    unmarked = _log(db, acme, dt.date(2026, 3, 3), 90, "Ran the hiring loop debrief")
    found = _kinds(db, acme)
    assert found["marked_out_of_scope"].entry_ids == (marked,)
    assert not found["marked_out_of_scope"].suggestion
    suggested = found["note_matches_scope"]
    assert suggested.entry_ids == (unmarked,)
    assert suggested.suggestion
    assert suggested.words == ("hiring", "loop")
    assert signals.flagged(list(found.values())) == [found["marked_out_of_scope"]]
    assert time_entries.get(db, marked).out_of_scope


def test_time_in_a_bucket_the_scope_gives_nothing(db: Database, acme: int) -> None:
    e = engagements.get(db, acme)
    split = {"split_strategy": 80, "split_team": 0, "split_leadership": 20}
    engagements.update(db, engagements.with_changes(e, **split))
    entry = _log(db, acme, dt.date(2026, 3, 2), 120, "Wrote the migration", bucket="team")
    found = _kinds(db, acme)["unplanned_bucket"]
    assert found.entry_ids == (entry,)
    assert "plans 0% team" in found.summary


def test_a_deliverable_past_due_with_time_going_in(db: Database, acme: int) -> None:
    due = dt.date(2026, 2, 27)
    deliverables.replace_for(db, acme, [Deliverable(acme, "Vendor review", due_on=due)])
    _log(db, acme, dt.date(2026, 2, 26), 60, "Vendor review draft")
    late = _log(db, acme, dt.date(2026, 3, 3), 60, "Vendor review: second round")
    found = _kinds(db, acme)["deliverable_past_due"]
    assert found.entry_ids == (late,)
    assert found.words == ("Vendor review",)


def test_words_match_on_two_significant_words() -> None:
    listed = "- Project management\n- Writing production features"
    assert [m.item for m in scope_words.matches("Sprint project management", listed)] == [
        "Project management"
    ]
    assert scope_words.matches("Reviewed the project plan", listed) == []
