"""Change requests: an ask on an engagement, what it would change, and what it costs.

A change request holds who asked, when and in what words; its effect (extra days a week for a
period, a one-off number of days, deliverables added, phases added or changed); a price from the
terms (`change_price`) or one set by hand; and a status: proposed, then accepted, declined or
withdrawn, each with its day. It is numbered per engagement (Change request 1, 2, ...). Every
refusal is one ValidationError raised before anything is written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from storage.file import rows
from storage.file.schema.change_requests import CHANGE_STATUSES
from storage.practice import commitments, engagements
from storage.practice.deliverables import Deliverable
from storage.practice.deliverables import validate as validate_deliverable
from storage.practice.engagements import Engagement
from storage.practice.phases import Phase
from storage.practice.phases import validate as validate_phase
from storage.rules import clock
from storage.rules import validation as v
from storage.rules.errors import NotFoundError, ValidationError
from storage.rules.money import MAX_MONEY_MINOR
from storage.rules.vocabulary import DAYS_PER_WEEK
from storage.scope import change_price
from storage.scope.change_price import Price

STATUSES = CHANGE_STATUSES
STATUS_LABELS = {
    "proposed": "Proposed",
    "accepted": "Accepted",
    "declined": "Declined",
    "withdrawn": "Withdrawn",
}
MAX_ROWS = 50
MAX_ONE_OFF_DAYS = 365.0


@dataclass(frozen=True)
class ChangeRequest:
    engagement_id: int
    title: str
    asked_on: dt.date
    request: str = ""  # the ask as the client put it
    asked_by: str = ""
    extra_days_per_week: float | None = None  # for the period from `period_from` to `period_to`
    period_from: dt.date | None = None
    period_to: dt.date | None = None
    one_off_days: float | None = None
    deliverables: tuple[Deliverable, ...] = ()  # added, each with its acceptance
    phases: tuple[Phase, ...] = ()  # added, or changed when named like an existing one
    price_minor: int = 0
    price_basis: str = ""  # how the price follows from the terms, in words
    price_override: bool = False  # the price was set by hand, not computed
    status: str = "proposed"
    status_on: dt.date | None = None
    evidence: str = ""  # the signal it was made from: weeks, entries and words
    bill_month: str | None = None  # once accepted: the month its own invoice line is in
    instalment_id: int | None = None  # once accepted on a fixed fee: the instalment it added
    number: int = 0
    id: int | None = None
    created_at: str = ""

    @property
    def label(self) -> str:
        return f"Change request {self.number}: {self.title}"

    @property
    def days(self) -> float:
        """The days the change adds: the extra days a week over the period, and the one-off."""
        return float(change_price.added_days(self))

    @property
    def has_effect(self) -> bool:
        return bool(
            self.extra_days_per_week or self.one_off_days or self.deliverables or self.phases
        )


def _effect_rows(items: Sequence[Any], check: Any, field: str, noun: str) -> list[dict[str, Any]]:
    if len(items) > MAX_ROWS:
        raise ValidationError(field, f"at most {MAX_ROWS} {field}")
    found = []
    for n, item in enumerate(items, start=1):
        try:
            row = check(dataclasses.replace(item, engagement_id=1))
        except ValidationError as error:
            raise ValidationError(field, f"{noun} {n}: {error.field} {error.message}") from None
        row.pop("engagement_id")
        found.append(row)
    return found


def _period(c: ChangeRequest) -> tuple[str | None, str | None]:
    start = v.iso_date("period_from", c.period_from, required=False)
    end = v.iso_date("period_to", c.period_to, required=False)
    if c.extra_days_per_week is None:
        if start or end:
            raise ValidationError("extra_days_per_week", "give the extra days a week")
        return None, None
    v.number_between("extra_days_per_week", c.extra_days_per_week, 0.5, DAYS_PER_WEEK[1])
    if start is None or end is None:
        raise ValidationError("period_from", "extra days a week need a period: from and to")
    if end < start:
        raise ValidationError("period_to", "must not be before the start of the period")
    return start, end


def validate(c: ChangeRequest) -> dict[str, Any]:
    """The row to store (without number, price and status), or ValidationError; a change with
    no effect is refused."""
    if not c.has_effect:
        raise ValidationError(
            "effect",
            "a change request needs an effect: extra days a week, one-off days, "
            "a deliverable or a phase",
        )
    start, end = _period(c)
    one_off = c.one_off_days
    if one_off is not None:
        one_off = v.number_between("one_off_days", one_off, 0.5, MAX_ONE_OFF_DAYS)
    return {
        "engagement_id": v.int_between("engagement_id", c.engagement_id, 1, 2**62),
        "title": v.line_text("title", c.title, required=True, max_len=300),
        "request": v.clean_text("request", c.request, max_len=20_000),
        "asked_by": v.line_text("asked_by", c.asked_by, max_len=300),
        "asked_on": v.iso_date("asked_on", c.asked_on),
        "extra_days_per_week": c.extra_days_per_week,
        "period_from": start,
        "period_to": end,
        "one_off_days": one_off,
        "deliverables": json.dumps(
            _effect_rows(c.deliverables, validate_deliverable, "deliverables", "Deliverable")
        ),
        "phases": json.dumps(_effect_rows(c.phases, validate_phase, "phases", "Phase")),
        "evidence": v.clean_text("evidence", c.evidence, max_len=20_000),
    }


def priced(db: Database, c: ChangeRequest, e: Engagement) -> Price:
    """The price from the terms, or the one set by hand when `price_override` is set."""
    if c.price_override:
        amount = v.int_between("price_minor", c.price_minor, 0, MAX_MONEY_MINOR)
        return Price(amount, c.price_basis.strip() or "agreed price, set by hand")
    return change_price.compute(c, e, commitments.of(db, e))


def add(db: Database, c: ChangeRequest) -> ChangeRequest:
    """Store a proposed change request with its price, numbered next on its engagement."""
    row = validate(c)
    with db.atomic():
        e = _engagement(db, row["engagement_id"])
        price = priced(db, c, e)
        row.update(
            number=_next_number(db, e.id or 0),
            price_minor=price.amount_minor,
            price_basis=price.basis,
            price_override=1 if c.price_override else 0,
            status="proposed",
            status_on=row["asked_on"],
            created_at=clock.now_iso(),
        )
        new_id = rows.insert(db, "change_request", row)
    return get(db, new_id)


def _engagement(db: Database, engagement_id: int) -> Engagement:
    try:
        return engagements.get(db, engagement_id)
    except NotFoundError:
        raise ValidationError("engagement_id", "choose an engagement that exists") from None


def _next_number(db: Database, engagement_id: int) -> int:
    sql = "SELECT coalesce(max(number), 0) FROM change_request WHERE engagement_id = ?"
    return rows.count(db, sql, [engagement_id]) + 1


def _date(text: object) -> dt.date | None:
    return dt.date.fromisoformat(str(text)) if text else None


def _from_row(row: dict[str, Any]) -> ChangeRequest:
    values = dict(row)
    for key in ("asked_on", "period_from", "period_to", "status_on"):
        values[key] = _date(values[key])
    eid = int(values["engagement_id"])
    values["deliverables"] = tuple(
        Deliverable(eid, **{**d, "due_on": _date(d.get("due_on"))})
        for d in _json_list(values["deliverables"])
    )
    values["phases"] = tuple(
        Phase(eid, **{**p, "starts_on": _date(p["starts_on"]), "ends_on": _date(p["ends_on"])})
        for p in _json_list(values["phases"])
    )
    values["price_override"] = bool(values["price_override"])
    return ChangeRequest(**values)


def _json_list(text: object) -> list[dict[str, Any]]:
    try:
        found = json.loads(str(text))
    except ValueError:
        return []
    return [x for x in found if isinstance(x, dict)] if isinstance(found, list) else []


def get(db: Database, change_id: int) -> ChangeRequest:
    found = list(db.query("SELECT * FROM change_request WHERE id = ?", [change_id]))
    if not found:
        raise NotFoundError("change request", change_id)
    return _from_row(found[0])


def list_for(db: Database, engagement_id: int) -> list[ChangeRequest]:
    """The engagement's change requests, by number."""
    sql = "SELECT * FROM change_request WHERE engagement_id = ? ORDER BY number"
    return [_from_row(r) for r in db.query(sql, [engagement_id])]


