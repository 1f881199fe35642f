"""Contract terms, month-end money and the handoff's records: the ninth schema step.

- The client's legal details (legal name, address, tax id, signatory) for the scope of work and
  the invoice.
- An engagement's terms (payment terms, invoicing cadence, expenses, notice, minimum term, a rate
  for heavy periods, confidentiality, IP, conflict-of-interest disclosures). An empty text or a
  NULL number means "the consultant's standard from Preferences" or "to be agreed".
- Deliverables (each with an acceptance criterion and a due date) and phases; the lines of the
  old free-text `deliverables` column become deliverable rows, one a line, and the column goes.
- Fixed-fee instalments, invoices and their lines, scope-of-work versions.
- The handoff's risks, recommendations (with a 30/60/90-day horizon for the successor's
  roadmap) and access inventory (names only, never secrets).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.file.schema import run_statements

if TYPE_CHECKING:
    from sqlite_utils import Database

_DATE = "CHECK ({col} IS NULL OR date({col}) IS {col})"
_NOT_BLANK = "CHECK (length(trim({col})) > 0)"


def _date(col: str) -> str:
    return _DATE.format(col=col)


def _not_blank(col: str) -> str:
    return _NOT_BLANK.format(col=col)


INVOICE_STATUSES = ("draft", "sent", "paid", "void")
SENT_IS_FINAL = "an invoice once sent is never changed: void it and create a new one"
INVOICE_FIXED = (
    "id", "number", "client_id", "month", "currency", "issued_on", "due_on", "tax_rate_bp",
    "tax_note", "subtotal_minor", "tax_minor", "total_minor", "seller", "buyer", "created_at",
)  # fmt: skip
LINE_FIXED = ("id", "invoice_id", "position", "description", "quantity", "amount_minor")
_STATUS_OF = "(SELECT status FROM invoice WHERE id = {row}.invoice_id)"


def _changed(columns: tuple[str, ...]) -> str:
    return "(" + " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in columns) + ")"


CLIENT_COLUMNS = ("legal_name", "address", "tax_id", "signatory_name", "signatory_title")

STATEMENTS = [
    *(f"ALTER TABLE client ADD COLUMN {col} TEXT NOT NULL DEFAULT ''" for col in CLIENT_COLUMNS),
    """ALTER TABLE engagement ADD COLUMN payment_terms_days INTEGER
       CHECK (payment_terms_days IS NULL OR payment_terms_days BETWEEN 0 AND 365)""",
    """ALTER TABLE engagement ADD COLUMN invoicing_cadence TEXT NOT NULL DEFAULT ''
       CHECK (invoicing_cadence IN ('', 'monthly_in_advance', 'monthly_in_arrears',
                                    'per_instalment'))""",
    "ALTER TABLE engagement ADD COLUMN expenses_policy TEXT NOT NULL DEFAULT ''",
    """ALTER TABLE engagement ADD COLUMN notice_days INTEGER
       CHECK (notice_days IS NULL OR notice_days BETWEEN 0 AND 365)""",
    """ALTER TABLE engagement ADD COLUMN minimum_term_months INTEGER
       CHECK (minimum_term_months IS NULL OR minimum_term_months BETWEEN 0 AND 60)""",
    """ALTER TABLE engagement ADD COLUMN heavy_rate_minor INTEGER
       CHECK (heavy_rate_minor IS NULL OR heavy_rate_minor >= 0)""",
    "ALTER TABLE engagement ADD COLUMN confidentiality TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE engagement ADD COLUMN ip_terms TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE engagement ADD COLUMN disclosures TEXT NOT NULL DEFAULT ''",
    f"""
    CREATE TABLE deliverable (
        id            INTEGER PRIMARY KEY,
        engagement_id INTEGER NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
        position      INTEGER NOT NULL DEFAULT 0,
        title         TEXT NOT NULL {_not_blank("title")},
        acceptance    TEXT NOT NULL DEFAULT '',
        due_on        TEXT {_date("due_on")},
        created_at    TEXT NOT NULL DEFAULT ''
    )
    """,
    "CREATE INDEX deliverable_engagement ON deliverable(engagement_id, position)",
    f"""
    CREATE TABLE phase (
        id            INTEGER PRIMARY KEY,
        engagement_id INTEGER NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
        position      INTEGER NOT NULL DEFAULT 0,
        name          TEXT NOT NULL {_not_blank("name")},
        starts_on     TEXT NOT NULL {_date("starts_on")},
        ends_on       TEXT NOT NULL {_date("ends_on")},
        goals         TEXT NOT NULL DEFAULT '',
        created_at    TEXT NOT NULL DEFAULT '',
        CHECK (ends_on >= starts_on)
    )
    """,
    "CREATE INDEX phase_engagement ON phase(engagement_id, position)",
    f"""
    CREATE TABLE instalment (
        id            INTEGER PRIMARY KEY,
        engagement_id INTEGER NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
        due_on        TEXT NOT NULL {_date("due_on")},
        amount_minor  INTEGER NOT NULL CHECK (amount_minor > 0),
        label         TEXT NOT NULL DEFAULT ''
    )
    """,
    "CREATE INDEX instalment_due ON instalment(due_on, engagement_id)",
    "CREATE INDEX instalment_engagement ON instalment(engagement_id, due_on)",
    # An invoice keeps the seller's and the buyer's details as they were when it was issued
    # (JSON snapshots), so a later change to Preferences or the client never rewrites it.
    f"""
    CREATE TABLE invoice (
        id             INTEGER PRIMARY KEY,
        number         TEXT NOT NULL UNIQUE {_not_blank("number")},
        client_id      INTEGER NOT NULL REFERENCES client(id) ON DELETE RESTRICT,
        month          TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
        currency       TEXT NOT NULL CHECK (length(currency) = 3),
        issued_on      TEXT NOT NULL {_date("issued_on")},
        due_on         TEXT NOT NULL {_date("due_on")},
        status         TEXT NOT NULL DEFAULT 'draft'
                       CHECK (status IN ('draft', 'sent', 'paid', 'void')),
        sent_on        TEXT {_date("sent_on")},
        paid_on        TEXT {_date("paid_on")},
        voided_on      TEXT {_date("voided_on")},
        tax_rate_bp    INTEGER NOT NULL DEFAULT 0 CHECK (tax_rate_bp BETWEEN 0 AND 10000),
        tax_note       TEXT NOT NULL DEFAULT '',
        subtotal_minor INTEGER NOT NULL,
        tax_minor      INTEGER NOT NULL CHECK (tax_minor >= 0),
        total_minor    INTEGER NOT NULL,
        seller         TEXT NOT NULL DEFAULT '{{}}',
        buyer          TEXT NOT NULL DEFAULT '{{}}',
        created_at     TEXT NOT NULL,
        CHECK (due_on >= issued_on),
        CHECK (total_minor = subtotal_minor + tax_minor)
    )
    """,
    "CREATE INDEX invoice_client_month ON invoice(client_id, month)",
    "CREATE INDEX invoice_status ON invoice(status, due_on)",
    f"""
    CREATE TABLE invoice_line (
        id            INTEGER PRIMARY KEY,
        invoice_id    INTEGER NOT NULL REFERENCES invoice(id) ON DELETE CASCADE,
        position      INTEGER NOT NULL DEFAULT 0,
        engagement_id INTEGER REFERENCES engagement(id) ON DELETE SET NULL,
        description   TEXT NOT NULL {_not_blank("description")},
        quantity      TEXT NOT NULL DEFAULT '',
        amount_minor  INTEGER NOT NULL
    )
    """,
    "CREATE INDEX invoice_line_invoice ON invoice_line(invoice_id, position)",
    # An invoice once sent is never changed, whoever writes to the file: only its status and the
    # day of each move change; a void one never changes again; its lines stay as sent (their
    # link to a deleted engagement may go). Storage refuses first, in plain words; these hold
    # against any other tool.
    f"""
    CREATE TRIGGER invoice_sent_is_final BEFORE UPDATE ON invoice
    WHEN OLD.status <> 'draft' AND (OLD.status = 'void' OR {_changed(INVOICE_FIXED)})
    BEGIN SELECT RAISE(ABORT, '{SENT_IS_FINAL}'); END
    """,
    f"""
    CREATE TRIGGER invoice_sent_is_kept BEFORE DELETE ON invoice WHEN OLD.status <> 'draft'
    BEGIN SELECT RAISE(ABORT, '{SENT_IS_FINAL}'); END
    """,
    f"""
    CREATE TRIGGER invoice_line_sent_is_final BEFORE UPDATE ON invoice_line
    WHEN ({_STATUS_OF.format(row="OLD")} <> 'draft' OR {_STATUS_OF.format(row="NEW")} <> 'draft')
         AND {_changed(LINE_FIXED)}
    BEGIN SELECT RAISE(ABORT, '{SENT_IS_FINAL}'); END
    """,
    # A practice restore writes an invoice after its lines (`practice_json.LAST`), so this holds
    # for every insert but the ones that rebuild a whole practice.
    f"""
    CREATE TRIGGER invoice_line_sent_gets_none BEFORE INSERT ON invoice_line
    WHEN {_STATUS_OF.format(row="NEW")} <> 'draft'
    BEGIN SELECT RAISE(ABORT, '{SENT_IS_FINAL}'); END
    """,
    f"""
    CREATE TRIGGER invoice_line_sent_is_kept BEFORE DELETE ON invoice_line
    WHEN {_STATUS_OF.format(row="OLD")} <> 'draft'
    BEGIN SELECT RAISE(ABORT, '{SENT_IS_FINAL}'); END
    """,
    "CREATE INDEX invoice_line_engagement ON invoice_line(engagement_id)",
    """
    CREATE TABLE document_version (
        id            INTEGER PRIMARY KEY,
        engagement_id INTEGER NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
        kind          TEXT NOT NULL CHECK (kind IN ('sow')),
        version       INTEGER NOT NULL CHECK (version >= 1),
        created_at    TEXT NOT NULL,
        path          TEXT NOT NULL DEFAULT '',
        snapshot      TEXT NOT NULL DEFAULT '{}',
        UNIQUE (engagement_id, kind, version)
    )
    """,
    f"""
    CREATE TABLE risk (
        id            INTEGER PRIMARY KEY,
        engagement_id INTEGER NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
        position      INTEGER NOT NULL DEFAULT 0,
        risk          TEXT NOT NULL {_not_blank("risk")},
        likelihood    TEXT NOT NULL DEFAULT 'medium' CHECK (likelihood IN ('low', 'medium', 'high')),
        impact        TEXT NOT NULL DEFAULT 'medium' CHECK (impact IN ('low', 'medium', 'high')),
        mitigation    TEXT NOT NULL DEFAULT '',
        owner         TEXT NOT NULL DEFAULT '',
        created_at    TEXT NOT NULL DEFAULT ''
    )
    """,
    "CREATE INDEX risk_engagement ON risk(engagement_id, position)",
    f"""
    CREATE TABLE recommendation (
        id            INTEGER PRIMARY KEY,
        engagement_id INTEGER NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
        position      INTEGER NOT NULL DEFAULT 0,
        text          TEXT NOT NULL {_not_blank("text")},
        horizon_days  INTEGER CHECK (horizon_days IS NULL OR horizon_days IN (30, 60, 90)),
        created_at    TEXT NOT NULL DEFAULT ''
    )
    """,
    "CREATE INDEX recommendation_engagement ON recommendation(engagement_id, position)",
    f"""
    CREATE TABLE access_item (
        id             INTEGER PRIMARY KEY,
        engagement_id  INTEGER NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
        position       INTEGER NOT NULL DEFAULT 0,
        system         TEXT NOT NULL {_not_blank("system")},
        access         TEXT NOT NULL DEFAULT '',
        holder         TEXT NOT NULL DEFAULT '',
        transferred_to TEXT NOT NULL DEFAULT '',
        done           INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
        created_at    TEXT NOT NULL DEFAULT ''
    )
    """,
    "CREATE INDEX access_item_engagement ON access_item(engagement_id, position)",
]


def deliverable_titles(text: str) -> list[str]:
    """The deliverables one a line of the old free text, without list marks or blank lines."""
    titles = []
    for line in (text or "").splitlines():
        title = line.strip().lstrip("-*•·").strip()
        if title:
            titles.append(title)
    return titles


def m009_terms_and_month_end(db: Database) -> None:
    run_statements(db, STATEMENTS)
    found = db.execute("SELECT id, deliverables FROM engagement ORDER BY id").fetchall()
    for engagement_id, text in found:
        for position, title in enumerate(deliverable_titles(str(text or ""))):
            db.execute(
                "INSERT INTO deliverable (engagement_id, position, title) VALUES (?, ?, ?)",
                [engagement_id, position, title],
            )
    db.execute("ALTER TABLE engagement DROP COLUMN deliverables")
