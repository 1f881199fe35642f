"""The sample's crept engagement: its signal with evidence, the change proposed from it, and the
change agreed earlier that made version 2 of its scope of work."""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from exporters.change_request import keep_version
from storage.practice import document_versions, engagements
from storage.rules import week_of
from storage.sample import SampleOptions, generate
from storage.scope import change_requests, signals

AS_OF = dt.date(2026, 11, 18)


def _acme(db: Database) -> engagements.Engagement:
    return next(e for e in engagements.list_all(db) if e.client_name == "Acme Robotics")


def test_the_crept_engagement_shows_its_signal_and_its_changes(db: Database) -> None:
    generate(db, SampleOptions(seed=1, as_of=AS_OF, keep_version=keep_version))
    acme = _acme(db)
    found = {s.kind: s for s in signals.for_engagement(db, acme, week_of(AS_OF))}
    over = found["over_commitment"]
    assert len(over.weeks) >= 3
    assert found["marked_out_of_scope"].entry_ids
    assert "Hiring loop" in found["marked_out_of_scope"].evidence[0]
    earlier, proposed = change_requests.list_for(db, acme.id or 0)
    assert earlier.status == "accepted"
    assert proposed.status == "proposed"
    assert proposed.price_minor > 0
    assert over.summary in proposed.evidence
    versions = document_versions.list_for(db, acme.id or 0, "sow")
    assert [v.version for v in versions] == [1, 2]
    assert earlier.label in versions[1].snapshot["change_request"]


def test_the_sample_is_the_same_for_a_seed(db: Database, other: Database) -> None:
    del other
    generate(db, SampleOptions(seed=1, as_of=AS_OF))
    first = [change_requests.as_json(c, "GBP") for c in change_requests.list_all(db)]
    assert [c["title"] for c in first] == [
        "Data platform vendor assessment",
        "Run the hiring loop for the senior backend role",
    ]
