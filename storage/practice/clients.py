"""Client records: who the consultant works for, and whether a fractional engagement fits."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from storage.file import rows
from storage.practice import tax_details
from storage.rules import validation as v
from storage.rules.clock import now_iso
from storage.rules.errors import NotFoundError, ValidationError
from storage.rules.vocabulary import CLIENT_STATUSES as STATUSES

FIT_QUESTIONS = {
    "fit_critical": "Getting the technology wrong costs customers or money",
    "fit_engineers_not_strategic": "Senior engineers are strong but not the ones to set strategy",
    "fit_not_ready_full_time": "Not ready for a full-time CTO (budget, stage or no candidate)",
    "fit_decisions_blocking": "Decisions are blocking the team; a wrong one costs more than help",
}


@dataclass(frozen=True)
class Client:
    name: str
    contact_name: str = ""
    email: str = ""
    role: str = ""
    notes: str = ""
    status: str = "prospect"
    fit_critical: bool = False
    fit_engineers_not_strategic: bool = False
    fit_not_ready_full_time: bool = False
    fit_decisions_blocking: bool = False
    archived: bool = False
    status_by_hand: bool = False  # False: the status follows the engagements
    # The legal details a scope of work and an invoice print (the parties, the signatory).
    legal_name: str = ""
    address: str = ""
    tax_id: str = ""
    signatory_name: str = ""
    signatory_title: str = ""
    # How its invoices are taxed: the country (ISO 3166 alpha-2, "GB", "FR"), a treatment chosen
    # by hand ("" follows the country and the VAT number) and a rate of its own (None: the
    # practice's default). `storage.billing.tax` reads them.
    country: str = ""
    tax_treatment: str = ""
    tax_rate_bp: int | None = None
    id: int | None = None
    created_at: str = ""

    @property
    def fit_score(self) -> int:
        return sum(bool(getattr(self, key)) for key in FIT_QUESTIONS)

    @property
    def fit_verdict(self) -> str:
        return fit_verdict(self.fit_score)


@dataclass(frozen=True)
class DeleteImpact:
    """What deleting a client takes with it, said before asking."""

    engagements: int
    time_entries: int
    decisions: int
    milestones: int
    invoices: int = 0  # a client with invoices is never deleted: the books keep them

    @property
    def refusal(self) -> str:
        """Why the client cannot be deleted, or "" when it can."""
        if not self.invoices:
            return ""
        return (
            f"It has {_plural(self.invoices, 'invoice')}, and invoices are kept for the books, "
            "so the client cannot be deleted. Archive it instead to hide it."
        )

    def describe(self) -> str:
        parts = [
            _plural(self.engagements, "engagement"),
            _plural(self.time_entries, "time entry", "time entries"),
            _plural(self.decisions, "decision"),
            _plural(self.milestones, "milestone"),
        ]
        return ", ".join(parts)


def fit_verdict(score: int) -> str:
    """The domain's rule: 0-1 not a fit, 2 advisory calls, 3-4 a fractional engagement."""
    if score <= 1:
        return "Not a fit: they do not need a fractional CTO"
    if score == 2:
        return "Occasional advisory calls are enough"
    return "A fractional engagement is strongly indicated"


def status_from_engagements(statuses: list[str]) -> str | None:
    """The client's status its engagements give: active while one is under way (active or
    exiting), former once all have ended, a prospect while one is only proposed; None with no
    engagement (the status stays as it is)."""
    if not statuses:
        return None
    if any(s in ("active", "exiting") for s in statuses):
        return "active"
    return "former" if all(s == "ended" for s in statuses) else "prospect"


def follow_engagements(db: Database, client_id: int) -> None:
    """Set the client's status from its engagements, unless the user set it by hand. Called
    inside every engagement write's transaction."""
    row = db.execute(
        "SELECT status, status_by_hand FROM client WHERE id = ?", [client_id]
    ).fetchone()
    if row is None or row[1]:
        return
    found = db.execute("SELECT status FROM engagement WHERE client_id = ?", [client_id]).fetchall()
    status = status_from_engagements([str(s) for (s,) in found])
    if status is not None and status != row[0]:
        db.execute("UPDATE client SET status = ? WHERE id = ?", [status, client_id])


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def validate(client: Client) -> dict[str, Any]:
    """The row to store, or ValidationError naming the first bad field."""
    row: dict[str, Any] = {
        "name": v.line_text("name", client.name, required=True, max_len=200),
        "contact_name": v.line_text("contact_name", client.contact_name, max_len=200),
        "email": v.email("email", client.email),
        "role": v.line_text("role", client.role, max_len=200),
        "notes": v.note_text("notes", client.notes),
        "status": v.one_of("status", client.status, STATUSES),
        "legal_name": v.line_text("legal_name", client.legal_name, max_len=300),
        "address": v.clean_text("address", client.address, max_len=1000),
        "tax_id": v.line_text("tax_id", client.tax_id, max_len=100),
        "signatory_name": v.line_text("signatory_name", client.signatory_name, max_len=200),
        "signatory_title": v.line_text("signatory_title", client.signatory_title, max_len=200),
        **tax_details.validate(
            client.country, client.tax_id, client.tax_treatment, client.tax_rate_bp
        ),
    }
    for key in (*FIT_QUESTIONS, "archived", "status_by_hand"):
        value = getattr(client, key)
        if not isinstance(value, bool | int) or value not in (0, 1):
            raise ValidationError(key, "must be yes or no")
        row[key] = int(value)
    return row


