"""The one field that reads money: a spin box in major units whose decimals follow the
currency's ISO 4217 exponent (none for JPY, two for GBP, three for KWD).

What is typed becomes a `Money` and the record keeps its minor units, so 100,000 typed for a
JPY engagement is stored as 100000 yen, never multiplied by a hundred.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QDoubleSpinBox, QWidget

from storage.rules import MAX_MONEY_MINOR, Money, money


class MoneyEdit(QDoubleSpinBox):
    """An amount of `currency`, from zero to the largest amount a record takes."""

    def __init__(self, minor: int, currency: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setGroupSeparatorShown(True)
        self.currency = ""
        self._typed = Decimal(0)  # the number as last typed or set, before any currency rounds it
        self._quiet = False
        self.valueChanged.connect(self._on_value_changed)
        self.set_currency(currency)
        self.set_minor(minor)

    def set_currency(self, currency: str) -> None:
        """Show the amount with the currency's decimals; the number typed stays (rounded to
        the new decimals), read from now on in the new currency. The number as typed is kept,
        so retyping a code letter by letter (KWD, K, J, JP, JPY) never rounds it on the way."""
        self.currency = money.code(currency)
        self._set_quietly(self._typed, decimals=money.exponent(self.currency))

    def set_minor(self, minor: int) -> None:
        self._typed = Money(minor, self.currency).major
        self._set_quietly(self._typed, decimals=self.decimals())

    def _set_quietly(self, value: Decimal, *, decimals: int) -> None:
        self._quiet = True
        try:
            self.setDecimals(decimals)
            self.setMaximum(float(Money(MAX_MONEY_MINOR, self.currency).major))
            self.setValue(float(value))
        finally:
            self._quiet = False

    def _on_value_changed(self, value: float) -> None:
        if not self._quiet:
            self._typed = Decimal(f"{value:.{self.decimals()}f}")

    def money(self) -> Money:
        """The amount shown, exactly as it reads on screen."""
        return Money.from_major(f"{self.value():.{self.decimals()}f}", self.currency)

    def minor(self) -> int:
        return self.money().minor
