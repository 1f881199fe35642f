"""Hostile input on every storage write: stored and read back exactly, or refused with
ValidationError and nothing written. Never another exception, never a partial write."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from storage.decisions import records as decisions
from storage.exit_plan import milestones, responsibilities
from storage.practice import clients, engagements
from storage.practice import settings as profile_settings
from storage.rules import text_policy
from storage.rules.errors import ValidationError
from storage.time import time_entries, timer
from tests.fixtures.hostile import (
    LOOKS_LIKE_SQL_OR_FTS,
    SETTINGS,
    a_client,
    an_engagement,
    assert_read_back,
    enum,
    for_client,
    hostile_practice,
    hostile_text,
    on_engagement,
    records,
    storable_char,
    storable_text,
    table_counts,
    write_or_refuse,
)
from tests.fixtures.hostile_records import (
    MILESTONE_HOSTILE,
    MILESTONE_VALID,
    PROFILE_HOSTILE,
    PROFILE_VALID,
    RESPONSIBILITY_HOSTILE,
    RESPONSIBILITY_VALID,
    TIME_HOSTILE,
    TIME_VALID,
    client_records,
    decision_records,
    engagement_records,
    hostile_engagement_id,
)

# --- clients -----------------------------------------------------------------------------------


@SETTINGS
@given(client=client_records)
def test_client_add(db: Database, client: clients.Client) -> None:
    stored = write_or_refuse(db, lambda: clients.add(db, client))
    if stored is not None:
        assert_read_back(client, clients.get(db, stored.id), clients.validate(client))


@SETTINGS
@given(client=client_records)
def test_client_update(db: Database, client: clients.Client) -> None:
    existing = clients.add(db, clients.Client(name=f"Existing {table_counts(db)['client']}"))
    changed = dataclasses.replace(client, id=existing.id, created_at=existing.created_at)
    stored = write_or_refuse(db, lambda: clients.update(db, changed))
    if stored is None:
        assert clients.get(db, int(existing.id or 0)) == existing  # nothing half-changed
    else:
        assert_read_back(changed, clients.get(db, stored.id), clients.validate(changed))


# --- engagements -------------------------------------------------------------------------------


@SETTINGS
@given(engagement=engagement_records)
def test_engagement_add(db: Database, engagement: engagements.Engagement) -> None:
    engagement = for_client(db, engagement)
    stored = write_or_refuse(db, lambda: engagements.add(db, engagement))
    if stored is not None:
        row = engagements.validate(engagement)
        assert_read_back(engagement, engagements.get(db, stored.id), row)


@SETTINGS
@given(engagement=engagement_records)
def test_engagement_update(db: Database, engagement: engagements.Engagement) -> None:
    existing = engagements.add(db, engagements.new_for_client(a_client(db)))
    changed = dataclasses.replace(
        for_client(db, engagement), id=existing.id, created_at=existing.created_at
    )
    stored = write_or_refuse(db, lambda: engagements.update(db, changed))
    if stored is None:
        assert engagements.get(db, int(existing.id or 0)) == existing
    else:
        row = engagements.validate(changed)
        assert_read_back(changed, engagements.get(db, stored.id), row)


# --- the profile -------------------------------------------------------------------------------


@SETTINGS
@given(profile=records(profile_settings.Profile, PROFILE_VALID, PROFILE_HOSTILE))
def test_profile_save(db: Database, profile: profile_settings.Profile) -> None:
    before = profile_settings.load_profile(db)
    saved = write_or_refuse(db, lambda: profile_settings.save_profile(db, profile))
    if saved is None:
        assert profile_settings.load_profile(db) == before
    else:
        loaded = profile_settings.load_profile(db)
        assert loaded == saved
        assert_read_back(profile, loaded, profile_settings.validate(profile))


# --- time entries, the timer, decisions, milestones, responsibilities ------------------------


@SETTINGS
@given(entry=records(time_entries.TimeEntry, TIME_VALID, TIME_HOSTILE))
def test_time_entry_add(db: Database, entry: time_entries.TimeEntry) -> None:
    entry = on_engagement(db, entry)
    stored = write_or_refuse(db, lambda: time_entries.add(db, entry))
    if stored is not None:
        row = time_entries.validate(entry)
        assert_read_back(entry, time_entries.get(db, stored.id), row)


@SETTINGS
@given(
    engagement_id=st.one_of(st.just(0), hostile_engagement_id),
    bucket=st.one_of(enum(engagements.BUCKETS), hostile_text),
    note=st.one_of(storable_text, hostile_text),
)
def test_timer_start(db: Database, engagement_id: Any, bucket: Any, note: Any) -> None:
    engagement_id = engagement_id or an_engagement(db)
    timer.discard(db)
    started = write_or_refuse(db, lambda: timer.start(db, engagement_id, bucket, note))
    if started is not None:
        running = timer.current(db)
        assert running is not None
        typed_note = text_policy.scrub("" if note is None else note)  # no note: an empty note
        assert (running.engagement_id, running.bucket, running.note) == (
            engagement_id,
            bucket,
            typed_note,
        )


@SETTINGS
@given(decision=decision_records)
def test_decision_add(db: Database, decision: decisions.Decision) -> None:
    decision = on_engagement(db, decision)
    stored = write_or_refuse(db, lambda: decisions.add(db, decision))
    if stored is not None:
        assert_read_back(decision, decisions.get(db, stored.id), decisions.validate(decision))


@SETTINGS
@given(decision=decision_records)
def test_decision_update(db: Database, decision: decisions.Decision) -> None:
    engagement_id = an_engagement(db)
    existing = decisions.add(
        db, decisions.Decision(engagement_id, "Existing decision", dt.date(2026, 1, 5))
    )
    changed = dataclasses.replace(
        on_engagement(db, decision),
        id=existing.id,
        number=existing.number,
        created_at=existing.created_at,
    )
    stored = write_or_refuse(db, lambda: decisions.update(db, changed))
    if stored is None:
        assert decisions.get(db, int(existing.id or 0)) == existing
    else:
        assert_read_back(changed, decisions.get(db, stored.id), decisions.validate(changed))


@SETTINGS
@given(milestone=records(milestones.Milestone, MILESTONE_VALID, MILESTONE_HOSTILE))
def test_milestone_add(db: Database, milestone: milestones.Milestone) -> None:
    milestone = on_engagement(db, milestone)
    stored = write_or_refuse(db, lambda: milestones.add(db, milestone))
    if stored is not None:
        row = milestones.validate(milestone)
        assert_read_back(milestone, milestones.get(db, stored.id), row)


@SETTINGS
@given(
    responsibility=records(
        responsibilities.Responsibility, RESPONSIBILITY_VALID, RESPONSIBILITY_HOSTILE
    )
)
def test_responsibility_add(db: Database, responsibility: responsibilities.Responsibility) -> None:
    responsibility = on_engagement(db, responsibility)
    stored = write_or_refuse(db, lambda: responsibilities.add(db, responsibility))
    if stored is not None:
        row = responsibilities.validate(responsibility)
        assert_read_back(responsibility, responsibilities.get(db, stored.id), row)


GUARDED = {
    "client": (client_records, lambda db, r: clients.add(db, r)),
    "engagement": (engagement_records, lambda db, r: engagements.add(db, for_client(db, r))),
    "decision": (decision_records, lambda db, r: decisions.add(db, on_engagement(db, r))),
}


@pytest.mark.parametrize("kind", list(GUARDED))
def test_the_strategies_reach_both_outcomes(db: Database, kind: str) -> None:
    """Guard against a property that only ever refuses (and so proves nothing about storing)."""
    strategy, write = GUARDED[kind]
    outcomes: set[bool] = set()

    @settings(max_examples=60, deadline=None, database=None)
    @given(record=strategy)
    def run(record: Any) -> None:
        outcomes.add(write_or_refuse(db, lambda: write(db, record)) is not None)

    run()
    assert outcomes == {True, False}


@pytest.mark.parametrize("name", LOOKS_LIKE_SQL_OR_FTS)
def test_sql_and_fts_lookalikes_are_plain_text(db: Database, name: str) -> None:
    client = clients.add(db, clients.Client(name=name, notes=name))
    assert clients.get(db, int(client.id or 0)).notes == text_policy.scrub(name)
    assert "client" in db.table_names()


def test_archived_must_be_yes_or_no(db: Database) -> None:
    before = table_counts(db)
    with pytest.raises(ValidationError, match="yes or no"):
        clients.add(db, clients.Client(name="Typo Ltd", archived="no"))  # type: ignore[arg-type]
    assert table_counts(db) == before


# --- every exporter over the same hostile records -------------------------------------------


@pytest.mark.parametrize(("kind", "suffix"), [
    ("sow", ".docx"), ("handoff", ".docx"), ("timesheet", ".docx"), ("timesheet", ".csv"),
])  # fmt: skip
def test_every_exporter_writes_hostile_records(
    db: Database, tmp_path: Path, kind: str, suffix: str
) -> None:
    documents = pytest.importorskip("exporters.documents")
    eid = hostile_practice(db)
    target = tmp_path / f"{kind}{suffix}"
    written = documents.export(
        db, kind, eid, target, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31)
    )
    assert written.stat().st_size > 0
    if suffix == ".docx":
        import docx

        body = "\n".join(p.text for p in docx.Document(str(written)).paragraphs)
        assert "DROP TABLE" in body or kind == "timesheet"
    else:
        assert "DROP TABLE" in written.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("kind", ["sow", "handoff", "timesheet"])
def test_the_longest_names_storage_accepts_export(db: Database, tmp_path: Path, kind: str) -> None:
    """A 200-character client and a 300-character title make a document title python-docx
    would refuse (its properties hold 255 characters) unless the exporter shortens it."""
    documents = pytest.importorskip("exporters.documents")
    eid = hostile_practice(db, title_length=300)
    target = tmp_path / f"{kind}.docx"
    documents.export(db, kind, eid, target, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    assert target.stat().st_size > 0


@SETTINGS
@given(query=st.one_of(storable_text, st.text(storable_char, max_size=200)))
def test_decision_search_takes_any_text_as_plain_words(db: Database, query: str) -> None:
    """Search text that looks like FTS syntax never reaches SQLite as syntax."""
    from storage.decisions import decision_search

    engagement_id = an_engagement(db)
    if not db.execute("SELECT 1 FROM decision").fetchone():
        for title in LOOKS_LIKE_SQL_OR_FTS:
            decisions.add(db, decisions.Decision(engagement_id, title, dt.date(2026, 1, 5)))
    hits = decision_search.search(db, query)
    assert isinstance(hits, list)
