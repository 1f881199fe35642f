"""Change requests: validation, the price from the terms, and accepting in one transaction."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

from storage.billing import instalments, invoices
from storage.practice import Deliverable, Phase, commitments, deliverables, engagements, phases
from storage.rules import ValidationError, clock
from storage.scope import ChangeRequest, change_accept, change_requests

TODAY = dt.date(2026, 3, 4)
ASKED = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def _terms(db: Database, eid: int, **changes: object) -> engagements.Engagement:
    e = engagements.get(db, eid)
    return engagements.update(db, engagements.with_changes(e, **changes))


def _days(eid: int, **changes: object) -> ChangeRequest:
    values: dict[str, object] = {
        "extra_days_per_week": 1.0,
        "period_from": dt.date(2026, 3, 9),
        "period_to": dt.date(2026, 3, 29),
    }
    values.update(changes)
    return ChangeRequest(eid, "Hiring loop", ASKED, "Can you run the interviews?", "CEO", **values)  # type: ignore[arg-type]


def _count(db: Database, table: str) -> int:
    return int(db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0])


def test_a_day_rate_prices_days_times_the_rate(db: Database, acme: int) -> None:
    _terms(db, acme, billing_model="daily", fee_minor=100_000, currency="GBP")
    made = change_requests.add(db, _days(acme))
    assert made.number == 1
    assert made.price_minor == 300_000  # 1 day a week for three weeks
    assert "3 days × £1,000.00 a day" in made.price_basis
    assert made.status == "proposed"
    assert made.status_on == ASKED


def test_a_retainer_prices_the_increase(db: Database, acme: int) -> None:
    _terms(db, acme, billing_model="monthly_retainer", fee_minor=1_040_000, currency="GBP")
    made = change_requests.add(db, _days(acme))
    # £10,400 a month ÷ (2 days a week × 52 ÷ 12 = 8.67 days) × 3 days
    assert made.price_minor == 360_000


def test_a_fixed_fee_needs_its_heavy_rate_or_a_price_by_hand(db: Database, acme: int) -> None:
    _terms(db, acme, billing_model="fixed_fee", fee_minor=5_000_000)
    with pytest.raises(ValidationError, match="set the price by hand"):
        change_requests.add(db, _days(acme))
    assert _count(db, "change_request") == 0
    _terms(db, acme, heavy_rate_minor=150_000)
    assert change_requests.add(db, _days(acme)).price_minor == 450_000
    by_hand = _days(acme, price_minor=99_00, price_override=True)
    assert change_requests.add(db, by_hand).price_minor == 99_00


def test_a_change_without_an_effect_is_refused(db: Database, acme: int) -> None:
    with pytest.raises(ValidationError, match="needs an effect"):
        change_requests.add(db, ChangeRequest(acme, "Nothing", ASKED))
    assert _count(db, "change_request") == 0


def test_deliverables_alone_have_no_price_without_one_by_hand(db: Database, acme: int) -> None:
    _terms(db, acme, billing_model="daily", fee_minor=100_000)
    added = (Deliverable(acme, "Hiring plan", "Signed off by the CEO", dt.date(2026, 4, 30)),)
    with pytest.raises(ValidationError, match="adds no days"):
        change_requests.add(db, ChangeRequest(acme, "Plan", ASKED, deliverables=added))
    made = change_requests.add(
        db, ChangeRequest(acme, "Plan", ASKED, deliverables=added, price_override=True,
                          price_minor=200_000)
    )  # fmt: skip
    assert made.deliverables[0].title == "Hiring plan"


def test_accepting_changes_the_commitment_deliverables_and_phases(db: Database, acme: int) -> None:
    _terms(db, acme, billing_model="daily", fee_minor=100_000)
    phases.replace_for(db, acme, [Phase(acme, "Build", dt.date(2026, 2, 1), dt.date(2026, 3, 31))])
    change = _days(
        acme,
        deliverables=(Deliverable(acme, "Interview rubric", "Used in two loops"),),
        phases=(Phase(acme, "Build", dt.date(2026, 2, 1), dt.date(2026, 4, 30), "Longer"),),
    )
    made = change_requests.add(db, change)
    seen: list[str] = []
    accepted = change_accept.accept(db, made.id or 0, issue=lambda _db, c: seen.append(c.label))
    assert accepted.status == "accepted"
    assert accepted.status_on == TODAY
    assert seen == ["Change request 1: Hiring loop"]
    history = commitments.of(db, engagements.get(db, acme))
    assert [(p.starts_on, p.days_per_week) for p in history] == [
        (dt.date(2026, 1, 5), 2.0),
        (dt.date(2026, 3, 9), 3.0),
        (dt.date(2026, 3, 30), 2.0),
    ]
    assert [d.title for d in deliverables.list_for(db, acme)] == ["Interview rubric"]
    assert [(p.name, p.ends_on) for p in phases.list_for(db, acme)] == [
        ("Build", dt.date(2026, 4, 30))
    ]


def test_a_failing_issue_accepts_nothing(db: Database, acme: int) -> None:
    _terms(db, acme, billing_model="daily", fee_minor=100_000)
    made = change_requests.add(db, _days(acme))

    def fail(_db: Database, _c: ChangeRequest) -> None:
        raise ValidationError("version", "the document could not be written")

    with pytest.raises(ValidationError):
        change_accept.accept(db, made.id or 0, issue=fail)
    assert change_requests.get(db, made.id or 0).status == "proposed"
    assert len(commitments.of(db, engagements.get(db, acme))) == 1


def test_an_ended_engagement_takes_no_change(db: Database, acme: int) -> None:
    _terms(db, acme, billing_model="daily", fee_minor=100_000)
    made = change_requests.add(db, _days(acme))
    _terms(db, acme, status="ended", ended_on=dt.date(2026, 3, 1))
    with pytest.raises(ValidationError, match="has ended"):
        change_accept.accept(db, made.id or 0)
    assert change_requests.get(db, made.id or 0).status == "proposed"


def test_declining_leaves_the_engagement_as_it_was(db: Database, acme: int) -> None:
    _terms(db, acme, billing_model="daily", fee_minor=100_000)
    made = change_requests.add(db, _days(acme))
    declined = change_requests.close(db, made.id or 0, "declined")
    assert declined.status == "declined"
    assert len(commitments.of(db, engagements.get(db, acme))) == 1
    with pytest.raises(ValidationError, match="only a proposed one"):
        change_accept.accept(db, made.id or 0)


def test_a_retainer_change_is_its_own_line_on_the_next_draft(db: Database, acme: int) -> None:
    e = _terms(db, acme, billing_model="monthly_retainer", fee_minor=1_040_000, currency="GBP")
    made = change_requests.add(db, _days(acme))
    accepted = change_accept.accept(db, made.id or 0)
    assert accepted.bill_month == "2026-03"
    draft = invoices.create_for_month(db, e.client_id, "2026-03", issued_on=dt.date(2026, 3, 31))
    assert [(x.description, x.amount_minor) for x in draft.lines] == [
        ("Fractional CTO", 1_040_000),
        ("Fractional CTO: change request 1, Hiring loop", 360_000),
    ]
    assert draft.subtotal_minor == 1_400_000


def test_a_fixed_fee_change_is_an_added_instalment_on_its_own_line(db: Database, acme: int) -> None:
    e = _terms(db, acme, billing_model="fixed_fee", fee_minor=5_000_000, heavy_rate_minor=150_000)
    instalments.replace_for(
        db, acme, [instalments.Instalment(acme, dt.date(2026, 3, 5), 1_000_000)]
    )
    made = change_requests.add(db, _days(acme))
    change_accept.accept(db, made.id or 0)
    assert [i.amount_minor for i in instalments.list_for(db, acme)] == [450_000, 1_000_000]
    draft = invoices.create_for_month(db, e.client_id, "2026-03", issued_on=dt.date(2026, 3, 31))
    assert [x.amount_minor for x in draft.lines] == [1_000_000, 450_000]
    assert "change request 1" in draft.lines[1].description


def test_added_deliverables_take_their_place_by_due_date(db: Database, acme: int) -> None:
    _terms(db, acme, billing_model="daily", fee_minor=100_000)
    deliverables.replace_for(db, acme, [
        Deliverable(acme, "Roadmap", due_on=dt.date(2026, 3, 10)),
        Deliverable(acme, "Handoff document", due_on=dt.date(2026, 12, 31)),
    ])  # fmt: skip
    added = (
        Deliverable(acme, "Rubric", due_on=dt.date(2026, 4, 30)),
        Deliverable(acme, "Vendor notes"),
    )
    made = change_requests.add(db, _days(acme, deliverables=added))
    change_accept.accept(db, made.id or 0)
    titles = [d.title for d in deliverables.list_for(db, acme)]
    assert titles == ["Roadmap", "Rubric", "Handoff document", "Vendor notes"]
