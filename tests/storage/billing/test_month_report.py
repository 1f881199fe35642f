"""The month report against hand-computed amounts, per billing model and per currency, and
`fractional-desk report month`."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction
from typing import Any
from unittest.mock import ANY

import pytest
from sqlite_utils import Database

from desktop.cli import main
from storage.billing import instalments, month_amounts
from storage.billing.instalments import Instalment
from storage.billing.month_report import report
from storage.practice import clients, commitments, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.rules.errors import ValidationError
from storage.rules.months import Month, parse_month
from storage.rules.vocabulary import BUCKETS
from storage.rules.weeks import week_of
from storage.time import time_entries, week_report
from storage.time.time_entries import TimeEntry

MARCH, APRIL = Month(2026, 3), Month(2026, 4)


def _engagement(db: Database, client_id: int, title: str, **fields: Any) -> int:
    fields.setdefault("start_date", dt.date(2026, 1, 5))
    made = engagements.add(db, Engagement(client_id, title, status="active", **fields))
    return made.id or 0


def _log(db: Database, eid: int, *entries: tuple[str, str, int]) -> None:
    for day, bucket, minutes in entries:
        time_entries.add(db, TimeEntry(eid, dt.date.fromisoformat(day), bucket, minutes))


@pytest.fixture
def practice(db: Database) -> dict[str, int]:
    """March 2026 (31 days), one engagement per billing model, in three currencies."""
    acme = clients.add(db, Client(name="Acme Robotics")).id or 0
    bravo = clients.add(db, Client(name="Bravo Labs")).id or 0
    verde = clients.add(db, Client(name="Verde Fintech")).id or 0
    ids = {
        "hourly": _engagement(db, acme, "Fractional CTO", billing_model="hourly",
                              fee_minor=12345, currency="GBP", days_per_week=5),
        "daily": _engagement(db, acme, "Advisory", billing_model="daily", fee_minor=80000,
                             currency="EUR", days_per_week=2, hours_per_day=8),
        "retainer": _engagement(db, verde, "AI strategy", start_date=dt.date(2026, 3, 10),
                                fee_minor=600000, currency="EUR", days_per_week=1),
        "fixed": _engagement(db, verde, "Platform sprint", billing_model="fixed_fee",
                             fee_minor=5000000, currency="USD"),
        "no_rate": _engagement(db, bravo, "Hiring", billing_model="hourly", currency="GBP"),
    }  # fmt: skip
    daily = engagements.get(db, ids["daily"])
    commitments.add(db, daily, dt.date(2026, 3, 16), 3, 6)  # mid-month: 3 days of 6 hours
    _log(db, ids["hourly"], ("2026-03-02", "strategy", 10), ("2026-03-03", "team", 10),
         ("2026-03-04", "leadership", 125))  # fmt: skip
    _log(db, ids["daily"], ("2026-03-10", "strategy", 240), ("2026-03-11", "team", 480),
         ("2026-03-17", "strategy", 180), ("2026-03-18", "leadership", 400))  # fmt: skip
    _log(db, ids["retainer"], ("2026-03-10", "strategy", 600), ("2026-03-12", "team", 600),
         ("2026-03-13", "leadership", 400), ("2026-03-20", "strategy", 60))  # fmt: skip
    _log(db, ids["fixed"], ("2026-03-05", "strategy", 60))
    _log(db, ids["no_rate"], ("2026-03-06", "team", 90))
    _log(db, ids["hourly"], ("2026-04-01", "strategy", 600))  # April: outside March
    return ids


def _lines(data: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {e["id"]: e for c in data["clients"] for e in c["engagements"]}


def test_hourly_is_minutes_times_rate_rounded_once_per_line(
    db: Database, practice: dict[str, int]
) -> None:
    line = _lines(report(db, MARCH))[practice["hourly"]]
    # 145 min × 12,345 / 60 = 29,833.75 → 29,834 (entry by entry it would be 29,835)
    assert line["amount_minor"] == 29834
    assert line["minutes"] == {"strategy": 10, "team": 10, "leadership": 125}
    assert (line["total_minutes"], line["days_worked"]) == (145, 3)
    assert (line["committed_days"], line["committed_minutes"]) == (22.14, 10629)  # 5 × 31/7
    assert line["flags"] == []


def test_daily_counts_day_equivalents_by_the_commitment_in_force(
    db: Database, practice: dict[str, int]
) -> None:
    line = _lines(report(db, MARCH))[practice["daily"]]
    # 240/480 + 480/480 + 180/360 + 400/360 = 28/9 days; × 80,000 = 248,888.9 → 248,889
    assert line["day_equivalents"] == 3.11
    assert line["amount_minor"] == 248889
    assert line["days_worked"] == 4
    # 15 days at 2 days a week, 16 at 3: 78/7 days; 15 × 960/7 + 16 × 1,080/7 minutes
    assert (line["committed_days"], line["committed_minutes"]) == (11.14, 4526)
    assert line["flags"] == []


def test_a_retainer_is_pro_rata_in_its_first_month_with_its_use(
    db: Database, practice: dict[str, int]
) -> None:
    line = _lines(report(db, MARCH))[practice["retainer"]]
    assert line["amount_minor"] == 425806  # 600,000 × 22/31 = 425,806.45
    assert line["committed_minutes"] == 1509  # 22 days × 480/7
    assert line["retainer_use_percent"] == 110  # 1,660 / 1,509
    assert line["flags"] == ["over_retainer", "days_over_commitment"]  # 3.46 days > 3.14


def test_a_retainer_bills_the_whole_fee_in_a_full_month_and_pro_rata_in_its_last(
    db: Database, practice: dict[str, int]
) -> None:
    line = _lines(report(db, APRIL))[practice["retainer"]]
    assert (line["amount_minor"], line["retainer_use_percent"], line["flags"]) == (600000, 0, [])
    client = clients.add(db, Client(name="Zeta")).id or 0
    ended = _engagement(db, client, "Retainer", fee_minor=300000, currency="EUR")
    engagements.update(db, engagements.with_changes(
        engagements.get(db, ended), status="ended", ended_on=dt.date(2026, 4, 12)
    ))  # fmt: skip
    line = _lines(report(db, APRIL))[ended]
    assert line["amount_minor"] == 120000  # 300,000 × 12/30
    assert _lines(report(db, Month(2026, 5))).get(ended) is None


def test_a_fixed_fee_without_an_instalment_due_bills_nothing_and_no_rate_is_flagged(
    db: Database, practice: dict[str, int]
) -> None:
    lines = _lines(report(db, MARCH))
    fixed, no_rate = lines[practice["fixed"]], lines[practice["no_rate"]]
    assert (fixed["amount_minor"], fixed["note"]) == (None, month_amounts.NO_INSTALMENT)
    assert (no_rate["amount_minor"], no_rate["note"]) == (None, month_amounts.NO_RATE)
    assert no_rate["flags"] == ["no_rate"]


def test_a_fixed_fee_bills_the_instalments_due_in_the_month(
    db: Database, practice: dict[str, int]
) -> None:
    instalments.replace_for(db, practice["fixed"], [
        Instalment(0, dt.date(2026, 3, 1), 1_500_000, "Phase 1"),
        Instalment(0, dt.date(2026, 3, 31), 1_000_000, "Phase 2"),
        Instalment(0, dt.date(2026, 4, 1), 2_500_000, "Handoff"),
    ])  # fmt: skip
    march, april = report(db, MARCH), report(db, APRIL)
    assert _lines(march)[practice["fixed"]]["amount_minor"] == 2_500_000
    assert _lines(april)[practice["fixed"]]["amount_minor"] == 2_500_000
    assert march["totals"]["USD"] == {"total_minutes": 60, "amount_minor": 2_500_000}
    assert _lines(report(db, Month(2026, 5)))[practice["fixed"]]["note"] == (
        month_amounts.NO_INSTALMENT
    )


def test_a_fixed_fee_starting_mid_month_bills_its_first_instalment_that_month(
    db: Database,
) -> None:
    client = clients.add(db, Client(name="Sprint Co")).id or 0
    sprint = _engagement(db, client, "90-day sprint", billing_model="fixed_fee",
                         fee_minor=4_500_000, currency="EUR", start_date=dt.date(2026, 3, 18),
                         planned_end_date=dt.date(2026, 6, 15))  # fmt: skip
    e = engagements.get(db, sprint)
    spread = instalments.spread(sprint, e.fee_minor, e.start_date, e.planned_end_date)
    instalments.replace_for(db, sprint, spread)
    amounts = [_lines(report(db, Month(2026, n)))[sprint]["amount_minor"] for n in (3, 4, 5)]
    assert amounts == [1_500_000, 1_500_000, 1_500_000]  # three calendar months of the term
    june = _lines(report(db, Month(2026, 6))).get(sprint)
    assert june is None or not june["amount_minor"]  # no instalment due: nothing billed
    assert _lines(report(db, Month(2026, 2))).get(sprint) is None


def test_totals_are_per_currency_and_rows_add_up(db: Database, practice: dict[str, int]) -> None:
    data = report(db, MARCH)
    assert data["totals"] == {
        "EUR": {"total_minutes": 2960, "amount_minor": 674695},
        "GBP": {"total_minutes": 235, "amount_minor": 29834},
        "USD": {"total_minutes": 60, "amount_minor": 0},
    }
    sums: dict[str, dict[str, int]] = {}
    for client in data["clients"]:
        for line in client["engagements"]:
            assert sum(line["minutes"][b] for b in BUCKETS) == line["total_minutes"]
        for currency, part in client["totals"].items():
            entry = sums.setdefault(currency, {"total_minutes": 0, "amount_minor": 0})
            for key in entry:
                entry[key] += part[key]
    assert sums == data["totals"]


def test_json_keys_and_order(db: Database, practice: dict[str, int]) -> None:
    data = report(db, MARCH)
    assert list(data) == ["month", "start", "end", "clients", "totals"]
    assert (data["month"], data["start"], data["end"]) == ("2026-03", "2026-03-01", "2026-03-31")
    assert [c["name"] for c in data["clients"]] == ["Acme Robotics", "Bravo Labs", "Verde Fintech"]
    assert list(data["clients"][0]) == ["id", "name", "engagements", "totals", "tax"]
    assert list(data["clients"][0]["engagements"][0]) == [
        "id", "title", "billing_model", "currency", "rate_minor", "minutes", "total_minutes",
        "days_worked", "day_equivalents", "committed_minutes", "committed_days", "amount_minor",
        "retainer_use_percent", "note", "flags", "retainer",
    ]  # fmt: skip


def test_one_client(db: Database, practice: dict[str, int]) -> None:
    verde = engagements.get(db, practice["retainer"]).client_id
    data = report(db, MARCH, verde)
    assert [c["id"] for c in data["clients"]] == [verde]
    assert set(data["totals"]) == {"EUR", "USD"}


def test_the_month_agrees_with_the_week_reports_of_its_days(
    db: Database, practice: dict[str, int]
) -> None:
    from_weeks: dict[int, dict[str, int]] = {}
    week = week_of(MARCH.start)
    while week.start <= MARCH.end:
        for item in week_report.report(db, week)["engagements"]:
            per_bucket = from_weeks.setdefault(item["id"], dict.fromkeys(BUCKETS, 0))
            for bucket, days in item["minutes"].items():
                per_bucket[bucket] += sum(m for d, m in days.items() if d[:7] == MARCH.label)
        week = week.shifted(1)
    for eid, line in _lines(report(db, MARCH)).items():
        assert line["minutes"] == from_weeks[eid]


def test_days_over_the_commitment_count_day_equivalents_not_short_days(db: Database) -> None:
    """One day a week in March is 31/7 = 4.43 days: six one-hour days are 0.75 of a day."""
    client = clients.add(db, Client(name="Short Days")).id or 0
    short = _engagement(db, client, "Advisory", billing_model="daily", fee_minor=100000,
                        currency="EUR", days_per_week=1, hours_per_day=8)  # fmt: skip
    _log(db, short, *((f"2026-03-0{d}", "team", 60) for d in range(2, 8)))
    line = _lines(report(db, MARCH))[short]
    assert (line["days_worked"], line["day_equivalents"]) == (6, 0.75)
    assert line["flags"] == []
    _log(db, short, *((f"2026-03-{d}", "strategy", 480) for d in range(10, 14)))
    line = _lines(report(db, MARCH))[short]
    assert line["day_equivalents"] == 4.75  # 0.75 + 4 full days > 4.43 committed
    assert line["flags"] == ["days_over_commitment"]


def test_amount_rules_round_half_up_once() -> None:
    assert month_amounts.half_up(Fraction(5, 2)) == 3
    assert month_amounts.hourly(12345, 10) == 2058  # 2,057.5
    assert month_amounts.daily(80000, Fraction(1, 3)) == 26667
    assert month_amounts.retainer(600000, 31, 31) == 600000


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-13", "the month must be from 01 to 12"),
        ("2026-1", "“2026-1” is not a month such as 2026-11"),
        ("9999-01", "the year must be from 1 to 9998"),
    ],
)
def test_months_are_checked(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_month(text)
    assert refused.value.message == message


# --- the command line ----------------------------------------------------------------------------


def test_json_is_the_storage_report(
    db: Database, practice: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "month", "--month", "2026-03", "--format", "json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == {**json.loads(json.dumps(report(db, MARCH))), "uninvoiced": ANY}
    eur = [x["amount_minor"] for x in printed["uninvoiced"] if x["currency"] == "EUR"]
    assert sum(eur) == 674695  # nothing is invoiced yet: all of it is left to bill
    assert printed["totals"]["EUR"] == {"total_minutes": 2960, "amount_minor": 674695}


def test_table_names_each_engagement_and_the_totals_per_currency(
    practice: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "month", "--month", "2026-03"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2026-03  (2026-03-01 to 2026-03-31)")
    for shown in ("£298.34", "€2,488.89", "no rate", "over_retainer, days_over_commitment"):
        assert shown in out
    assert "Total EUR: €6,746.95  (49:20)" in out
    assert "Total GBP: £298.34  (3:55)" in out
    assert "Total USD: $0.00  (1:00)" in out


def test_one_client_on_the_command_line(
    db: Database, practice: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    bravo = engagements.get(db, practice["no_rate"]).client_id
    argv = ["report", "month", "--month", "2026-03", "--client", str(bravo), "--format", "json"]
    assert main(argv) == 0
    printed = json.loads(capsys.readouterr().out)
    assert [c["name"] for c in printed["clients"]] == ["Bravo Labs"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--month", "2026-13"], "--month: the month must be from 01 to 12."),
        (["--month", ""], "--month: is empty: give a month such as 2026-11."),
        (["--month", "9999-01"], "--month: the year must be from 1 to 9998."),
        (["--month", "March"], "--month: “March” is not a month such as 2026-11."),
        (
            ["--client", "999"],
            "There is no client 999 (`fractional-desk clients list` shows them).",
        ),
    ],
)
def test_refusals_are_one_line_and_exit_1(
    practice: dict[str, int], capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main(["report", "month", *argv]) == 1
    err = capsys.readouterr().err
    assert err == f"fractional-desk: {message}\n"


@pytest.mark.parametrize("argv", [["--format", "xml"], ["--client", "one"], ["--months", "x"]])
def test_usage_errors_exit_2(practice: dict[str, int], argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["report", "month", *argv])
    assert exited.value.code == 2
