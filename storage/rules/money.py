"""Money as a type: an amount in a currency's minor unit, with the currency's exponent from
ISO 4217 (0 for JPY and KRW, 2 for GBP, 3 for KWD and BHD).

Every field that reads money, every calculation, every document and the command line go through
`Money`, so 100,000 typed for a JPY engagement is stored as 100000 minor units and printed as
JPY 100,000, never multiplied by a hundred. Amounts in different currencies are never added.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

from storage.rules.errors import ValidationError

MAX_MONEY_MINOR = 10**13  # in minor units (a hundred billion pounds): anything above is a typo

# ISO 4217 minor units that are not 2 (every other code, known or not, has 2).
_EXPONENTS = {
    **dict.fromkeys(
        ("BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI",
         "VND", "VUV", "XAF", "XOF", "XPF"),
        0,
    ),
    **dict.fromkeys(("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"), 3),
    **dict.fromkeys(("CLF", "UYW"), 4),
}  # fmt: skip
SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€"}


def exponent(currency: str) -> int:
    """Digits after the decimal point in `currency` (ISO 4217's minor unit)."""
    return _EXPONENTS.get(currency.strip().upper(), 2)


def minor_per_major(currency: str) -> int:
    return int(10 ** exponent(currency))


@dataclass(frozen=True, order=True)
class Money:
    """`minor` units of `currency`: pence for GBP, yen for JPY, fils for KWD."""

    minor: int
    currency: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "currency", self.currency.strip().upper())

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(0, currency)

    @classmethod
    def from_major(cls, amount: Decimal | int | str | float, currency: str) -> Money:
        """The amount as a person types it ("1,250.50", 100000), rounded half up to the minor
        unit. Raises ValueError on text that is not a number."""
        try:
            value = Decimal(str(amount).replace(",", "").strip() or "0")
        except InvalidOperation as error:
            raise ValueError(f"{amount!r} is not an amount") from error
        if not value.is_finite():
            raise ValueError(f"{amount!r} is not an amount")
        scaled = (value * minor_per_major(currency)).to_integral_value(rounding=ROUND_HALF_UP)
        return cls(int(scaled), currency)

    @property
    def exponent(self) -> int:
        return exponent(self.currency)

    @property
    def major(self) -> Decimal:
        """The amount in major units, exact: Decimal("1250.50") for 125050 pence."""
        return Decimal(self.minor).scaleb(-self.exponent)

    def plain(self) -> str:
        """The amount as typed into a field, no grouping, no currency: "1250.50", "100000"."""
        return f"{self.major:.{self.exponent}f}"

    def format(self, *, whole: bool = False) -> str:
        """ "£12,000.00" for known symbols, "JPY 100,000" or "KWD 1.250" for other codes;
        `whole` drops zero minor units ("£12,000", "£1,250.50"), as a fee basis reads."""
        places = self.exponent
        amount = f"{abs(self.major):,.{places}f}"
        if whole and places and self.minor % minor_per_major(self.currency) == 0:
            amount = amount.rsplit(".", 1)[0]
        sign = "-" if self.minor < 0 else ""
        symbol = SYMBOLS.get(self.currency)
        return f"{sign}{symbol}{amount}" if symbol else f"{sign}{self.currency} {amount}"

    def __str__(self) -> str:
        return self.format()

    def __add__(self, other: Money) -> Money:
        return Money(self.minor + self._same(other).minor, self.currency)

    def __sub__(self, other: Money) -> Money:
        return Money(self.minor - self._same(other).minor, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.minor, self.currency)

    def times(self, factor: Fraction | int) -> Money:
        """This amount times an exact factor (hours, a pro-rata share), half up to the minor
        unit, so rows and totals round the same way everywhere."""
        return Money(half_up(Fraction(self.minor) * Fraction(factor)), self.currency)

    def _same(self, other: Money) -> Money:
        if other.currency != self.currency:
            raise ValueError(f"cannot add {other.currency} to {self.currency}")
        return other


def half_up(value: Fraction) -> int:
    """The nearest whole number, halves away from zero (as invoices round)."""
    sign = -1 if value < 0 else 1
    return sign * int(abs(value) + Fraction(1, 2))


def parse(field: str, text: object, currency: str, *, required: bool = False) -> int | None:
    """The minor units of an amount typed for `currency`; None for an empty optional field.
    Raises ValidationError (on `field`) for text that is not an amount, a negative amount, more
    decimals than the currency has, or more than the maximum."""
    raw = str(text if text is not None else "").strip()
    if not raw:
        if required:
            raise ValidationError(field, "enter an amount")
        return None
    try:
        value = Decimal(raw.replace(",", "").replace(" ", ""))
    except InvalidOperation:
        raise ValidationError(field, "enter an amount such as 1250 or 1250.50") from None
    places = exponent(currency)
    scaled = value * minor_per_major(currency)
    if not value.is_finite() or scaled != scaled.to_integral_value():
        raise ValidationError(field, f"{currency.upper()} has {places} decimal places at most")
    minor = int(scaled)
    check_minor(field, minor)
    return minor


def check_minor(field: str, minor: int, *, low: int = 0) -> int:
    """`minor` within `low`..MAX_MONEY_MINOR, or a ValidationError on `field`."""
    if not low <= minor <= MAX_MONEY_MINOR:
        lowest = "above zero" if low > 0 else "of zero or more"
        raise ValidationError(
            field, f"enter an amount {lowest}, below {MAX_MONEY_MINOR:,} minor units"
        )
    return minor


def totals_by_currency(amounts: Iterable[Money]) -> dict[str, Money]:
    """The sum of each currency's amounts, in the order each currency first appears; money is
    never added across currencies."""
    totals: dict[str, Money] = {}
    for amount in amounts:
        totals[amount.currency] = totals.get(amount.currency, Money.zero(amount.currency)) + amount
    return totals


def format_totals(amounts: Iterable[Money]) -> str:
    """ "£1,200.00 + JPY 100,000": each currency's total, never one sum across currencies."""
    return " + ".join(t.format() for t in totals_by_currency(amounts).values())
