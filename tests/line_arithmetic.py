"""Quantity × unit price against the stored amount of an invoice line, as a reader checks it.

The amount is stored rounded once; the quantity is printed text (`37:30 h`, `4.69 days`,
`1 month`, `21/31 of a month`, `Instalment: Phase 1`, `agreed change`). Where the printed
quantity is exact, the product must equal the amount to the minor unit; a day count printed to
two places may differ by what that rounding moves (half a hundredth of a day)."""

from __future__ import annotations

from fractions import Fraction

from storage.billing.invoices import InvoiceLine
from storage.billing.month_amounts import half_up


def _minutes(quantity: str) -> int:
    hours, minutes = quantity.split(" ", 1)[0].split(":")
    return int(hours) * 60 + int(minutes)


def mismatch(line: InvoiceLine) -> str:
    """Empty when quantity × unit price agrees with the amount; else why it does not."""
    unit, price, amount, text = line.unit, line.unit_price_minor, line.amount_minor, line.quantity
    if unit is None or price is None:
        return f"{line.description}: no unit price"
    if unit == "hour":
        product = half_up(Fraction(_minutes(text) * price, 60))
    elif unit == "day":
        days = Fraction(text.split(" ", 1)[0])
        if abs(days * price - amount) <= Fraction(price, 200) + Fraction(1, 2):
            return ""
        product = half_up(days * price)
    elif unit == "month":
        share = Fraction(1) if text == "1 month" else Fraction(text.split(" ", 1)[0])
        product = half_up(share * price)
    elif unit == "instalment":
        product = amount if price and amount % price == 0 else -1
    else:
        product = price
    return "" if product == amount else f"{line.description}: {text} × {price} is {product}"
