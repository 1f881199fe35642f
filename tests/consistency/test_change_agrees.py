"""Accepting a change request moves the committed days alike on every surface: the Portfolio
tab's chart, `portfolio` and `report week` for the weeks of the change; it writes the scope of
work's next version listing the change, and puts one line on the next draft invoice. On the
sample practice, with the change proposed from Acme's signal of creep."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from desktop.cli import main
from exporters.change_request import keep_version
from storage import sample
from storage.billing import invoices, month_report
from storage.practice import document_versions, engagements
from storage.rules import clock, parse_month, week_of
from storage.rules.weeks import Week
from storage.scope import change_requests, signals
from tests.export_support import body_text, open_document
from widgets.portfolio.portfolio_tab import PortfolioTab

TODAY = dt.date(2026, 12, 9)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def _cli(capsys: pytest.CaptureFixture[str], data_dir: Path, *argv: str) -> Any:
    capsys.readouterr()
    assert main([*argv, "--format", "json", "--data-dir", str(data_dir)]) == 0
    return json.loads(capsys.readouterr().out)


def _committed(
    db: Database, capsys: pytest.CaptureFixture[str], data_dir: Path, qtbot: QtBot,
    eid: int, weeks: list[Week],
) -> list[tuple[int, int, int]]:  # fmt: skip
    """Each week's committed minutes for `eid` from `portfolio`, `report week` and the tab."""
    portfolio = _cli(capsys, data_dir, "portfolio", "--from", weeks[0].start.isoformat(),
                     "--weeks", str(len(weeks)))  # fmt: skip
    page = PortfolioTab(db)
    qtbot.addWidget(page)
    page.first_week.setDate(weeks[0].start)
    page.week_count.setValue(len(weeks))
    chart = {w.load.week.label: w.load.committed_minutes.get(eid, 0) for w in page.chart.weeks}
    assert "Signal · Acme Robotics · " in page.signals_view.text()  # the crept engagement
    found = []
    for week, row in zip(weeks, portfolio["weeks"], strict=True):
        cli = next(e["committed_minutes"] for e in row["engagements"] if e["id"] == eid)
        report = _cli(capsys, data_dir, "report", "week", "--week", week.label,
                      "--engagement", str(eid))  # fmt: skip
        found.append((cli, report["engagements"][0]["week_committed_minutes"], chart[week.label]))
    return found


def test_accepting_the_change_from_the_signal_moves_every_surface(
    db: Database, data_dir: Path, qtbot: QtBot, capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:  # fmt: skip
    sample.generate(db, sample.SampleOptions(seed=1, as_of=TODAY, keep_version=keep_version))
    acme = next(e for e in engagements.list_all(db) if e.client_name == "Acme Robotics")
    eid = acme.id or 0
    shown = signals.for_engagement(db, acme, week_of(TODAY))
    over = next(s for s in shown if s.kind == "over_commitment")
    assert len(over.weeks) >= 3
    proposed = change_requests.list_for(db, eid)[-1]
    assert proposed.status == "proposed"
    assert over.summary in proposed.evidence
    assert proposed.price_minor > 0
    paper = tmp_path / "change.docx"
    assert main(["changes", "export", str(proposed.id), "--out", str(paper)]) == 0
    assert proposed.title in body_text(open_document(paper))

    assert proposed.period_from is not None
    weeks = [week_of(proposed.period_from).shifted(n) for n in range(8)]
    before = _committed(db, capsys, data_dir, qtbot, eid, weeks)
    versions = len(document_versions.list_for(db, eid, "sow"))
    sow = tmp_path / "sow.docx"
    assert main(["changes", "accept", str(proposed.id), "--out", str(sow)]) == 0
    after = _committed(db, capsys, data_dir, qtbot, eid, weeks)

    day = int(acme.hours_per_day * 60)  # one extra day a week
    for (cli_0, report_0, tab_0), (cli_1, report_1, tab_1) in zip(before, after, strict=True):
        assert cli_0 == report_0 == tab_0
        assert cli_1 == report_1 == tab_1 == cli_0 + day

    latest = document_versions.latest(db, eid, "sow")
    assert latest is not None
    assert latest.version == versions + 1
    assert f"Agreed in {proposed.label}" in body_text(open_document(sow))

    accepted = change_requests.get(db, proposed.id or 0)
    assert accepted.bill_month is not None
    draft = invoices.create_for_month(db, acme.client_id, parse_month(accepted.bill_month))
    lines = [x for x in draft.lines if f"change request {proposed.number}," in x.description]
    assert [x.amount_minor for x in lines] == [proposed.price_minor]
    # the month report (the Month tab, `report month`) bills what the draft invoice bills
    billed = month_report.lines(db, parse_month(accepted.bill_month), acme.client_id)
    assert sum(x.billed.minor for x in billed) == sum(x.amount_minor for x in draft.lines)
