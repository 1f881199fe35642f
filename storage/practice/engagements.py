"""Engagement records: the written scope, the commitment, the split, the fees and the exit date."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

from storage.file import rows
from storage.practice import commitments
from storage.practice import deliverables as deliverable_rows
from storage.practice.deliverables import Deliverable
from storage.rules import validation as v
from storage.rules.clock import now_iso, today
from storage.rules.errors import BrokenRecordError, NotFoundError, ValidationError
from storage.rules.record import Record
from storage.rules.vocabulary import (
    BILLING_MODELS,
    BUCKETS,
    DAYS_PER_WEEK,
    HOURS_PER_DAY,
    INVOICING_CADENCES,
    MAX_MONEY_MINOR,
    ROLES,
    RUNNING_STATUSES,
)
from storage.rules.vocabulary import ENGAGEMENT_STATUSES as STATUSES

if TYPE_CHECKING:
    from sqlite_utils import Database

    from storage.practice.phases import Phase

DEFAULT_OUT_OF_SCOPE = (
    "- Writing production features as a member of the team (that is engineering work, "
    "not technical leadership)\n"
    "- Project management (if the team needs a project manager, we will help hire one)\n"
    "- Selling or placing vendors from whom the consultant profits\n"
    "- A permanent role: the engagement is designed to end with the team not needing it"
)


@dataclass(frozen=True, eq=False, repr=False)  # == and repr: `Record`'s
class Engagement(Record):
    """One engagement as stored: its scope, commitment, split, fees, terms and clauses."""

    client_id: int
    title: str
    start_date: dt.date
    role: str = "fractional_cto"
    planned_end_date: dt.date | None = None
    days_per_week: float = 2.0
    hours_per_day: float = 8.0
    split_strategy: int = 50
    split_team: int = 30
    split_leadership: int = 20
    billing_model: str = "monthly_retainer"
    fee_minor: int = 0
    currency: str = "USD"
    objectives: str = ""
    out_of_scope: str = DEFAULT_OUT_OF_SCOPE
    assumptions: str = ""
    status: str = "proposed"
    ended_on: dt.date | None = None
    id: int | None = None
    created_at: str = ""
    next_decision_number: int = 1
    # Terms. None or "" means to be agreed, or the consultant's standard from Preferences
    # (payment terms, confidentiality, IP).
    payment_terms_days: int | None = None
    invoicing_cadence: str = ""
    expenses_policy: str = ""
    notice_days: int | None = None
    minimum_term_months: int | None = None
    heavy_rate_minor: int | None = None  # a day rate for days beyond the commitment
    confidentiality: str = ""
    ip_terms: str = ""
    disclosures: str = ""  # conflict of interest: what the consultant has declared
    # Clauses: "" prints the consultant's standard from Preferences.
    governing_law: str = ""
    liability_text: str = ""
    data_protection_text: str = ""
    insurance_text: str = ""
    status_text: str = ""
    non_solicitation_text: str = ""
    entire_agreement_text: str = ""
    personal_data: bool = False  # the consultant processes personal data for the client
    data_categories: str = ""  # the processing annex: categories of data and of people
    sub_processors: str = ""  # the processing annex: e.g. the AI providers used
    # A retainer as consultants sell it: hours included a month (None: the commitment's, with
    # no overage billed), a rate an hour beyond them, and up to how many unused minutes roll
    # into the next month (0: none).
    included_minutes: int | None = None
    overage_rate_minor: int | None = None
    rollover_minutes: int = 0
    client_name: str = ""  # read-only, joined from client

    @property
    def committed_minutes_per_week(self) -> int:
        return round(commitments.weekly_minutes(self.days_per_week, self.hours_per_day))

    @property
    def target_split(self) -> dict[str, int]:
        return {
            "strategy": self.split_strategy,
            "team": self.split_team,
            "leadership": self.split_leadership,
        }

    @property
    def label(self) -> str:
        return f"{self.client_name} · {self.title}" if self.client_name else self.title


MONTH_MINUTES = 31 * 24 * 60  # the most a retainer can include or roll over in a month


def validate(e: Engagement) -> dict[str, Any]:
    """The row to store, or ValidationError naming the first bad field."""
    row: dict[str, Any] = {
        "client_id": v.int_between("client_id", e.client_id, 1, 2**62),
        "title": v.line_text("title", e.title, required=True, max_len=300),
        "role": v.one_of("role", e.role, ROLES),
        "start_date": v.iso_date("start_date", e.start_date),
        "planned_end_date": v.iso_date("planned_end_date", e.planned_end_date, required=False),
        "days_per_week": v.number_between("days_per_week", e.days_per_week, *DAYS_PER_WEEK),
        "hours_per_day": v.number_between("hours_per_day", e.hours_per_day, *HOURS_PER_DAY),
        "billing_model": v.one_of("billing_model", e.billing_model, BILLING_MODELS),
        "fee_minor": v.int_between("fee_minor", e.fee_minor, 0, MAX_MONEY_MINOR),
        "currency": v.currency("currency", e.currency),
        "objectives": v.clean_text("objectives", e.objectives),
        "out_of_scope": v.clean_text("out_of_scope", e.out_of_scope),
        "assumptions": v.clean_text("assumptions", e.assumptions),
        "status": v.one_of("status", e.status, STATUSES),
        "ended_on": v.iso_date("ended_on", e.ended_on, required=False),
        "payment_terms_days": _optional_int("payment_terms_days", e.payment_terms_days, 365),
        "invoicing_cadence": v.one_of("invoicing_cadence", e.invoicing_cadence, INVOICING_CADENCES),
        "expenses_policy": v.clean_text("expenses_policy", e.expenses_policy, max_len=10_000),
        "notice_days": _optional_int("notice_days", e.notice_days, 365),
        "minimum_term_months": _optional_int("minimum_term_months", e.minimum_term_months, 60),
        "heavy_rate_minor": _optional_int("heavy_rate_minor", e.heavy_rate_minor, MAX_MONEY_MINOR),
        "confidentiality": v.clean_text("confidentiality", e.confidentiality, max_len=50_000),
        "ip_terms": v.clean_text("ip_terms", e.ip_terms, max_len=50_000),
        "disclosures": v.clean_text("disclosures", e.disclosures, max_len=10_000),
        "governing_law": v.line_text("governing_law", e.governing_law, max_len=200),
        "personal_data": v.int_between("personal_data", _flag(e.personal_data), 0, 1),
        "data_categories": v.clean_text("data_categories", e.data_categories, max_len=10_000),
        "sub_processors": v.clean_text("sub_processors", e.sub_processors, max_len=10_000),
        "included_minutes": _optional_int("included_minutes", e.included_minutes, MONTH_MINUTES),
        "overage_rate_minor": _optional_int(
            "overage_rate_minor", e.overage_rate_minor, MAX_MONEY_MINOR
        ),
        "rollover_minutes": v.int_between("rollover_minutes", e.rollover_minutes, 0, MONTH_MINUTES),
    }
    for name in CLAUSE_TEXTS:
        row[name] = v.clean_text(name, getattr(e, name), max_len=50_000)
    for bucket in BUCKETS:
        key = f"split_{bucket}"
        row[key] = v.int_between(key, getattr(e, key), 0, 100)
    total = row["split_strategy"] + row["split_team"] + row["split_leadership"]
    if total != 100:
        raise ValidationError(
            "split_strategy", f"the target split must add up to 100% (it is {total}%)"
        )
    end = row["planned_end_date"]
    if end is not None and end < row["start_date"]:
        raise ValidationError("planned_end_date", "must not be before the start date")
    return row


CLAUSE_TEXTS = (
    "liability_text", "data_protection_text", "insurance_text", "status_text",
    "non_solicitation_text", "entire_agreement_text",
)  # fmt: skip


def _flag(value: object) -> object:
    """A yes/no as the 0 or 1 stored (anything else is left for the range check to refuse)."""
    return int(value) if isinstance(value, bool) else value


def _optional_int(field: str, value: object, high: int) -> int | None:
    """A whole number from 0 to `high`, or None for "to be agreed"."""
    return None if value is None else v.int_between(field, value, 0, high)


def _from_row(row: dict[str, Any]) -> Engagement:
    values = dict(row)
    for key in ("start_date", "planned_end_date", "ended_on"):
        values[key] = dt.date.fromisoformat(values[key]) if values[key] else None
    values["personal_data"] = bool(values.get("personal_data"))
    return Engagement(**values)


_SELECT = "SELECT e.*, c.name AS client_name FROM engagement e JOIN client c ON c.id = e.client_id"


def _check_client(db: Database, client_id: int) -> None:
    if not db.execute("SELECT 1 FROM client WHERE id = ?", [client_id]).fetchone():
        raise ValidationError("client_id", "choose a client that exists")


def add(db: Database, engagement: Engagement) -> Engagement:
    row = validate(engagement)
    row["created_at"] = now_iso()
    with db.atomic():
        _check_client(db, row["client_id"])
        new_id = rows.insert(db, "engagement", row)
        commitments.write_period(db, commitments.own_period(_from_row({**row, "id": new_id})))
        _clients().follow_engagements(db, row["client_id"])
    return get(db, new_id)


def update(db: Database, engagement: Engagement) -> Engagement:
    if engagement.id is None:
        raise ValueError("update needs a stored engagement")
    row = validate(engagement)
    with db.atomic():
        _check_client(db, row["client_id"])
        before = get(db, engagement.id)
        rows.update(db, "engagement", engagement.id, row)
        commitments.sync_first(db, _from_row({**row, "id": engagement.id}))
        for client_id in {before.client_id, row["client_id"]}:
            _clients().follow_engagements(db, client_id)
    return get(db, engagement.id)


def save(
    db: Database,
    engagement: Engagement,
    later: Sequence[commitments.CommitmentPeriod] = (),
    *,
    deliverables: Sequence[Deliverable] | None = None,
    phases: Sequence[Phase] | None = None,
) -> Engagement:
    """Add or update an engagement with the commitment periods added to it and, when given,
    exactly these deliverables and phases, in one transaction. Every row is checked before
    anything is written; None leaves the stored rows as they are."""
    validate(engagement)
    check_rows(engagement.id, deliverables, phases)
    with db.atomic():
        saved = add(db, engagement) if engagement.id is None else update(db, engagement)
        for period in later:
            commitments.add(db, saved, period.starts_on, period.days_per_week, period.hours_per_day)
        _replace_rows(db, saved.id or 0, deliverables, phases)
    return get(db, saved.id or 0)


def check_rows(
    engagement_id: int | None,
    deliverables: Sequence[Deliverable] | None,
    phases: Sequence[Phase] | None,
) -> None:
    """ValidationError naming the first bad deliverable or phase by its place and name, on the
    field `deliverables` or `phases` (the editor shows it beside that table)."""
    own = engagement_id or 1  # a new engagement has no id yet; the rows get it when written
    if deliverables is not None:
        _check_count("deliverables", len(deliverables), deliverable_rows.MAX_PER_ENGAGEMENT)
        for number, d in enumerate(deliverables, start=1):
            item = dataclasses.replace(d, engagement_id=own)
            _check_row(
                "deliverables", f"Deliverable {number}", d.title, deliverable_rows.validate, item
            )
    if phases is not None:
        _check_count("phases", len(phases), _phases().MAX_PER_ENGAGEMENT)
        for number, p in enumerate(phases, start=1):
            phase = dataclasses.replace(p, engagement_id=own)
            _check_row("phases", f"Phase {number}", p.name, _phases().validate, phase)


ROW_FIELD_WORDS = {
    "title": "its title",
    "name": "its name",
    "acceptance": "its acceptance criterion",
    "due_on": "its due date",
    "starts_on": "its start",
    "ends_on": "its end",
    "goals": "its goals",
}


def _check_count(field: str, count: int, limit: int) -> None:
    if count > limit:
        raise ValidationError(field, f"at most {limit} {field}")


def _check_row(
    field: str, where: str, name: object, check: Callable[[Any], object], item: Any
) -> None:
    try:
        check(item)
    except ValidationError as error:
        shown = name.strip()[:60] if isinstance(name, str) else ""
        words = ROW_FIELD_WORDS.get(error.field, error.field.replace("_", " "))
        place = f"{where} (“{shown}”)" if shown else where
        raise ValidationError(field, f"{place}: {words} {error.message}") from None


def _replace_rows(
    db: Database,
    engagement_id: int,
    found_deliverables: Sequence[Deliverable] | None,
    found_phases: Sequence[Phase] | None,
) -> None:
    if found_deliverables is not None:
        deliverable_rows.replace_for(db, engagement_id, found_deliverables)
    if found_phases is not None:
        _phases().replace_for(db, engagement_id, found_phases)


@dataclass(frozen=True, eq=False, repr=False)  # == and repr: `Record`'s
class SavedState(Record):
    """An engagement with everything saved with it: what the undo of an edit puts back."""

    engagement: Engagement
    history: Sequence[commitments.CommitmentPeriod]
    deliverables: Sequence[Deliverable] = ()
    phases: Sequence[Phase] = ()


def saved_state(db: Database, engagement: Engagement) -> SavedState:
    """The stored engagement's periods, deliverables and phases as they are now."""
    engagement_id = engagement.id or 0
    return SavedState(
        engagement,
        commitments.of(db, engagement),
        deliverable_rows.list_for(db, engagement_id),
        _phases().list_for(db, engagement_id),
    )


