"""A sent invoice is final in the file: the tenth schema step.

The ninth step's triggers kept a sent invoice's columns, but left three ways round them: a status
set back to draft (after which anything could change and the invoice be sent again), a REPLACE
that removes a sent invoice without firing a delete trigger (SQLite fires none unless
`recursive_triggers` is on), and a dropped trigger that nothing noticed. This step replaces them
with one set that holds under any statement:

- the status moves only the way the app moves it (draft -> sent -> paid, draft or sent -> void);
- a record that has left draft changes nothing but its status and the day of that move;
- an INSERT or UPDATE (with REPLACE or not) whose id or number is a final record's is refused
  before SQLite's conflict handling runs, for the record and for its lines, so nothing depends
  on delete triggers;
- a record leaves draft (or arrives final) only with the SHA-256 of its content recorded in
  `content_sha256`; `fractional-desk check` recomputes it and names a record that differs, and
  names each trigger that is missing or altered.

`Sealed` describes a record and its lines, and `triggers` writes the statements for any of them,
so another kind of final record (a credit note) is protected by its own step calling `triggers`
with its own `Sealed`. A released step is never edited: this module is the step's own copy of
the rules and of the content's canonical form.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storage.file.schema import run_statements

if TYPE_CHECKING:
    from sqlite_utils import Database

HASH_COLUMN = "content_sha256"
CONTENT_VERSION = 1


@dataclass(frozen=True)
class Sealed:
    """A record that is final once it leaves draft, and its lines."""

    table: str
    lines: str  # the lines' table
    parent: str  # the lines' column naming the record
    keys: tuple[str, ...]  # unique columns besides the id (a REPLACE on them removes a row)
    moves: tuple[tuple[str, str], ...]  # the status moves allowed
    dates: Mapping[str, str]  # status -> the column holding the day it was reached
    fixed: tuple[str, ...]  # every other column, the hash's included: never changed once final
    line_fixed: tuple[str, ...]
    line_links: tuple[str, ...]  # line columns a deleted record may set to NULL, and only that
    content: tuple[str, ...]  # what the hash covers, in the canonical text
    line_content: tuple[str, ...]
    refusal: str  # RAISE text for any change to a final record
    move_refusal: str
    unsealed_refusal: str
    draft: str = "draft"
    # line columns the hash covers only where a line has them (not NULL), so a record sealed
    # before they existed keeps its hash
    line_optional: tuple[str, ...] = ()


SENT_IS_FINAL = "an invoice once sent is never changed: void it and create a new one"
INVOICE = Sealed(
    table="invoice",
    lines="invoice_line",
    parent="invoice_id",
    keys=("number",),
    moves=(("draft", "sent"), ("draft", "void"), ("sent", "paid"), ("sent", "void")),
    dates={"sent": "sent_on", "paid": "paid_on", "void": "voided_on"},
    fixed=(
        "id", "number", "client_id", "month", "currency", "issued_on", "due_on", "tax_rate_bp",
        "tax_note", "subtotal_minor", "tax_minor", "total_minor", "seller", "buyer",
        "created_at", HASH_COLUMN,
    ),
    line_fixed=("id", "invoice_id", "position", "description", "quantity", "amount_minor"),
    line_links=("engagement_id",),
    content=(
        "number", "client_id", "month", "currency", "issued_on", "due_on", "tax_rate_bp",
        "tax_note", "subtotal_minor", "tax_minor", "total_minor", "seller", "buyer",
    ),
    line_content=("description", "quantity", "amount_minor"),
    refusal=SENT_IS_FINAL,
    move_refusal="an invoice moves only from draft to sent to paid, or to void: once sent it is "
    "never changed back",
    unsealed_refusal="an invoice is sent with the hash of its content recorded: mark it sent "
    "in Fractional Desk",
)  # fmt: skip

OLD_TRIGGERS = (
    "invoice_sent_is_final",
    "invoice_sent_is_kept",
    "invoice_line_sent_is_final",
    "invoice_line_sent_gets_none",
    "invoice_line_sent_is_kept",
)


# --- the content's canonical text and its hash -----------------------------------------------


def content_text(sealed: Sealed, row: Mapping[str, Any], lines: Sequence[Mapping[str, Any]]) -> str:
    """The record's content as one canonical JSON text: its content columns and its lines' (in
    the order given), keys sorted, no spaces, UTF-8 as is."""
    value = {
        "kind": sealed.table,
        "version": CONTENT_VERSION,
        **{column: row.get(column) for column in sealed.content},
        "lines": [_line_content(sealed, line) for line in lines],
    }
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _line_content(sealed: Sealed, line: Mapping[str, Any]) -> dict[str, Any]:
    found = {column: line.get(column) for column in sealed.line_content}
    found.update({c: line.get(c) for c in sealed.line_optional if line.get(c) is not None})
    return found


def content_sha256(
    sealed: Sealed, row: Mapping[str, Any], lines: Sequence[Mapping[str, Any]]
) -> str:
    import hashlib  # only where a seal is made or checked: opening a practice loads this module

    return hashlib.sha256(
        content_text(sealed, row, lines).encode("utf-8", "surrogatepass")
    ).hexdigest()


def stored_lines(db: Database, sealed: Sealed, record_id: object) -> list[dict[str, Any]]:
    """The record's lines as stored, in their order."""
    sql = f"SELECT * FROM [{sealed.lines}] WHERE [{sealed.parent}] = ? ORDER BY position, id"
    return list(db.query(sql, [record_id]))


