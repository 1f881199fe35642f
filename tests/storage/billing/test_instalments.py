"""Fixed-fee instalments: stored all at once, validated first, spread to add up to the fee."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

from storage.billing import instalments
from storage.billing.instalments import Instalment
from storage.rules.errors import ValidationError


def test_replace_for_stores_in_date_order_and_replaces(db: Database, acme: int) -> None:
    stored = instalments.replace_for(db, acme, [
        Instalment(0, dt.date(2026, 4, 1), 200, "Second"),
        Instalment(0, dt.date(2026, 3, 1), 100, "  First\u2028part "),
    ])  # fmt: skip
    assert [(i.due_on.day, i.amount_minor, i.label) for i in stored] == [
        (1, 100, "First part"),
        (1, 200, "Second"),
    ]
    assert [i.due_on.month for i in stored] == [3, 4]
    instalments.replace_for(db, acme, [Instalment(0, dt.date(2026, 5, 1), 300)])
    assert [i.amount_minor for i in instalments.list_for(db, acme)] == [300]


@pytest.mark.parametrize(
    ("item", "field"),
    [
        (Instalment(0, dt.date(2026, 3, 1), 0), "amount_minor"),
        (Instalment(0, dt.date(2026, 3, 1), -5), "amount_minor"),
        (Instalment(0, "2026-02-30", 100), "due_on"),  # type: ignore[arg-type]
        (Instalment(0, dt.date(2026, 3, 1), 100, "x" * 201), "label"),
    ],
)
def test_a_bad_instalment_writes_nothing(
    db: Database, acme: int, item: Instalment, field: str
) -> None:
    instalments.replace_for(db, acme, [Instalment(0, dt.date(2026, 1, 1), 100)])
    good = Instalment(0, dt.date(2026, 2, 1), 100)
    with pytest.raises(ValidationError) as caught:
        instalments.replace_for(db, acme, [good, item])
    assert caught.value.field == field
    assert [i.due_on for i in instalments.list_for(db, acme)] == [dt.date(2026, 1, 1)]


def test_an_engagement_that_does_not_exist_is_refused(db: Database) -> None:
    with pytest.raises(ValidationError, match="engagement that exists"):
        instalments.replace_for(db, 999, [Instalment(0, dt.date(2026, 1, 1), 100)])


def test_spread_is_one_instalment_a_calendar_month_of_the_term_with_the_remainder_on_the_last() -> (
    None
):
    found = instalments.spread(7, 1_000_000, dt.date(2026, 1, 20), dt.date(2026, 4, 19))
    assert [(i.due_on, i.amount_minor, i.label) for i in found] == [
        (dt.date(2026, 1, 20), 333_333, "Instalment 1 of 3"),
        (dt.date(2026, 2, 20), 333_333, "Instalment 2 of 3"),
        (dt.date(2026, 3, 20), 333_334, "Instalment 3 of 3"),
    ]
    assert instalments.total(found) == 1_000_000
    across_year = instalments.spread(7, 500, dt.date(2026, 12, 31), dt.date(2027, 3, 30))
    assert [i.due_on for i in across_year] == [
        dt.date(2026, 12, 31), dt.date(2027, 1, 31), dt.date(2027, 2, 28)]  # fmt: skip


def test_a_year_from_mid_month_is_twelve_instalments_as_the_scope_of_work_counts_it() -> None:
    """£144,000 over 8 November 2026 to 8 November 2027 is twelve £12,000 instalments, the
    "£12,000 a month for 12 months" the scope of work prints, not thirteen of £11,076.92."""
    found = instalments.spread(7, 14_400_000, dt.date(2026, 11, 8), dt.date(2027, 11, 8))
    assert [i.amount_minor for i in found] == [1_200_000] * 12
    assert (found[0].due_on, found[-1].due_on) == (dt.date(2026, 11, 8), dt.date(2027, 10, 8))


@pytest.mark.parametrize(
    ("fee", "last", "field"),
    [
        (1000, None, "planned_end_date"),
        (0, dt.date(2026, 3, 1), "fee_minor"),
        (1, dt.date(2026, 3, 1), "fee_minor"),  # one cent over two months
        (1000, dt.date(2025, 3, 1), "planned_end_date"),
    ],
)
def test_spread_refuses_what_it_cannot_spread(fee: int, last: dt.date | None, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        instalments.spread(7, fee, dt.date(2026, 1, 1), last)
    assert caught.value.field == field