def update_with_history(
    db: Database,
    engagement: Engagement,
    history: Sequence[commitments.CommitmentPeriod],
    *,
    deliverables: Sequence[Deliverable] | None = None,
    phases: Sequence[Phase] | None = None,
) -> Engagement:
    """An engagement as it was with exactly its periods then (an undo or a redo of an edit),
    and its deliverables and phases when given."""
    validate(engagement)
    check_rows(engagement.id, deliverables, phases)
    with db.atomic():
        db.execute("DELETE FROM commitment_period WHERE engagement_id = ?", [engagement.id])
        saved = update(db, engagement)
        for period in history[1:]:
            commitments.write_period(db, dataclasses.replace(period, engagement_id=saved.id or 0))
        _replace_rows(db, saved.id or 0, deliverables, phases)
    return get(db, saved.id or 0)


def restore_state(db: Database, state: SavedState) -> Engagement:
    """Put an engagement back as `state` holds it, in one transaction."""
    return update_with_history(
        db,
        state.engagement,
        state.history,
        deliverables=state.deliverables,
        phases=state.phases,
    )


def get(db: Database, engagement_id: int) -> Engagement:
    rows = list(db.query(f"{_SELECT} WHERE e.id = ?", [engagement_id]))
    if not rows:
        raise NotFoundError("engagement", engagement_id)
    if _broken(db, f"id = {int(engagement_id)}"):
        raise BrokenRecordError("engagement", engagement_id)
    return _from_row(rows[0])


