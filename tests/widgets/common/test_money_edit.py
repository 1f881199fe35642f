"""The money field: its decimals follow the currency, and what it reads is what it shows."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from storage.rules import MAX_MONEY_MINOR, Money
from widgets.common.money_edit import MoneyEdit


def _edit(qtbot: QtBot, minor: int, currency: str) -> MoneyEdit:
    edit = MoneyEdit(minor, currency)
    qtbot.addWidget(edit)
    return edit


def test_decimals_follow_the_currencys_exponent(qtbot: QtBot) -> None:
    assert [_edit(qtbot, 0, c).decimals() for c in ("JPY", "GBP", "KWD")] == [0, 2, 3]


def test_yen_are_shown_and_read_as_they_are(qtbot: QtBot) -> None:
    edit = _edit(qtbot, 100_000, "JPY")
    assert edit.cleanText() == "100,000"
    assert edit.minor() == 100_000
    edit.lineEdit().selectAll()
    qtbot.keyClicks(edit.lineEdit(), "250000")
    assert edit.money() == Money(250_000, "JPY")


def test_typed_text_is_read_in_the_minor_unit(qtbot: QtBot) -> None:
    edit = _edit(qtbot, 0, "KWD")
    edit.lineEdit().selectAll()
    qtbot.keyClicks(edit.lineEdit(), "1.250")
    assert edit.money() == Money(1_250, "KWD")
    assert _edit(qtbot, 125_050, "GBP").money() == Money(125_050, "GBP")


def test_a_new_currency_keeps_the_number_and_changes_the_decimals(qtbot: QtBot) -> None:
    edit = _edit(qtbot, 120_000, "GBP")  # 1,200.00
    edit.set_currency("jpy")
    assert (edit.decimals(), edit.currency, edit.money()) == (0, "JPY", Money(1_200, "JPY"))
    edit.set_currency("KWD")
    assert edit.money() == Money(1_200_000, "KWD")


def test_the_largest_amount_is_the_stored_maximum(qtbot: QtBot) -> None:
    for currency in ("JPY", "GBP", "KWD"):
        edit = _edit(qtbot, MAX_MONEY_MINOR, currency)
        assert edit.minor() == MAX_MONEY_MINOR
        edit.setValue(edit.maximum() * 10)
        assert edit.minor() == MAX_MONEY_MINOR


def test_retyping_a_currency_letter_by_letter_never_rounds_the_amount_on_the_way(
    qtbot: QtBot,
) -> None:
    edit = _edit(qtbot, 1_250, "KWD")  # 1.250
    for code in ("KW", "K", "", "J", "JP", "JPY"):
        edit.set_currency(code)
    assert edit.money() == Money(1, "JPY")  # shown in yen: no decimals
    for code in ("JP", "J", "", "K", "KW", "KWD"):
        edit.set_currency(code)
    assert edit.money() == Money(1_250, "KWD")  # the amount as typed, not the yen it showed


def test_what_is_typed_after_a_change_of_currency_is_what_is_kept(qtbot: QtBot) -> None:
    edit = _edit(qtbot, 0, "JPY")
    edit.lineEdit().selectAll()
    qtbot.keyClicks(edit.lineEdit(), "250000")
    edit.set_currency("GBP")
    edit.set_currency("JPY")
    assert edit.money() == Money(250_000, "JPY")
