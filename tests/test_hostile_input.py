"""Hostile input on every storage write: stored and read back exactly, or refused with
ValidationError and nothing written. Never another exception, never a partial write."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from storage import (
    clients,
    decisions,
    engagements,
    milestones,
    responsibilities,
    time_entries,
    timer,
)
from storage import settings as profile_settings
from storage.errors import ValidationError

SETTINGS = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.large_base_example,
        HealthCheck.data_too_large,
    ],
)

LOOKS_LIKE_SQL_OR_FTS = [
    "'; DROP TABLE client; --",
    'Robert"); DELETE FROM engagement; --',
    "' OR '1'='1",
    "NEAR(vector database, 2)",
    "title:secret* OR context:*",
    '"unbalanced quote',
    "AND OR NOT",
    "^start {title context}: x",
    "%_\\%",
    "*",
    "()",
    "-",
    "\u202eevil.exe\u202c",  # right-to-left override
    "مرحبا بالعالم",
    "שלום עולם",
    "👩‍💻🚀🇪🇺",
    "\ufeffbyte order mark",
    "line\r\nbreaks\n\ttab\x0bvt\x1f",
    "Zoë Ångström Łódź 東京 Ωmega",
]

# Any text SQLite can hold: every code point except NUL and lone surrogates.
storable_char = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
storable_text = st.one_of(
    st.text(storable_char, max_size=40), st.sampled_from(LOOKS_LIKE_SQL_OR_FTS), st.just("")
)
hundred_thousand = st.text(storable_char, min_size=1, max_size=4).map(
    lambda s: (s * 100_000)[:100_000]
)
any_char = st.characters(exclude_categories=())  # surrogates and NUL included
hostile_text = st.one_of(
    storable_text,
    hundred_thousand,
    st.text(any_char, max_size=20),
    st.sampled_from(["\x00", "a\x00b", "\ud800", "   ", "\t\n"]),
    st.none(),
    st.integers(),
    st.binary(max_size=8),
)
hostile_date = st.one_of(
    st.dates(),
    st.datetimes(),
    st.none(),
    st.integers(),
    st.sampled_from(["2026-02-30", "2026-13-01", "not a date", "0001-01-01", "9999-12-31", ""]),
    st.sampled_from(["1969-12-31", "1970-01-01", "2200-12-31", "2201-01-01"]),
)
hostile_number = st.one_of(
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.sampled_from([0, -1, 2**62, 2**63 - 1, 2**63, -(2**63), 10**13, 10**13 + 1, 1e308]),
    st.text(max_size=3),
    st.none(),
)
sane_date = st.dates(min_value=dt.date(1970, 1, 1), max_value=dt.date(2200, 12, 31))


def required_text(max_size: int = 40) -> st.SearchStrategy[str]:
    return storable_text.filter(lambda s: bool(s.strip()) and len(s) <= max_size)


def enum(values: Any) -> st.SearchStrategy[Any]:
    return st.sampled_from(list(values))


@st.composite
def records(
    draw: st.DrawFn,
    make: Callable[..., Any],
    valid: dict[str, st.SearchStrategy[Any]],
    hostile: dict[str, st.SearchStrategy[Any]],
) -> Any:
    """A record that is valid except for up to three fields given hostile values."""
    values = {key: draw(strategy) for key, strategy in valid.items()}
    for key in draw(st.lists(st.sampled_from(sorted(hostile)), max_size=3, unique=True)):
        values[key] = draw(hostile[key])
    return make(**values)


def table_counts(db: Database) -> dict[str, int]:
    return {
        name: db.execute(f"SELECT count(*) FROM [{name}]").fetchone()[0]
        for name in db.table_names()
    }


def stored_form(value: Any) -> Any:
    """A record's field as the validated row holds it."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, tuple):
        return json.dumps([dataclasses.asdict(o) for o in value], ensure_ascii=False)
    return value


def assert_read_back(original: Any, stored: Any, row: dict[str, Any]) -> None:
    """What was read back is what validation promised to store, and text is kept as typed
    (only surrounding blanks trimmed on one-line fields; a cleared optional date is None)."""
    for key, value in row.items():
        assert stored_form(getattr(stored, key)) == value, key
        typed = getattr(original, key)
        if isinstance(typed, str) and isinstance(value, str) and "currency" not in key:
            assert value in (typed, typed.strip()), key


