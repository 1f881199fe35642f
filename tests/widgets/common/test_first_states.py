"""First states: an empty tab says what to do next with a button for it, actions that cannot
work are disabled with the reason, a plan with no milestones is not green, dates read in full."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.exit_plan import milestones, readiness
from storage.exit_plan.readiness_snapshots import Snapshot
from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from widgets.clients.clients_tab import NO_CLIENTS, ClientsTab
from widgets.decisions.decisions_tab import DecisionsTab
from widgets.exit_plan.exit_section import NO_ENGAGEMENT
from widgets.exit_plan.exit_tab import ExitPlanTab
from widgets.exit_plan.readiness_trend import _label
from widgets.time.time_tab import TimeTab


def _engagement(db: Database, status: str = "active") -> Engagement:
    client = clients.add(db, Client(name="Acme Robotics"))
    return engagements.add(db, Engagement(
        client_id=client.id or 0, title="Fractional CTO", start_date=dt.date(2026, 1, 5),
        status=status,
    ))  # fmt: skip


def test_the_time_tab_with_no_engagement_points_to_the_clients(qtbot: QtBot, db: Database) -> None:
    tab = TimeTab(db)
    qtbot.addWidget(tab)
    assert not tab.empty.isHidden()
    assert "Clients tab" in tab.empty.label.text()
    with qtbot.waitSignal(tab.navigate_requested) as sent:
        tab.empty.button.click()
    assert sent.args == ["client", 0]
    _engagement(db)
    tab.refresh()
    assert tab.empty.isHidden()


def test_the_clients_tab_says_how_to_start(qtbot: QtBot, db: Database) -> None:
    tab = ClientsTab(db)
    qtbot.addWidget(tab)
    assert tab.hint.text() == NO_CLIENTS


def test_an_empty_decision_log_says_how_to_start(qtbot: QtBot, db: Database) -> None:
    _engagement(db)
    tab = DecisionsTab(db)
    qtbot.addWidget(tab)
    assert "New decision (Ctrl+N)" in tab.summary.text()


def test_the_exit_plan_without_engagement_disables_adding_and_says_why(
    qtbot: QtBot, db: Database
) -> None:
    tab = ExitPlanTab(db)
    qtbot.addWidget(tab)
    for section in (tab.milestones, tab.responsibilities):
        assert not section.add_button.isEnabled()
        assert section.add_button.toolTip() == NO_ENGAGEMENT
    assert not tab.milestones.standard_button.isEnabled()
    assert "Clients tab" in tab.milestones.standard_button.toolTip()


def test_an_empty_exit_plan_offers_the_standard_plan(qtbot: QtBot, db: Database) -> None:
    e = _engagement(db)
    tab = ExitPlanTab(db)
    qtbot.addWidget(tab)
    empty = tab.milestones.empty
    assert not empty.isHidden()
    assert empty.button.text() == "Add the standard exit plan"
    empty.button.click()
    assert milestones.list_for(db, e.id or 0)
    assert empty.isHidden()


def test_a_proposed_engagement_without_milestones_fails_the_milestone_checks(
    db: Database,
) -> None:
    e = _engagement(db, "proposed")
    result = readiness.review(db, e.id or 0)
    failed = {c.name for c in result.checks if not c.passed}
    assert {"owners", "no_overdue_milestone"} <= failed
    assert result.verdict == "not ready"
    milestones.add_standard_exit_plan(db, e.id or 0)
    again = readiness.review(db, e.id or 0)
    assert "no_overdue_milestone" not in {c.name for c in again.checks if not c.passed}


def test_trend_labels_name_the_year_in_full() -> None:
    shots = [Snapshot(1, dt.date(2025, 12, 1), 40, "not ready"),
             Snapshot(1, dt.date(2026, 1, 5), 50, "nearly ready")]  # fmt: skip
    assert [_label(s, i, shots) for i, s in enumerate(shots)] == ["Dec 2025", "Jan 2026"]
