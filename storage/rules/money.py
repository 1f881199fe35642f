"""Money as a type: an amount in a currency's minor unit, with the currency's exponent from
ISO 4217 (0 for JPY and KRW, 2 for GBP, 3 for KWD and BHD).

Every field that reads money, every calculation, every document and the command line go through
`Money`, so 100,000 typed for a JPY engagement is stored as 100000 minor units and printed as
JPY 100,000, never multiplied by a hundred. Amounts in different currencies are never added,
subtracted or compared.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

from storage.rules.errors import ValidationError
from storage.rules.vocabulary import MAX_MONEY_MINOR as MAX_MONEY_MINOR  # read here too, as before

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
# What may stand around an amount as typed: grouping spaces and apostrophes, currency signs.
_GROUPING = " ,_'\u00a0\u202f"
_SIGNS = "£$€¥"
HINT = "enter an amount such as 1,250 or 1250.50"
_DIGITS = len(str(MAX_MONEY_MINOR))  # no amount has more digits before or after the point


def code(currency: str) -> str:
    """The currency code as stored: trimmed and upper case."""
    return currency.strip().upper()


def exponent(currency: str) -> int:
    """Digits after the decimal point in `currency` (ISO 4217's minor unit)."""
    return _EXPONENTS.get(code(currency), 2)


def minor_per_major(currency: str) -> int:
    return int(10 ** exponent(currency))


@dataclass(frozen=True)
class Money:
    """`minor` units of `currency`: pence for GBP, yen for JPY, fils for KWD."""

    minor: int
    currency: str

    def __post_init__(self) -> None:
        if isinstance(self.minor, bool) or not isinstance(self.minor, int):
            raise TypeError(f"minor units are a whole number, not {self.minor!r}")
        object.__setattr__(self, "currency", code(self.currency))

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(0, currency)

    @classmethod
    def from_major(cls, amount: Decimal | int | str | float, currency: str) -> Money:
        """The amount as a spin box or a calculation gives it ("1,250.50", 100000, 1250.5),
        rounded half up to the minor unit. Raises ValueError on text that is not a number."""
        value = _decimal(str(amount).replace(",", "").strip() or "0")
        if value is None or value.adjusted() > _DIGITS:
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
        """The amount as typed into a field or a spreadsheet, no grouping, no currency:
        "1250.50", "100000", "1.250"."""
        return f"{self.major:.{self.exponent}f}"

    def grouped(self, *, whole: bool = False) -> str:
        """The amount with thousands grouped and no currency: "1,250.50", "100,000"; `whole`
        drops zero minor units ("12,000")."""
        places = self.exponent
        amount = f"{abs(self.major):,.{places}f}"
        if whole and places and self.minor % minor_per_major(self.currency) == 0:
            amount = amount.rsplit(".", 1)[0]
        return f"-{amount}" if self.minor < 0 else amount

    def format(self, *, whole: bool = False) -> str:
        """ "£12,000.00" for known symbols, "JPY 100,000" or "KWD 1.250" for other codes;
        `whole` drops zero minor units ("£12,000", "£1,250.50"), as a fee basis reads."""
        amount = self.grouped(whole=whole).removeprefix("-")
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

    def __lt__(self, other: Money) -> bool:
        return self.minor < self._same(other).minor

    def __le__(self, other: Money) -> bool:
        return self.minor <= self._same(other).minor

    def __gt__(self, other: Money) -> bool:
        return self.minor > self._same(other).minor

    def __ge__(self, other: Money) -> bool:
        return self.minor >= self._same(other).minor

    def times(self, factor: Fraction | int) -> Money:
        """This amount times an exact factor (hours, a pro-rata share), half up to the minor
        unit, so rows and totals round the same way everywhere."""
        return Money(half_up(Fraction(self.minor) * Fraction(factor)), self.currency)

    def to_whole_units(self) -> Money:
        """Rounded half up to whole major units (a monthly figure with no pence), so a total
        of months multiplies out; unchanged for a currency without minor units."""
        step = minor_per_major(self.currency)
        return Money(half_up(Fraction(self.minor, step)) * step, self.currency)

    def _same(self, other: Money) -> Money:
        if not isinstance(other, Money):
            raise TypeError(f"{other!r} is not money")
        if other.currency != self.currency:
            raise ValueError(f"{other.currency} and {self.currency} are never added or compared")
        return other


def half_up(value: Fraction) -> int:
    """The nearest whole number, halves away from zero (as invoices round)."""
    sign = -1 if value < 0 else 1
    return sign * int(abs(value) + Fraction(1, 2))


def _decimal(text: str) -> Decimal | None:
    """A finite Decimal for the text, or None."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def parse(field: str, text: object, currency: str, *, required: bool = False) -> int | None:
    """The minor units of an amount typed for `currency` ("1,250.50", "£1 250", "25k"); None
    for an empty optional field. Raises ValidationError (on `field`) for text that is not an
    amount, a negative amount, more decimals than the currency has, or more than the maximum."""
    raw = "".join(ch for ch in str(text if text is not None else "") if ch not in _GROUPING)
    if raw.upper().startswith(code(currency)):
        raw = raw[len(code(currency)) :]
    cleaned = raw.strip(_SIGNS)
    if not cleaned:
        if required:
            raise ValidationError(field, "enter an amount")
        return None
    thousands = cleaned[-1:] in {"k", "K"}
    value = _decimal(cleaned[:-1] if thousands else cleaned)
    if value is None:
        raise ValidationError(field, HINT)
    if value.adjusted() > _DIGITS:  # far above the maximum: refused before any arithmetic
        return check_minor(field, MAX_MONEY_MINOR + 1 if value > 0 else -1, currency=currency)
    tiny = bool(value) and value.adjusted() < -_DIGITS  # more decimals than any currency has
    scaled = Fraction(0 if tiny else value) * (1000 if thousands else 1) * minor_per_major(currency)
    if tiny or scaled.denominator != 1:
        places = exponent(currency)
        decimals = (
            f"{places} decimal place{'s' if places != 1 else ''}" if places else "no decimals"
        )
        raise ValidationError(field, f"{code(currency)} amounts have {decimals}")
    return check_minor(field, int(scaled), currency=currency)


def check_minor(field: str, minor: int, *, low: int = 0, currency: str = "") -> int:
    """`minor` within `low`..MAX_MONEY_MINOR, or a ValidationError on `field`."""
    if not low <= minor <= MAX_MONEY_MINOR:
        lowest = "above zero" if low > 0 else "of zero or more"
        top = Money(MAX_MONEY_MINOR, currency).format() if currency else f"{MAX_MONEY_MINOR:,}"
        raise ValidationError(field, f"enter an amount {lowest}, up to {top}")
    return minor


def totals_by_currency(amounts: Iterable[Money]) -> dict[str, Money]:
    """The sum of each currency's amounts, by currency code in alphabetical order; money is
    never added across currencies."""
    totals: dict[str, Money] = {}
    for amount in amounts:
        totals[amount.currency] = totals.get(amount.currency, Money.zero(amount.currency)) + amount
    return {currency: totals[currency] for currency in sorted(totals)}


def format_totals(amounts: Iterable[Money]) -> str:
    """ "£1,200.00 + JPY 100,000": each currency's total, never one sum across currencies."""
    return " + ".join(t.format() for t in totals_by_currency(amounts).values())
