"""The sample practice's time: deterministic for a seed, within every rule, near each split."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlite_utils import Database

from storage.file.practice import open_database
from storage.sample import SampleOptions, generate
from storage.time.week_report import actual_split

AS_OF = dt.date(2026, 4, 2)


def _entries(db: Database) -> list[tuple[object, ...]]:
    return list(db.execute("SELECT engagement_id, day, bucket, minutes, note FROM time_entry"))


def test_the_same_seed_writes_the_same_entries(db: Database, tmp_path: Path) -> None:
    generate(db, SampleOptions(seed=7, as_of=AS_OF))
    other = open_database(tmp_path / "other" / "again.sqlite3")
    generate(other, SampleOptions(seed=7, as_of=AS_OF))
    assert _entries(db) == _entries(other)
    assert len(_entries(db)) > 1000
    other.close()


def test_sample_entries_keep_every_rule(db: Database) -> None:
    generate(db, SampleOptions(seed=3, as_of=AS_OF))
    outside = db.execute(
        "SELECT count(*) FROM time_entry t JOIN engagement e ON e.id = t.engagement_id "
        "WHERE t.day < e.start_date OR t.day > ? OR e.status = 'proposed' "
        "OR (e.ended_on IS NOT NULL AND t.day > e.ended_on)",
        [AS_OF.isoformat()],
    ).fetchone()[0]
    assert outside == 0
    busiest = db.execute(
        "SELECT max(total) FROM (SELECT sum(minutes) AS total FROM time_entry GROUP BY day)"
    ).fetchone()[0]
    assert busiest <= 10 * 60
    short = db.execute("SELECT count(*) FROM time_entry WHERE minutes < 15 OR minutes > 480")
    assert short.fetchone()[0] == 0
    blank = db.execute("SELECT count(*) FROM time_entry WHERE note = ''").fetchone()[0]
    assert blank == 0
    distinct_notes = db.execute("SELECT count(DISTINCT note) FROM time_entry").fetchone()[0]
    assert distinct_notes >= 15


def test_the_split_over_the_year_is_near_the_target(db: Database) -> None:
    generate(db, SampleOptions(seed=1, as_of=AS_OF))
    for row in db.execute(
        "SELECT e.split_strategy, e.split_team, e.split_leadership, "
        "sum(t.minutes * (t.bucket = 'strategy')), sum(t.minutes * (t.bucket = 'team')), "
        "sum(t.minutes * (t.bucket = 'leadership')) FROM time_entry t "
        "JOIN engagement e ON e.id = t.engagement_id GROUP BY e.id HAVING count(*) > 150"
    ).fetchall():
        target, logged = (
            row[:3],
            dict(zip(("strategy", "team", "leadership"), row[3:], strict=True)),
        )
        actual = actual_split(logged)
        for goal, got in zip(target, actual.values(), strict=True):
            assert abs(goal - got) <= 12, (target, actual)


def test_packing_a_given_number_of_entries(db: Database) -> None:
    generate(db, SampleOptions(seed=2, years=3, entries=20_000, as_of=AS_OF))
    count = db["time_entry"].count
    assert 18_000 <= count <= 22_000
    busiest = db.execute(
        "SELECT max(total) FROM (SELECT sum(minutes) AS total FROM time_entry GROUP BY day)"
    ).fetchone()[0]
    assert busiest <= 24 * 60
