"""An exit with the consultant still holding the keys is not an exit: every access not handed
over fails a critical readiness check that names it."""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from storage.exit_plan import access_items, readiness
from storage.exit_plan.access_items import AccessItem
from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement

TODAY = dt.date(2026, 6, 1)


def _engagement(db: Database) -> int:
    client = clients.add(db, Client(name="Acme"))
    e = Engagement(client_id=client.id or 0, title="Fractional CTO", start_date=dt.date(2026, 1, 5),
                   planned_end_date=dt.date(2026, 12, 31), status="exiting")  # fmt: skip
    return engagements.add(db, e).id or 0


def _check(db: Database, eid: int) -> readiness.Check:
    review = readiness.review(db, eid, on=TODAY)
    return next(c for c in review.checks if c.name == "access_handed_over")


def test_accesses_not_handed_over_fail_the_review_by_name(db: Database) -> None:
    eid = _engagement(db)
    assert _check(db, eid).passed
    for system, done in [("Cloud account", True), ("AI provider billing", False),
                         ("Sentry", False), ("Domain registrar", False)]:  # fmt: skip
        access_items.add(db, AccessItem(eid, system, transferred_to="Sam Patel", done=done))
    check = _check(db, eid)
    assert not check.passed
    assert check.critical
    assert (
        check.detail == "3 accesses not handed over: AI provider billing, Sentry, Domain registrar"
    )
    assert check.target_kind == "access"
    review = readiness.review(db, eid, on=TODAY)
    assert review.verdict != "ready"


def test_every_access_handed_over_passes(db: Database) -> None:
    eid = _engagement(db)
    access_items.add(db, AccessItem(eid, "Sentry", transferred_to="Sam Patel", done=True))
    assert _check(db, eid).passed
