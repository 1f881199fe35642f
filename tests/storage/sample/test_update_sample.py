"""The sample practice's weekly updates: a sent history for the main engagement, and this
week's draft with every section filled from the records, each line traced to its record."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

from storage import sample
from storage.practice import engagements
from storage.rules import clock, week_of
from storage.updates import SECTION_TITLES, draft_for, sent
from tests.storage.updates.trace import untraced

FRIDAY = dt.date(2026, 12, 4)
WEEK = week_of(FRIDAY)


@pytest.fixture
def practice(db: Database, monkeypatch: pytest.MonkeyPatch) -> Database:
    monkeypatch.setattr(clock, "today", lambda: FRIDAY)
    sample.generate(db, sample.SampleOptions(seed=1, as_of=FRIDAY))
    return db


def _by_status(db: Database, status: str) -> int:
    return next(e.id or 0 for e in engagements.list_all(db) if e.status == status)


def test_the_main_engagements_draft_has_every_section_each_line_from_a_record(
    practice: Database,
) -> None:
    main = _by_status(practice, "active")
    update = draft_for(practice, main, WEEK)
    shown = {s.key: s for s in update.sections}
    assert set(shown) == set(SECTION_TITLES) - {"exit_plan"}  # it is not exiting
    assert all(s.lines for s in update.sections)
    assert untraced(practice, update, WEEK) == []
    since = [line.text for line in shown["since_last"].lines]
    assert any(text.endswith("(now accepted)") for text in since)


def test_the_main_engagement_has_a_sent_history_ending_last_week(practice: Database) -> None:
    main = _by_status(practice, "active")
    history = sent.list_for(practice, main)
    assert [h.week_start for h in history] == [WEEK.shifted(-n).start for n in (1, 2, 3)]
    assert all(
        h.sent_on.weekday() == 4 and h.markdown.startswith("# Weekly update") for h in history
    )
    assert WEEK.start not in {h.week_start for h in history}  # this week's is still to send


def test_the_exiting_engagements_draft_has_the_exit_plan(practice: Database) -> None:
    exiting = _by_status(practice, "exiting")
    update = draft_for(practice, exiting, WEEK)
    section = update.section("exit_plan")
    assert section is not None
    assert section.lines[0].text.startswith("Exit readiness ")
    assert untraced(practice, update, WEEK) == []
