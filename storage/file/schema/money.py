"""Money a finance team accepts: the fourteenth schema step.

- A client's country, tax treatment and own VAT rate (empty or NULL: follow the country and
  the practice's default), so a French SAS with an EU VAT number is billed under reverse charge
  and a UK client at the consultant's rate.
- A retainer's included hours a month, its overage rate and how many unused hours roll into
  the next month (NULL and 0: none).
- Payments: each with its day and amount; an invoice is paid when they reach what it asks.
- Credit notes and their lines: their own numbered series, each referring to the invoice it
  cancels or corrects, and final once issued, by the same triggers and content hash as a sent
  invoice (`sealed.triggers(CREDIT_NOTE)`).

A released step is never edited: `CREDIT_NOTE` is this step's own copy of the rules.
"""

from __future__ import annotations

from sqlite_utils import Database

from storage.file.schema import run_statements
from storage.file.schema.sealed import HASH_COLUMN, Sealed, triggers

CREDIT_NOTE_IS_FINAL = "a credit note once issued is never changed: issue another one"
CREDIT_NOTE = Sealed(
    table="credit_note",
    lines="credit_note_line",
    parent="credit_note_id",
    keys=("number",),
    moves=(("draft", "issued"),),
    dates={"issued": "issued_on"},
    fixed=(
        "id", "number", "invoice_id", "client_id", "currency", "issued_on", "reason",
        "tax_rate_bp", "subtotal_minor", "tax_minor", "total_minor", "seller", "buyer",
        "created_at", HASH_COLUMN,
    ),
    line_fixed=("id", "credit_note_id", "position", "invoice_line_id", "description",
                "amount_minor"),
    line_links=(),
    content=(
        "number", "invoice_id", "client_id", "currency", "issued_on", "reason", "tax_rate_bp",
        "subtotal_minor", "tax_minor", "total_minor", "seller", "buyer",
    ),
    line_content=("invoice_line_id", "description", "amount_minor"),
    refusal=CREDIT_NOTE_IS_FINAL,
    move_refusal="a credit note moves only from draft to issued: once issued it stays",
    unsealed_refusal="a credit note is issued with the hash of its content recorded: issue it "
    "in Fractional Desk",
)  # fmt: skip

_DATE = "CHECK ({col} IS NULL OR date({col}) IS {col})"
TAX_KINDS = ("", "domestic", "reverse_charge", "outside_scope", "not_registered")


def _date(col: str) -> str:
    return _DATE.format(col=col)


STATEMENTS = [
    "ALTER TABLE client ADD COLUMN country TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE client ADD COLUMN tax_treatment TEXT NOT NULL DEFAULT '' CHECK (tax_treatment IN "
    f"({', '.join(repr(k) for k in TAX_KINDS)}))",
    "ALTER TABLE client ADD COLUMN tax_rate_bp INTEGER "
    "CHECK (tax_rate_bp IS NULL OR tax_rate_bp BETWEEN 0 AND 10000)",
    "ALTER TABLE engagement ADD COLUMN included_minutes INTEGER "
    "CHECK (included_minutes IS NULL OR included_minutes BETWEEN 0 AND 44640)",
    "ALTER TABLE engagement ADD COLUMN overage_rate_minor INTEGER "
    "CHECK (overage_rate_minor IS NULL OR overage_rate_minor >= 0)",
    "ALTER TABLE engagement ADD COLUMN rollover_minutes INTEGER NOT NULL DEFAULT 0 "
    "CHECK (rollover_minutes BETWEEN 0 AND 44640)",
    f"""
    CREATE TABLE payment (
        id            INTEGER PRIMARY KEY,
        invoice_id    INTEGER NOT NULL REFERENCES invoice(id) ON DELETE RESTRICT,
        paid_on       TEXT NOT NULL {_date("paid_on")},
        amount_minor  INTEGER NOT NULL CHECK (amount_minor > 0),
        note          TEXT NOT NULL DEFAULT '',
        created_at    TEXT NOT NULL DEFAULT ''
    )
    """,
    "CREATE INDEX payment_invoice ON payment(invoice_id, paid_on)",
    f"""
    CREATE TABLE credit_note (
        id             INTEGER PRIMARY KEY,
        number         TEXT NOT NULL UNIQUE CHECK (length(trim(number)) > 0),
        invoice_id     INTEGER NOT NULL REFERENCES invoice(id) ON DELETE RESTRICT,
        client_id      INTEGER NOT NULL REFERENCES client(id) ON DELETE RESTRICT,
        currency       TEXT NOT NULL CHECK (length(currency) = 3),
        status         TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued')),
        issued_on      TEXT {_date("issued_on")},
        reason         TEXT NOT NULL DEFAULT '',
        tax_rate_bp    INTEGER NOT NULL DEFAULT 0 CHECK (tax_rate_bp BETWEEN 0 AND 10000),
        subtotal_minor INTEGER NOT NULL CHECK (subtotal_minor > 0),
        tax_minor      INTEGER NOT NULL CHECK (tax_minor >= 0),
        total_minor    INTEGER NOT NULL,
        seller         TEXT NOT NULL DEFAULT '{{}}',
        buyer          TEXT NOT NULL DEFAULT '{{}}',
        created_at     TEXT NOT NULL,
        {HASH_COLUMN}  TEXT CHECK ({HASH_COLUMN} IS NULL OR
                       (length({HASH_COLUMN}) = 64 AND NOT {HASH_COLUMN} GLOB '*[^0-9a-f]*')),
        CHECK (total_minor = subtotal_minor + tax_minor)
    )
    """,
    "CREATE INDEX credit_note_invoice ON credit_note(invoice_id)",
    """
    CREATE TABLE credit_note_line (
        id              INTEGER PRIMARY KEY,
        credit_note_id  INTEGER NOT NULL REFERENCES credit_note(id) ON DELETE CASCADE,
        position        INTEGER NOT NULL DEFAULT 0,
        invoice_line_id INTEGER REFERENCES invoice_line(id) ON DELETE RESTRICT,
        description     TEXT NOT NULL CHECK (length(trim(description)) > 0),
        amount_minor    INTEGER NOT NULL CHECK (amount_minor > 0)
    )
    """,
    "CREATE INDEX credit_note_line_note ON credit_note_line(credit_note_id, position)",
]


def m015_money(db: Database) -> None:
    run_statements(db, STATEMENTS)
    run_statements(db, [sql for _, sql in triggers(CREDIT_NOTE)])