def write_or_refuse(db: Database, write: Callable[[], Any]) -> Any | None:
    """Run one write; a refusal must be a ValidationError that left every table as it was."""
    before = table_counts(db)
    try:
        return write()
    except ValidationError as error:
        refusal = error
    assert refusal.field
    assert refusal.message
    assert not db.conn.in_transaction
    assert table_counts(db) == before
    return None


# --- clients -----------------------------------------------------------------------------------

CLIENT_VALID: dict[str, st.SearchStrategy[Any]] = {
    "name": required_text(60),
    "contact_name": storable_text,
    "email": st.sampled_from(["", "ana@example.com", "zoë@exämple.de"]),
    "role": storable_text,
    "notes": st.one_of(storable_text, hundred_thousand),
    "status": enum(clients.STATUSES),
    **{key: st.booleans() for key in clients.FIT_QUESTIONS},
    "archived": st.booleans(),
}
CLIENT_HOSTILE: dict[str, st.SearchStrategy[Any]] = {
    "name": hostile_text,
    "contact_name": hostile_text,
    "email": hostile_text,
    "role": hostile_text,
    "notes": hostile_text,
    "status": st.one_of(hostile_text, st.sampled_from(["Active", "deleted", "active "])),
    "fit_critical": hostile_number,
    "archived": hostile_number,
}
client_records = records(clients.Client, CLIENT_VALID, CLIENT_HOSTILE)


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


def _a_client(db: Database) -> int:
    found = db.execute("SELECT id FROM client WHERE name = 'Hostile Ltd'").fetchone()
    if found:
        return int(found[0])
    return int(clients.add(db, clients.Client(name="Hostile Ltd")).id or 0)


ENGAGEMENT_VALID: dict[str, st.SearchStrategy[Any]] = {
    "client_id": st.just(0),  # replaced by a real client
    "title": required_text(80),
    "start_date": sane_date,
    "role": enum(engagements.ROLES),
    "days_per_week": st.sampled_from([0.5, 1, 2, 2.5, 5]),
    "hours_per_day": st.sampled_from([0.5, 8, 7.5, 24]),
    "billing_model": enum(engagements.BILLING_MODELS),
    "fee_minor": st.integers(0, engagements.MAX_MONEY_MINOR),
    "currency": st.sampled_from(["EUR", "USD", "chf"]),
    "objectives": storable_text,
    "deliverables": storable_text,
    "out_of_scope": st.one_of(storable_text, hundred_thousand),
    "assumptions": storable_text,
    "status": enum(engagements.STATUSES),
}
ENGAGEMENT_HOSTILE: dict[str, st.SearchStrategy[Any]] = {
    "client_id": hostile_number,
    "title": hostile_text,
    "start_date": hostile_date,
    "planned_end_date": hostile_date,
    "ended_on": hostile_date,
    "role": st.one_of(hostile_text, st.just("cto")),
    "days_per_week": hostile_number,
    "hours_per_day": hostile_number,
    "split_strategy": hostile_number,
    "split_team": hostile_number,
    "billing_model": hostile_text,
    "fee_minor": hostile_number,
    "currency": hostile_text,
    "objectives": hostile_text,
    "status": hostile_text,
}
engagement_records = records(engagements.Engagement, ENGAGEMENT_VALID, ENGAGEMENT_HOSTILE)


def _for_client(db: Database, engagement: engagements.Engagement) -> engagements.Engagement:
    if engagement.client_id == 0:
        return dataclasses.replace(engagement, client_id=_a_client(db))
    return engagement


@SETTINGS
@given(engagement=engagement_records)
def test_engagement_add(db: Database, engagement: engagements.Engagement) -> None:
    engagement = _for_client(db, engagement)
    stored = write_or_refuse(db, lambda: engagements.add(db, engagement))
    if stored is not None:
        row = engagements.validate(engagement)
        assert_read_back(engagement, engagements.get(db, stored.id), row)


