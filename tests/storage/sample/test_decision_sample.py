"""The sample practice's decision log: every status and category, valid rows, sound chains."""

from __future__ import annotations

import datetime as dt
import random

from sqlite_utils import Database

from storage.decisions import records as decisions
from storage.decisions.decision_chain import chain
from storage.decisions.decision_list import DecisionFilter, list_decisions
from storage.decisions.decision_search import search
from storage.file.migrations import migrations
from storage.file.schema.decisions import CATEGORIES, STATUSES
from storage.practice import clients, engagements
from storage.sample import SampleOptions, generate
from storage.sample import decisions as sample_decisions
from storage.sample.clients import people_of

AS_OF = dt.date(2026, 11, 20)


def test_ten_year_practice(db: Database) -> None:
    generate(db, SampleOptions(years=10, as_of=AS_OF))
    engagements = db.execute("SELECT count(*) FROM engagement").fetchone()[0]
    log = list_decisions(db)
    assert 10 * engagements <= len(log) <= 35 * engagements
    assert {d.status for d in log} == set(STATUSES)
    assert {d.category for d in log} == set(CATEGORIES)
    for d in log:
        decisions.validate(d)  # every stored row passes the same validation as typed input
    assert any(not d.owner for d in log if d.status == "accepted")
    assert all(ord(ch) <= 0x2FF for d in log for ch in d.title)  # Latin script in the sample
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert search(db, "pgvector")


def test_chains_link_both_ways_and_numbers_continue(db: Database) -> None:
    generate(db, SampleOptions(years=3, as_of=AS_OF))
    superseded = [d for d in list_decisions(db) if d.superseded_by_id is not None]
    assert superseded
    for old in superseded:
        new = decisions.get(db, old.superseded_by_id or 0)
        assert new.supersedes_id == old.id
        assert old.status == "superseded"
        ids = [d.id for d in chain(db, old.id or 0)]
        assert ids.index(new.id) == ids.index(old.id) + 1
        assert [c.status for c in decisions.status_history(db, old.id or 0)][-1] == "superseded"
    engagement_id = superseded[0].engagement_id
    highest = db.execute(
        "SELECT max(number) FROM decision WHERE engagement_id = ?", [engagement_id]
    ).fetchone()[0]
    added = decisions.add(db, decisions.Decision(engagement_id, "Next", AS_OF))
    assert added.number == highest + 1


def test_same_seed_same_log(db: Database) -> None:
    generate(db, SampleOptions(seed=7, as_of=AS_OF))
    titles = [d.title for d in list_decisions(db)]
    again = Database(memory=True)
    migrations.apply(again)
    generate(again, SampleOptions(seed=7, as_of=AS_OF))
    assert [d.title for d in list_decisions(again)] == titles


def test_no_engagements_writes_nothing(db: Database) -> None:
    sample_decisions.populate(db, random.Random(1), [], as_of=AS_OF)
    assert db["decision"].count == 0


def test_each_log_is_varied_and_owned_by_the_clients_people(db: Database) -> None:
    generate(db, SampleOptions(as_of=AS_OF))
    for e in engagements.list_all(db):
        log = list_decisions(db, DecisionFilter(engagement_id=e.id))
        titles = [d.title for d in log]
        assert len(titles) == len(set(titles)), e.client_name  # no call made twice
        people = set(people_of(e.client_name))
        assert {d.owner for d in log if d.owner} <= people
        assert len({d.drivers for d in log}) > len(log) // 3 or len(log) < 4
        assert all(e.start_date <= d.decided_on <= AS_OF for d in log)


def test_client_statuses_agree_with_their_engagements(db: Database) -> None:
    generate(db, SampleOptions(as_of=AS_OF))
    for client in clients.list_all(db):
        statuses = [e.status for e in engagements.list_all(db, client_id=client.id)]
        assert client.status == clients.status_from_engagements(statuses), client.name
        if client.status != "prospect":
            assert client.fit_score >= 3, client.name
