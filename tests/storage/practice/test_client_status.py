"""A client's status follows its engagements (active while one is under way, former once all
have ended) unless the user sets it by hand; "From engagements" hands it back to them."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.exit_plan import engagement_lifecycle
from storage.practice import clients, engagements
from storage.practice.clients import Client, status_from_engagements
from storage.practice.engagements import Engagement
from widgets.clients.clients_tab import ClientsTab


def _engagement(db: Database, client: Client, status: str = "proposed") -> Engagement:
    return engagements.add(db, Engagement(
        client_id=client.id or 0, title="Fractional CTO", start_date=dt.date(2026, 1, 5),
        status=status, ended_on=dt.date(2026, 6, 1) if status == "ended" else None,
    ))  # fmt: skip


def test_the_rule() -> None:
    assert status_from_engagements([]) is None
    assert status_from_engagements(["proposed"]) == "prospect"
    assert status_from_engagements(["ended", "exiting"]) == "active"
    assert status_from_engagements(["ended", "ended"]) == "former"
    assert status_from_engagements(["ended", "proposed"]) == "prospect"


def test_status_follows_the_engagements(db: Database) -> None:
    client = clients.add(db, Client(name="Acme Robotics"))
    e = _engagement(db, client)
    assert clients.get(db, client.id or 0).status == "prospect"
    engagements.update(db, engagements.with_changes(e, status="active"))
    assert clients.get(db, client.id or 0).status == "active"
    engagements.update(db, engagements.with_changes(
        e, status="ended", ended_on=dt.date(2026, 6, 1)
    ))  # fmt: skip
    assert clients.get(db, client.id or 0).status == "former"


def test_a_status_set_by_hand_stays_until_handed_back(db: Database) -> None:
    client = clients.add(db, Client(name="Acme Robotics"))
    paused = clients.update(db, clients.with_changes(client, status="paused"))
    assert paused.status_by_hand
    _engagement(db, client, "active")
    assert clients.get(db, client.id or 0).status == "paused"
    following = clients.update(db, clients.with_changes(paused, status=""))
    assert (following.status, following.status_by_hand) == ("active", False)


def test_the_form_offers_from_engagements(qtbot: QtBot, db: Database) -> None:
    client = clients.add(db, Client(name="Acme Robotics"))
    _engagement(db, client, "active")
    tab = ClientsTab(db)
    qtbot.addWidget(tab)
    tab.reload(client.id)
    assert tab.form.status.currentText() == "From engagements: Active"
    tab.form.status.setCurrentIndex(tab.form.status.findData("paused"))
    assert clients.get(db, client.id or 0).status == "paused"
    tab.form.status.setCurrentIndex(0)
    assert clients.get(db, client.id or 0).status == "active"


def test_moving_through_the_lifecycle_moves_the_client(db: Database) -> None:
    client = clients.add(db, Client(name="Acme Robotics"))
    e = _engagement(db, client, "proposed")
    engagement_lifecycle.activate(db, e.id or 0)
    assert clients.get(db, client.id or 0).status == "active"
