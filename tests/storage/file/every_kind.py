"""Records of every kind the app inserts, made through the storage APIs: what the tests of ids per
device run on each copy of a practice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlite_utils import Database

from storage.billing import credit_notes, instalments, invoices, payments
from storage.billing.instalments import Instalment
from storage.decisions import records as decisions
from storage.exit_plan import (
    access_items,
    milestones,
    readiness,
    readiness_snapshots,
    recommendations,
    responsibilities,
    risks,
)
from storage.practice import clients, deliverables, document_versions, engagements, phases
from storage.practice.engagements import Engagement
from storage.rules.weeks import week_of
from storage.scope import change_requests
from storage.scope.change_requests import ChangeRequest
from storage.time import time_entries
from storage.time.time_entries import TimeEntry
from storage.transfer.import_map import ImportMap
from storage.transfer.import_time import import_file
from storage.updates import draft_for, sent

START = dt.date(2026, 1, 5)
ISSUED = dt.date(2026, 4, 2)
FRIDAY = dt.date(2026, 3, 13)
IMPORTS = Path(__file__).parents[2] / "fixtures" / "imports"

# Tables `add_every_kind` writes at least one row to (besides the import's).
KINDS = (
    "client", "engagement", "commitment_period", "time_entry", "decision",
    "decision_status_change", "milestone", "risk", "recommendation", "responsibility",
    "access_item", "phase", "deliverable", "instalment", "invoice", "invoice_line",
    "credit_note", "credit_note_line", "payment", "change_request", "sent_update",
    "document_version", "readiness_snapshot",
)  # fmt: skip
IMPORTED = ("time_import", "time_import_row")


def add_every_kind(db: Database, tag: str, i: int) -> dict[str, int]:
    """One record of each kind (two engagements and an invoice with two lines for a new client);
    `tag` and `i` keep names unique. The ids made, by kind."""
    client = clients.add(db, clients.Client(f"Client {tag} {i}", status="active")).id or 0
    hourly = engagements.add(db, Engagement(
        client, "CTO hours", START, status="active", billing_model="hourly", fee_minor=12_000,
        currency="EUR", days_per_week=1,
    )).id or 0  # fmt: skip
    daily = engagements.add(db, Engagement(
        client, "Advisory days", START, status="active", billing_model="daily",
        fee_minor=80_000, currency="EUR", days_per_week=1,
    )).id or 0  # fmt: skip
    day = dt.date(2026, 3, 1 + i % 28)
    entry = time_entries.add(db, TimeEntry(hourly, day, "strategy", 10)).id or 0
    time_entries.add(db, TimeEntry(daily, day, "team", 10))
    decision = decisions.add(db, decisions.Decision(hourly, f"Choose {tag} {i}", day)).id or 0
    milestone = milestones.add(db, milestones.Milestone(hourly, f"Hand over {i}")).id or 0
    risks.add(db, risks.Risk(hourly, f"Risk {i}"))
    recommendations.add(db, recommendations.Recommendation(hourly, f"Hire {i}", 30))
    responsibilities.add(db, responsibilities.Responsibility(hourly, f"On-call {i}", "Mei"))
    access_items.add(db, access_items.AccessItem(hourly, f"AWS {i}", "admin"))
    phases.replace_for(db, hourly, [phases.Phase(hourly, "Audit", START, START + dt.timedelta(13))])
    deliverables.replace_for(db, hourly, [deliverables.Deliverable(hourly, f"Roadmap {i}")])
    instalments.replace_for(db, daily, [Instalment(0, dt.date(2027, 1, 1), 1_000, "Later")])
    readiness_snapshots.record(db, readiness.review(db, hourly), on=day)
    made = invoices.create_for_month(db, client, "2026-03", ISSUED)
    invoice = invoices.mark(db, made.number, "sent", ISSUED)
    daily_line = next(line.id for line in invoice.lines if line.engagement_id == daily)
    note = credit_notes.issue(db, invoice.number, [daily_line or 0], ISSUED)
    payments.record(db, invoice.number, 100, ISSUED)
    change = change_requests.add(db, ChangeRequest(
        daily, "Hiring loop", day, "Can you run the interviews?", "CEO",
        extra_days_per_week=1.0, period_from=dt.date(2026, 5, 4), period_to=dt.date(2026, 5, 24),
    )).id or 0  # fmt: skip
    sent.keep(db, draft_for(db, hourly, week_of(FRIDAY)), f"Update {i}", FRIDAY)
    number = document_versions.next_number(db, hourly, "sow")
    document_versions.record(db, hourly, "sow", "", {}, number=number, on=day)
    return {
        "client": client, "engagement": hourly, "time_entry": entry, "decision": decision,
        "milestone": milestone, "invoice": invoice.id or 0, "credit_note": note.id or 0,
        "change_request": change,
    }  # fmt: skip


def import_toggl(db: Database, data_dir: Path, engagement_id: int) -> int:
    """Import the Toggl fixture into `engagement_id`; the import's id."""
    mapping = ImportMap({"Acme Robotics / Fractional CTO": engagement_id}, {}, "team")
    _plan, import_id = import_file(db, data_dir, IMPORTS / "toggl-detailed.csv", mapping)
    return import_id


def integer_id_tables(db: Database) -> list[str]:
    """The tables whose rows the allocator names (INTEGER PRIMARY KEY id), device-local ones and
    SQLite's and the search index's left out."""
    found = []
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        if name.startswith(("sqlite_", "_sqlite", "decision_fts", "sync_")):
            continue
        info = db.execute(f"PRAGMA table_info([{name}])").fetchall()
        if any(c[1] == "id" and c[5] == 1 and c[2].upper() == "INTEGER" for c in info):
            found.append(name)
    return sorted(found)
