"""The one field that reads money: a spin box in major units whose decimals follow the
currency's ISO 4217 exponent (none for JPY, two for GBP, three for KWD).

What is typed becomes a `Money` and the record keeps its minor units, so 100,000 typed for a
JPY engagement is stored as 100000 yen, never multiplied by a hundred.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox, QWidget

from storage.rules import MAX_MONEY_MINOR, Money, money


class MoneyEdit(QDoubleSpinBox):
    """An amount of `currency`, from zero to the largest amount a record takes."""

    def __init__(self, minor: int, currency: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setGroupSeparatorShown(True)
        self.currency = ""
        self.set_currency(currency)
        self.set_minor(minor)

    def set_currency(self, currency: str) -> None:
        """Show the amount with the currency's decimals; the number typed stays (rounded to
        the new decimals), read from now on in the new currency."""
        self.currency = money.code(currency)
        self.setDecimals(money.exponent(self.currency))
        self.setMaximum(float(Money(MAX_MONEY_MINOR, self.currency).major))

    def set_minor(self, minor: int) -> None:
        self.setValue(float(Money(minor, self.currency).major))

    def money(self) -> Money:
        """The amount shown, exactly as it reads on screen."""
        return Money.from_major(f"{self.value():.{self.decimals()}f}", self.currency)

    def minor(self) -> int:
        return self.money().minor