@SETTINGS
@given(engagement=engagement_records)
def test_engagement_update(db: Database, engagement: engagements.Engagement) -> None:
    existing = engagements.add(db, engagements.new_for_client(_a_client(db)))
    changed = dataclasses.replace(
        _for_client(db, engagement), id=existing.id, created_at=existing.created_at
    )
    stored = write_or_refuse(db, lambda: engagements.update(db, changed))
    if stored is None:
        assert engagements.get(db, int(existing.id or 0)) == existing
    else:
        row = engagements.validate(changed)
        assert_read_back(changed, engagements.get(db, stored.id), row)


# --- the profile -------------------------------------------------------------------------------

PROFILE_VALID: dict[str, st.SearchStrategy[Any]] = {
    "name": storable_text,
    "business_name": storable_text,
    "email": st.sampled_from(["", "cto@example.com"]),
    "phone": st.sampled_from(["", "+49 30 1234567", "٠١٢٣"]),
    "default_currency": st.sampled_from(["EUR", "usd"]),
    "default_rate_minor": st.integers(0, 10**13),
    "paper_size": enum(profile_settings.PAPER_SIZES),
    "week_start": enum(profile_settings.WEEK_STARTS),
    "timer_rounding_minutes": enum(profile_settings.ROUNDING_MINUTES),
}
PROFILE_HOSTILE: dict[str, st.SearchStrategy[Any]] = {
    "name": hostile_text,
    "business_name": hostile_text,
    "email": hostile_text,
    "phone": hostile_text,
    "default_currency": hostile_text,
    "default_rate_minor": hostile_number,
    "paper_size": hostile_text,
    "week_start": hostile_text,
    "timer_rounding_minutes": hostile_number,
}


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


def _an_engagement(db: Database) -> int:
    found = db.execute("SELECT id FROM engagement WHERE title = 'Hostile engagement'").fetchone()
    if found:
        return int(found[0])
    engagement = engagements.Engagement(
        client_id=_a_client(db), title="Hostile engagement", start_date=dt.date(1970, 1, 1)
    )
    return int(engagements.add(db, engagement).id or 0)


def _on_engagement(db: Database, record: Any) -> Any:
    if record.engagement_id == 0:
        return dataclasses.replace(record, engagement_id=_an_engagement(db))
    return record


hostile_engagement_id = st.one_of(hostile_number, st.just(999_999))
TIME_VALID: dict[str, st.SearchStrategy[Any]] = {
    "engagement_id": st.just(0),
    "day": sane_date,
    "bucket": enum(engagements.BUCKETS),
    "minutes": st.integers(1, 1440),
    "note": storable_text,
}
TIME_HOSTILE: dict[str, st.SearchStrategy[Any]] = {
    "engagement_id": hostile_engagement_id,
    "day": hostile_date,
    "bucket": st.one_of(hostile_text, st.just("Strategy")),
    "minutes": hostile_number,
    "note": st.one_of(hostile_text, hundred_thousand),
}


@SETTINGS
@given(entry=records(time_entries.TimeEntry, TIME_VALID, TIME_HOSTILE))
def test_time_entry_add(db: Database, entry: time_entries.TimeEntry) -> None:
    entry = _on_engagement(db, entry)
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
    engagement_id = engagement_id or _an_engagement(db)
    timer.discard(db)
    started = write_or_refuse(db, lambda: timer.start(db, engagement_id, bucket, note))
    if started is not None:
        running = timer.current(db)
        assert running is not None
        typed_note = "" if note is None else note  # no note is an empty note
        assert (running.engagement_id, running.bucket, running.note) == (
            engagement_id,
            bucket,
            typed_note,
        )


