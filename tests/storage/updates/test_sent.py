"""Sent updates are kept with their date, and next week's draft says where last week's asks stand."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlite_utils import Database

from storage.decisions import Decision, add
from storage.decisions import update as update_decision
from storage.rules import ValidationError, clock, week_of
from storage.time import TimeEntry, time_entries
from storage.updates import Line, Section, draft_for, sent
from tests.storage.updates.trace import untraced

FRIDAY = dt.date(2026, 3, 13)
WEEK = week_of(FRIDAY)


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> list[dt.date]:
    day = [FRIDAY]
    monkeypatch.setattr(clock, "today", lambda: day[0])
    return day


def test_a_sent_update_is_kept_and_next_weeks_draft_refers_to_its_asks(
    db: Database, acme: int, today: list[dt.date]
) -> None:
    time_entries.add(
        db, TimeEntry(acme, dt.date(2026, 3, 10), "team", 30, "Budget for two hires", ask=True)
    )
    decision = add(db, Decision(acme, "Which cloud region", dt.date(2026, 3, 10), ask=True))
    update = draft_for(db, acme, WEEK)
    kept = sent.keep(db, update, "# the text", FRIDAY)
    assert sent.list_for(db, acme) == [kept]
    assert kept.sections == update.sections
    assert kept.sent_on == FRIDAY

    update_decision(db, dataclasses.replace(decision, status="accepted"))
    today[0] = FRIDAY + dt.timedelta(days=7)
    next_week = WEEK.shifted(1)
    since = draft_for(db, acme, next_week).section("since_last")
    assert since is not None
    assert [line.text for line in since.lines] == [
        "Asked on Fri 13 Mar: Budget for two hires",
        "Asked on Fri 13 Mar: D-001 Which cloud region (now accepted)",
    ]
    assert untraced(db, draft_for(db, acme, next_week), next_week) == []


def test_sending_a_week_again_keeps_one_copy_and_the_nudge_reads_it(
    db: Database, acme: int, today: list[dt.date]
) -> None:
    update = draft_for(db, acme, WEEK)
    sent.keep(db, update, "first", FRIDAY)
    edited = update.with_sections((*update.sections, Section("written", "Note", (Line("Thanks"),))))
    again = sent.keep(db, edited, "second", FRIDAY)
    assert [s.markdown for s in sent.list_for(db, acme)] == ["second"]
    assert again.sections[-1].lines[0].written
    assert sent.sent_in_week(db, WEEK.start) == {acme: FRIDAY}
    sent.unsend(db, acme, WEEK.start)
    assert sent.sent_in_week(db, WEEK.start) == {}


def test_an_update_is_not_sent_before_its_week(
    db: Database, acme: int, today: list[dt.date]
) -> None:
    with pytest.raises(ValidationError):
        sent.keep(db, draft_for(db, acme, WEEK), "x", WEEK.start - dt.timedelta(days=1))
    assert sent.list_for(db, acme) == []
