"""Preferences' default day rate is typed in the default currency's decimals."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.practice import settings
from widgets.shell.preferences_dialog import PreferencesDialog


def test_a_yen_rate_is_stored_as_yen(qtbot: QtBot, db: Database) -> None:
    settings.save_profile(db, settings.Profile(default_currency="GBP", default_rate_minor=120_050))
    dialog = PreferencesDialog(db)
    qtbot.addWidget(dialog)
    assert (dialog.rate.decimals(), dialog.rate.cleanText()) == (2, "1,200.50")
    dialog.currency.setText("JPY")
    assert dialog.rate.decimals() == 0
    dialog.rate.lineEdit().selectAll()
    qtbot.keyClicks(dialog.rate.lineEdit(), "80000")
    dialog.accept()
    profile = settings.load_profile(db)
    assert (profile.default_currency, profile.default_rate_minor) == ("JPY", 80_000)