options = st.lists(
    st.builds(
        decisions.DecisionOption,
        name=st.one_of(required_text(), hostile_text),
        pros=st.one_of(storable_text, hostile_text),
        cons=storable_text,
    ),
    max_size=4,
).map(tuple)
DECISION_VALID: dict[str, st.SearchStrategy[Any]] = {
    "engagement_id": st.just(0),
    "title": required_text(80),
    "decided_on": sane_date,
    "category": enum(decisions.CATEGORIES),
    "status": enum(decisions.STATUSES),
    "context": st.one_of(storable_text, hundred_thousand),
    "drivers": storable_text,
    "options": st.just(()),
    "outcome": storable_text,
    "consequences": storable_text,
    "owner": storable_text,
    "consulted": storable_text,
    "reversibility": enum(decisions.REVERSIBILITY_LABELS),
    "cost_if_wrong_minor": st.one_of(st.none(), st.integers(0, decisions.MAX_MONEY_MINOR)),
    "links": storable_text,
}
DECISION_HOSTILE: dict[str, st.SearchStrategy[Any]] = {
    "engagement_id": hostile_engagement_id,
    "title": hostile_text,
    "decided_on": hostile_date,
    "review_by": hostile_date,
    "category": hostile_text,
    "status": st.one_of(hostile_text, st.just("Accepted")),
    "context": hostile_text,
    "options": st.one_of(
        options,
        hostile_text,
        st.lists(hostile_text, max_size=3),
        st.just(tuple(decisions.DecisionOption(f"o{i}") for i in range(51))),
    ),
    "owner": hostile_text,
    "reversibility": hostile_text,
    "cost_if_wrong_minor": hostile_number,
}
decision_records = records(decisions.Decision, DECISION_VALID, DECISION_HOSTILE)


@SETTINGS
@given(decision=decision_records)
def test_decision_add(db: Database, decision: decisions.Decision) -> None:
    decision = _on_engagement(db, decision)
    stored = write_or_refuse(db, lambda: decisions.add(db, decision))
    if stored is not None:
        assert_read_back(decision, decisions.get(db, stored.id), decisions.validate(decision))


@SETTINGS
@given(decision=decision_records)
def test_decision_update(db: Database, decision: decisions.Decision) -> None:
    engagement_id = _an_engagement(db)
    existing = decisions.add(
        db, decisions.Decision(engagement_id, "Existing decision", dt.date(2026, 1, 5))
    )
    changed = dataclasses.replace(
        _on_engagement(db, decision),
        id=existing.id,
        number=existing.number,
        created_at=existing.created_at,
    )
    stored = write_or_refuse(db, lambda: decisions.update(db, changed))
    if stored is None:
        assert decisions.get(db, int(existing.id or 0)) == existing
    else:
        assert_read_back(changed, decisions.get(db, stored.id), decisions.validate(changed))


MILESTONE_VALID: dict[str, st.SearchStrategy[Any]] = {
    "engagement_id": st.just(0),
    "title": required_text(80),
    "description": st.one_of(storable_text, hundred_thousand),
    "due_date": st.one_of(st.none(), sane_date),
    "status": st.sampled_from([s for s in milestones.STATUSES if s != "done"]),
    "owner": storable_text,
    "weight": st.integers(milestones.MIN_WEIGHT, milestones.MAX_WEIGHT),
}
MILESTONE_HOSTILE: dict[str, st.SearchStrategy[Any]] = {
    "engagement_id": hostile_engagement_id,
    "title": hostile_text,
    "description": hostile_text,
    "due_date": hostile_date,
    "done_date": hostile_date,
    "status": hostile_text,
    "owner": hostile_text,
    "weight": hostile_number,
}


@SETTINGS
@given(milestone=records(milestones.Milestone, MILESTONE_VALID, MILESTONE_HOSTILE))
def test_milestone_add(db: Database, milestone: milestones.Milestone) -> None:
    milestone = _on_engagement(db, milestone)
    stored = write_or_refuse(db, lambda: milestones.add(db, milestone))
    if stored is not None:
        row = milestones.validate(milestone)
        assert_read_back(milestone, milestones.get(db, stored.id), row)


RESPONSIBILITY_VALID: dict[str, st.SearchStrategy[Any]] = {
    "engagement_id": st.just(0),
    "duty": required_text(80),
    "successor": storable_text,
    "stage": enum(responsibilities.STAGES),
}
RESPONSIBILITY_HOSTILE: dict[str, st.SearchStrategy[Any]] = {
    "engagement_id": hostile_engagement_id,
    "duty": hostile_text,
    "successor": hostile_text,
    "stage": hostile_text,
}