def list_all(db: Database, *, client_id: int | None = None) -> list[Engagement]:
    """Every engagement, by client; one whose stored row breaks a rule (a start date
    `garbage` written by another tool) is left out with a warning in the log."""
    where = "1" if client_id is None else f"client_id = {int(client_id)}"
    broken = _broken(db, where)
    if client_id is None:
        rows = db.query(f"{_SELECT} ORDER BY c.name, e.start_date, e.id")
    else:
        rows = db.query(f"{_SELECT} WHERE e.client_id = ? ORDER BY e.start_date, e.id", [client_id])
    return [_from_row(r) for r in rows if r["id"] not in broken]


def _broken(db: Database, where: str) -> set[int]:
    from storage.file import domain_rules  # the rules name this module's choices

    return set(domain_rules.warn_left_out(db, "engagement", where, [], limit=None))


def delete(db: Database, engagement_id: int) -> None:
    client_id = get(db, engagement_id).client_id
    with db.atomic():
        db.execute("DELETE FROM engagement WHERE id = ?", [engagement_id])
        _clients().follow_engagements(db, client_id)


def with_changes(engagement: Engagement, **changes: Any) -> Engagement:
    return dataclasses.replace(engagement, **changes)


def new_for_client(client_id: int) -> Engagement:
    """Sensible defaults for a new engagement: starts today, ends in a year (the defined exit)."""
    start = today()
    return Engagement(
        client_id=client_id,
        title="Fractional CTO",
        start_date=start,
        planned_end_date=start + dt.timedelta(days=365),
        status="proposed",
    )