def list_all(db: Database, status: str | None = None) -> list[ChangeRequest]:
    where, params = (
        ("1", []) if status is None else ("status = ?", [v.one_of("status", status, STATUSES)])
    )
    sql = f"SELECT * FROM change_request WHERE {where} ORDER BY engagement_id, number"
    return [_from_row(r) for r in db.query(sql, params)]


def check_proposed(c: ChangeRequest) -> None:
    if c.status != "proposed":
        when = c.status_on.isoformat() if c.status_on else "an earlier day"
        raise ValidationError(
            "status", f"{c.label} was {c.status} on {when}: only a proposed one can change"
        )


def close(db: Database, change_id: int, status: str, on: dt.date | None = None) -> ChangeRequest:
    """Decline or withdraw a proposed change: the engagement stays exactly as it was, and the
    time marked out of scope stays marked."""
    chosen = v.one_of("status", status, ("declined", "withdrawn"))
    day = v.iso_date("status_on", on or clock.today())
    with db.atomic():
        c = get(db, change_id)
        check_proposed(c)
        rows.update(db, "change_request", change_id, {"status": chosen, "status_on": day})
    return get(db, change_id)


def as_json(c: ChangeRequest, currency: str) -> dict[str, Any]:
    """`changes list|show --format json`: one change request."""
    return {
        "id": c.id,
        "engagement_id": c.engagement_id,
        "number": c.number,
        "title": c.title,
        "request": c.request,
        "asked_by": c.asked_by,
        "asked_on": c.asked_on.isoformat(),
        "effect": {
            "extra_days_per_week": c.extra_days_per_week,
            "period_from": c.period_from.isoformat() if c.period_from else None,
            "period_to": c.period_to.isoformat() if c.period_to else None,
            "one_off_days": c.one_off_days,
            "days": round(c.days, 2),
            "deliverables": [_deliverable_json(d) for d in c.deliverables],
            "phases": [_phase_json(p) for p in c.phases],
        },
        "price_minor": c.price_minor,
        "currency": currency,
        "price_basis": c.price_basis,
        "price_override": c.price_override,
        "status": c.status,
        "status_on": c.status_on.isoformat() if c.status_on else None,
        "bill_month": c.bill_month,
        "evidence": c.evidence,
    }


def _deliverable_json(d: Deliverable) -> dict[str, Any]:
    due = d.due_on.isoformat() if d.due_on else None
    return {"title": d.title, "acceptance": d.acceptance, "due_on": due}


def _phase_json(p: Phase) -> dict[str, Any]:
    return {
        "name": p.name,
        "starts_on": p.starts_on.isoformat(),
        "ends_on": p.ends_on.isoformat(),
        "goals": p.goals,
    }