def _from_row(row: dict[str, Any]) -> Client:
    values = dict(row)
    for key in (*FIT_QUESTIONS, "archived", "status_by_hand"):
        values[key] = bool(values[key])
    return Client(**values)


def _check_unique_name(db: Database, name: str, own_id: int | None) -> None:
    row = db.execute(
        "SELECT id FROM client WHERE name = ? COLLATE NOCASE AND id IS NOT ?", [name, own_id]
    ).fetchone()
    if row:
        raise ValidationError("name", f"a client called “{name}” already exists")


def add(db: Database, client: Client) -> Client:
    row = validate(client)
    row["created_at"] = now_iso()
    with db.atomic():  # the name is checked under the write lock: two adds at once cannot both pass
        _check_unique_name(db, row["name"], None)
        new_id = rows.insert(db, "client", row)
    return get(db, new_id)


def restore(db: Database, client: Client) -> Client:
    """Put back a deleted client under its old id (undo of a delete)."""
    row = validate(client)
    row.update(id=client.id, created_at=client.created_at or now_iso())
    with db.atomic():
        _check_unique_name(db, row["name"], client.id)
        rows.insert(db, "client", row)
    return get(db, int(client.id or 0))


def update(db: Database, client: Client) -> Client:
    if client.id is None:
        raise ValueError("update needs a stored client")
    row = validate(client)
    with db.atomic():
        get(db, client.id)
        _check_unique_name(db, row["name"], client.id)
        rows.update(db, "client", client.id, row)
        follow_engagements(db, client.id)
    return get(db, client.id)


def get(db: Database, client_id: int) -> Client:
    rows = list(db.query("SELECT * FROM client WHERE id = ?", [client_id]))
    if not rows:
        raise NotFoundError("client", client_id)
    return _from_row(rows[0])


def list_all(db: Database, *, include_archived: bool = True) -> list[Client]:
    where = "" if include_archived else "WHERE archived = 0"
    return [_from_row(r) for r in db.query(f"SELECT * FROM client {where} ORDER BY name")]


def delete_impact(db: Database, client_id: int) -> DeleteImpact:
    row = db.execute(
        """
        SELECT
          (SELECT count(*) FROM engagement e WHERE e.client_id = :c),
          (SELECT count(*) FROM time_entry t JOIN engagement e ON e.id = t.engagement_id
            WHERE e.client_id = :c),
          (SELECT count(*) FROM decision d JOIN engagement e ON e.id = d.engagement_id
            WHERE e.client_id = :c),
          (SELECT count(*) FROM milestone m JOIN engagement e ON e.id = m.engagement_id
            WHERE e.client_id = :c),
          (SELECT count(*) FROM invoice i WHERE i.client_id = :c)
        """,
        {"c": client_id},
    ).fetchone()
    return DeleteImpact(*row)


def delete(db: Database, client_id: int) -> None:
    """Delete the client and (through foreign keys) everything recorded for it; refused while
    it has invoices (they are kept for the books)."""
    client = get(db, client_id)
    with db.atomic():
        found = db.execute(
            "SELECT number FROM invoice WHERE client_id = ? ORDER BY id", [client_id]
        ).fetchall()
        if found:
            numbers = ", ".join(str(row[0]) for row in found[:3])
            more = f" and {len(found) - 3} more" if len(found) > 3 else ""
            raise ValidationError(
                "client",
                f"{client.name} has invoice {numbers}{more}: invoices are kept for the books, "
                "so the client cannot be deleted (archive it instead)",
            )
        db.execute("DELETE FROM client WHERE id = ?", [client_id])


def with_changes(client: Client, **changes: Any) -> Client:
    """A copy with `changes`; `status=""` means "follow the engagements" again, any other
    status sets it by hand."""
    if "status" in changes:
        chosen = changes.pop("status") or ""
        changes["status_by_hand"] = bool(chosen)
        changes["status"] = chosen or client.status
    return dataclasses.replace(client, **changes)


def short_names(names: Iterable[str]) -> dict[str, str]:
    """Each client name's short form, for numbers listed across clients ("Acme D-012"): its
    first word, or as many first words as it takes to tell it from the other names."""
    unique = sorted(set(names))
    found = {}
    for name in unique:
        words = name.split() or [name]
        count = 1
        while count < len(words) and any(
            other != name and other.split()[:count] == words[:count] for other in unique
        ):
            count += 1
        found[name] = " ".join(words[:count])
    return found