def new_with_profile(db: Database, client_id: int) -> Engagement:
    """The defaults of `new_for_client` in the consultant's currency and working day, and at
    their day rate when Preferences set one."""
    from storage.practice import settings  # the profile's record: only a new engagement needs it

    profile = settings.load_profile(db)
    new = with_changes(
        new_for_client(client_id),
        currency=profile.default_currency,
        hours_per_day=profile.default_hours_per_day,
    )
    if profile.default_rate_minor:
        new = with_changes(new, billing_model="daily", fee_minor=profile.default_rate_minor)
    return new


def is_running(engagement: Engagement) -> bool:
    """Under way (active or exiting): shown on the timesheet and offered to the timer."""
    return engagement.status in RUNNING_STATUSES


def ended_by(engagement: Engagement) -> dt.date | None:
    """The day an ended engagement stopped; None while it has not ended. The one place the
    rule "an ended engagement stops on `ended_on`" is written (an ended one without the date
    stops at its start)."""
    if engagement.status != "ended":
        return None
    return engagement.ended_on or engagement.start_date - dt.timedelta(days=1)


def is_open_on(engagement: Engagement, day: dt.date) -> bool:
    """Whether time can be logged on `day`: not before the start, and an ended engagement
    only up to the day it ended."""
    ended = ended_by(engagement)
    return engagement.start_date <= day and (ended is None or day <= ended)


def running_on(db: Database, day: dt.date) -> list[Engagement]:
    """Engagements under way that take time on `day`: what the timer offers."""
    return [e for e in list_all(db) if is_running(e) and is_open_on(e, day)]


def is_open_between(engagement: Engagement, first: dt.date, last: dt.date) -> bool:
    """Whether time can be logged on any day from `first` to `last` (a week)."""
    if engagement.start_date > last:
        return False
    return is_open_on(engagement, max(first, engagement.start_date))


def _clients() -> ModuleType:
    """The clients' rows, loaded by the writes that update a client's status: reading
    engagements (their client's name comes with them) does not pay for them."""
    from storage.practice import clients

    return clients


def _phases() -> ModuleType:
    """The phases' rows, loaded by the code that reads or writes them: a week's report, which
    reads engagements only, does not pay for them."""
    from storage.practice import phases

    return phases
