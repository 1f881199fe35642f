"""A unit and a unit price on every invoice and credit note line: the sixteenth schema step.

UK and EU invoice rules ask for the quantity and the unit price of each line (hours × rate,
days × rate, months × fee). A line made from now on keeps its unit ("hour", "day", "month",
"instalment", "item") and its unit price as the engagement's terms gave them the day the draft
was made, so a later change of rate never rewrites an issued invoice; a credit note line keeps
the quantity, unit and unit price of the invoice line it credits in full. Lines made before
this step keep NULL and print as before.

Once final, the new columns are fixed like the others (the line triggers are made again from
`INVOICE` and `CREDIT_NOTE` below), and the content hash covers them only on lines that have
them, so every record sealed before this step still checks clean. A released step is never
edited: `INVOICE` and `CREDIT_NOTE` here are this step's own copy of the rules.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from storage.file.schema import money, run_statements, sealed

if TYPE_CHECKING:
    from sqlite_utils import Database

UNITS = ("hour", "day", "month", "instalment", "item")
PRICED = ("unit", "unit_price_minor")

INVOICE = dataclasses.replace(
    sealed.INVOICE,
    line_fixed=(*sealed.INVOICE.line_fixed, *PRICED),
    line_optional=PRICED,
)
CREDIT_NOTE = dataclasses.replace(
    money.CREDIT_NOTE,
    line_fixed=(*money.CREDIT_NOTE.line_fixed, "quantity", *PRICED),
    line_optional=("quantity", *PRICED),
)

_UNIT = f"TEXT CHECK (unit IS NULL OR unit IN ({', '.join(repr(u) for u in UNITS)}))"
_PRICE = "INTEGER CHECK (unit_price_minor IS NULL OR unit_price_minor >= 0)"
STATEMENTS = [
    f"ALTER TABLE invoice_line ADD COLUMN unit {_UNIT}",
    f"ALTER TABLE invoice_line ADD COLUMN unit_price_minor {_PRICE}",
    "ALTER TABLE credit_note_line ADD COLUMN quantity TEXT",
    f"ALTER TABLE credit_note_line ADD COLUMN unit {_UNIT}",
    f"ALTER TABLE credit_note_line ADD COLUMN unit_price_minor {_PRICE}",
]


def m016_unit_prices(db: Database) -> None:
    old = [*sealed.triggers(sealed.INVOICE), *sealed.triggers(money.CREDIT_NOTE)]
    run_statements(db, [f"DROP TRIGGER IF EXISTS [{name}]" for name, _ in old])
    run_statements(db, STATEMENTS)
    new = [*sealed.triggers(INVOICE), *sealed.triggers(CREDIT_NOTE)]
    run_statements(db, [sql for _, sql in new])