def stored_sha256(db: Database, sealed: Sealed, row: Mapping[str, Any]) -> str:
    """The hash of a stored record's content (`row` as read) with its stored lines."""
    return content_sha256(sealed, row, stored_lines(db, sealed, row["id"]))


# --- the triggers ----------------------------------------------------------------------------


def _changed(columns: Sequence[str]) -> str:
    return "(" + " OR ".join(f"NEW.[{c}] IS NOT OLD.[{c}]" for c in columns) + ")"


def _raise(text: str) -> str:
    quoted = text.replace("'", "''")
    return f"BEGIN SELECT RAISE(ABORT, '{quoted}'); END"


def _no_hash(row: str) -> str:
    column = f"{row}.[{HASH_COLUMN}]"
    return f"coalesce(length({column}) <> 64 OR {column} GLOB '*[^0-9a-f]*', 1)"


def triggers(s: Sealed) -> list[tuple[str, str]]:
    """(name, CREATE TRIGGER statement) for every trigger that keeps `s` final."""
    t, lines, draft = s.table, s.lines, s.draft
    moves = ", ".join(f"'{a}>{b}'" for a, b in s.moves)
    dates = " OR ".join(
        f"(NEW.[{column}] IS NOT OLD.[{column}] "
        f"AND NOT (NEW.status IS '{status}' AND OLD.status IS NOT '{status}'))"
        for status, column in s.dates.items()
    )
    taken = " OR ".join(f"o.[{k}] = NEW.[{k}]" for k in ("id", *s.keys))
    final_taken = f"SELECT 1 FROM [{t}] AS o WHERE ({taken}) AND o.status IS NOT '{draft}'"

    def parent_final(row: str) -> str:
        status = f"(SELECT p.status FROM [{t}] AS p WHERE p.id = {row}.[{s.parent}])"
        return f"(coalesce({status}, '{draft}') IS NOT '{draft}')"

    final_line = (
        f"SELECT 1 FROM [{lines}] AS o JOIN [{t}] AS p ON p.id = o.[{s.parent}] "
        f"WHERE o.id = NEW.id AND p.status IS NOT '{draft}'"
    )
    links = " OR ".join(
        f"(NEW.[{c}] IS NOT OLD.[{c}] AND NEW.[{c}] IS NOT NULL)" for c in s.line_links
    )
    line_changed = f"({_changed(s.line_fixed)} OR {links})" if links else _changed(s.line_fixed)
    found = {
        # A NULL status becomes the default ('draft') under OR REPLACE: it is a move like another.
        f"{t}_moves_forward": f"""
        CREATE TRIGGER [{t}_moves_forward] BEFORE UPDATE ON [{t}]
        WHEN NEW.status IS NOT OLD.status
         AND coalesce(OLD.status, '') || '>' || coalesce(NEW.status, '') NOT IN ({moves})
        {_raise(s.move_refusal)}""",
        f"{t}_final_is_fixed": f"""
        CREATE TRIGGER [{t}_final_is_fixed] BEFORE UPDATE ON [{t}]
        WHEN OLD.status IS NOT '{draft}' AND ({_changed(s.fixed)} OR {dates})
        {_raise(s.refusal)}""",
        f"{t}_leaves_draft_sealed": f"""
        CREATE TRIGGER [{t}_leaves_draft_sealed] BEFORE UPDATE ON [{t}]
        WHEN OLD.status IS '{draft}' AND coalesce(NEW.status, '{draft}') IS NOT '{draft}'
         AND {_no_hash("NEW")}
        {_raise(s.unsealed_refusal)}""",
        f"{t}_update_spares_final": f"""
        CREATE TRIGGER [{t}_update_spares_final] BEFORE UPDATE ON [{t}]
        WHEN EXISTS ({final_taken} AND o.id IS NOT OLD.id)
        {_raise(s.refusal)}""",
        f"{t}_insert_spares_final": f"""
        CREATE TRIGGER [{t}_insert_spares_final] BEFORE INSERT ON [{t}]
        WHEN EXISTS ({final_taken})
        {_raise(s.refusal)}""",
        f"{t}_arrives_sealed": f"""
        CREATE TRIGGER [{t}_arrives_sealed] BEFORE INSERT ON [{t}]
        WHEN coalesce(NEW.status, '{draft}') IS NOT '{draft}' AND {_no_hash("NEW")}
        {_raise(s.unsealed_refusal)}""",
        f"{t}_final_is_kept": f"""
        CREATE TRIGGER [{t}_final_is_kept] BEFORE DELETE ON [{t}]
        WHEN OLD.status IS NOT '{draft}'
        {_raise(s.refusal)}""",
        f"{lines}_final_is_fixed": f"""
        CREATE TRIGGER [{lines}_final_is_fixed] BEFORE UPDATE ON [{lines}]
        WHEN ({parent_final("OLD")} OR {parent_final("NEW")}) AND {line_changed}
        {_raise(s.refusal)}""",
        f"{lines}_update_spares_final": f"""
        CREATE TRIGGER [{lines}_update_spares_final] BEFORE UPDATE ON [{lines}]
        WHEN NEW.id IS NOT OLD.id AND EXISTS ({final_line})
        {_raise(s.refusal)}""",
        f"{lines}_insert_spares_final": f"""
        CREATE TRIGGER [{lines}_insert_spares_final] BEFORE INSERT ON [{lines}]
        WHEN {parent_final("NEW")} OR EXISTS ({final_line})
        {_raise(s.refusal)}""",
        f"{lines}_final_is_kept": f"""
        CREATE TRIGGER [{lines}_final_is_kept] BEFORE DELETE ON [{lines}]
        WHEN {parent_final("OLD")}
        {_raise(s.refusal)}""",
    }
    return list(found.items())


def seal_existing(db: Database, s: Sealed) -> None:
    """Record the hash of every record already past draft, as it is stored now."""
    for row in list(db.query(f"SELECT * FROM [{s.table}] WHERE status IS NOT '{s.draft}'")):
        db.execute(
            f"UPDATE [{s.table}] SET [{HASH_COLUMN}] = ? WHERE id = ?",
            [stored_sha256(db, s, row), row["id"]],
        )


def m010_sealed_invoices(db: Database) -> None:
    run_statements(db, [f"DROP TRIGGER IF EXISTS [{name}]" for name in OLD_TRIGGERS])
    db.execute(
        f"ALTER TABLE invoice ADD COLUMN {HASH_COLUMN} TEXT CHECK ({HASH_COLUMN} IS NULL OR "
        f"(length({HASH_COLUMN}) = 64 AND NOT {HASH_COLUMN} GLOB '*[^0-9a-f]*'))"
    )
    seal_existing(db, INVOICE)
    run_statements(db, [sql for _, sql in triggers(INVOICE)])