@SETTINGS
@given(
    responsibility=records(
        responsibilities.Responsibility, RESPONSIBILITY_VALID, RESPONSIBILITY_HOSTILE
    )
)
def test_responsibility_add(db: Database, responsibility: responsibilities.Responsibility) -> None:
    responsibility = _on_engagement(db, responsibility)
    stored = write_or_refuse(db, lambda: responsibilities.add(db, responsibility))
    if stored is not None:
        row = responsibilities.validate(responsibility)
        assert_read_back(responsibility, responsibilities.get(db, stored.id), row)


GUARDED = {
    "client": (client_records, lambda db, r: clients.add(db, r)),
    "engagement": (engagement_records, lambda db, r: engagements.add(db, _for_client(db, r))),
    "decision": (decision_records, lambda db, r: decisions.add(db, _on_engagement(db, r))),
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
    assert clients.get(db, int(client.id or 0)).notes == name
    assert "client" in db.table_names()


def test_archived_must_be_yes_or_no(db: Database) -> None:
    before = table_counts(db)
    with pytest.raises(ValidationError, match="yes or no"):
        clients.add(db, clients.Client(name="Typo Ltd", archived="no"))  # type: ignore[arg-type]
    assert table_counts(db) == before


# --- every exporter over the same hostile records -------------------------------------------

HOSTILE_STORABLE = " | ".join(LOOKS_LIKE_SQL_OR_FTS) + " \x01\x07\x0b\x0c\x1b\x7f \ufffe\uffff"


def _hostile_practice(db: Database, title_length: int = 80) -> int:
    """One engagement whose every text holds the hostile strings, with records of each kind."""
    text = HOSTILE_STORABLE
    name = ("=cmd|' /C calc'!A0 " + text)[: min(title_length, 200)]
    client = clients.add(db, clients.Client(name=name, notes=text))
    engagement = engagements.add(
        db,
        engagements.Engagement(
            client_id=int(client.id or 0),
            title=text[:title_length],
            start_date=dt.date(2026, 1, 5),
            planned_end_date=dt.date(2026, 12, 31),
            fee_minor=engagements.MAX_MONEY_MINOR,
            objectives=text,
            deliverables=text,
            out_of_scope=(text * 2000)[:100_000],
            assumptions=text,
            status="active",
        ),
    )
    eid = int(engagement.id or 0)
    for n, bucket in enumerate(engagements.BUCKETS):
        day = dt.date(2026, 1, 5 + n)
        time_entries.add(db, time_entries.TimeEntry(eid, day, bucket, 1440, note=f"@SUM(1) {text}"))
    option = decisions.DecisionOption(name=text[:300], pros=text, cons=text)
    decisions.add(
        db,
        decisions.Decision(
            eid, text[:300], dt.date(2026, 2, 1), context=text, options=(option,),
            outcome=text, consequences=text, owner=text[:200], links=text,
            cost_if_wrong_minor=decisions.MAX_MONEY_MINOR,
        ),
    )  # fmt: skip
    milestones.add(db, milestones.Milestone(eid, text[:300], description=text, owner=text[:200]))
    responsibilities.add(db, responsibilities.Responsibility(eid, text[:300], text[:200]))
    return eid


@pytest.mark.parametrize(("kind", "suffix"), [
    ("sow", ".docx"), ("handoff", ".docx"), ("timesheet", ".docx"), ("timesheet", ".csv"),
])  # fmt: skip
def test_every_exporter_writes_hostile_records(
    db: Database, tmp_path: Path, kind: str, suffix: str
) -> None:
    documents = pytest.importorskip("exporters.documents")
    eid = _hostile_practice(db)
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
    eid = _hostile_practice(db, title_length=300)
    target = tmp_path / f"{kind}.docx"
    documents.export(db, kind, eid, target, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    assert target.stat().st_size > 0


@SETTINGS
@given(query=st.one_of(storable_text, st.text(storable_char, max_size=200)))
def test_decision_search_takes_any_text_as_plain_words(db: Database, query: str) -> None:
    """Search text that looks like FTS syntax never reaches SQLite as syntax."""
    from storage import decision_search

    engagement_id = _an_engagement(db)
    if not db.execute("SELECT 1 FROM decision").fetchone():
        for title in LOOKS_LIKE_SQL_OR_FTS:
            decisions.add(db, decisions.Decision(engagement_id, title, dt.date(2026, 1, 5)))
    hits = decision_search.search(db, query)
    assert isinstance(hits, list)
