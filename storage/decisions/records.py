"""Decision records: the log the client keeps, numbered D-001… per engagement.

Numbers come from `engagement.next_decision_number`, taken and advanced in the same transaction
as the insert, so a number is never given twice, not even after a delete.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storage.file import rows
from storage.file.schema.decisions import CATEGORIES, STATUSES
from storage.rules import clock
from storage.rules import validation as v
from storage.rules.clock import now_iso
from storage.rules.errors import NotFoundError, ValidationError
from storage.rules.money import MAX_MONEY_MINOR

if TYPE_CHECKING:
    import logging

    from sqlite_utils import Database

CATEGORY_LABELS = {
    "architecture": "Architecture",
    "build_vs_buy": "Build vs buy",
    "vendor": "Vendor",
    "model_provider": "Model or provider",
    "data_privacy": "Data and privacy",
    "hiring_team": "Hiring and team",
    "process": "Process",
    "cost": "Cost",
    "other": "Other",
}
STATUS_LABELS = {s: s.capitalize() for s in STATUSES}
REVERSIBILITY_LABELS = {"two_way": "Two-way door (easy to reverse)", "one_way": "One-way door"}
OPEN_STATUSES = ("proposed", "accepted")  # the ones that still need a review
MAX_OPTIONS = 50
MAX_SHORT = 300
UNREADABLE_OPTIONS = "Options as stored (not readable as a list)"


UNKNOWN_DAY = dt.date(1, 1, 1)  # what `decided_on` holds when the record gave no date


@dataclass(frozen=True)
class DecisionOption:
    name: str
    pros: str = ""
    cons: str = ""
    description: str = ""  # the text about the option that is neither a pro nor a con


@dataclass(frozen=True)
class Decision:
    engagement_id: int
    title: str
    decided_on: dt.date
    category: str = "other"
    status: str = "proposed"
    context: str = ""
    drivers: str = ""
    options: tuple[DecisionOption, ...] = ()
    outcome: str = ""  # the chosen option and why
    consequences: str = ""
    owner: str = ""  # the client-side owner
    consulted: str = ""
    reversibility: str = "two_way"
    cost_if_wrong_minor: int | None = None  # in the engagement's currency
    review_by: dt.date | None = None
    links: str = ""
    number: int = 0  # assigned by `add`
    supersedes_id: int | None = None
    superseded_by_id: int | None = None
    id: int | None = None
    created_at: str = ""
    # kept from the Markdown file it was imported from (storage/file/schema/decision_sources.py)
    status_text: str = ""
    kept_text: str = ""
    source_file: str = ""
    source_print: str = ""
    source_form: str = ""
    date_unknown: bool = False
    ask: bool = False  # the consultant needs the client's answer: the weekly update's asks

    @property
    def number_label(self) -> str:
        return number_label(self.number)

    @property
    def date_label(self) -> str:
        """The date as shown: "date unknown" when the record gave none."""
        return "date unknown" if self.date_unknown else self.decided_on.isoformat()


@dataclass(frozen=True)
class StatusChange:
    status: str
    changed_on: dt.date


def number_label(number: int) -> str:
    """`D-001`: three digits at least, so labels sort as text in documents."""
    return f"D-{number:03d}"


def with_changes(decision: Decision, **changes: Any) -> Decision:
    return dataclasses.replace(decision, **changes)


def validate(d: Decision) -> dict[str, Any]:
    """The row to store (without number and links), or ValidationError naming the bad field."""
    return {
        "engagement_id": v.int_between("engagement_id", d.engagement_id, 1, 2**62),
        "title": v.line_text("title", d.title, required=True, max_len=MAX_SHORT),
        "decided_on": _decided_on(d),
        "category": v.one_of("category", d.category, CATEGORIES),
        "status": v.one_of("status", d.status, STATUSES),
        "context": v.clean_text("context", d.context),
        "drivers": v.clean_text("drivers", d.drivers),
        **options_columns(d.options),
        "outcome": v.clean_text("outcome", d.outcome),
        "consequences": v.clean_text("consequences", d.consequences),
        "owner": v.line_text("owner", d.owner, max_len=200),
        "consulted": v.line_text("consulted", d.consulted, max_len=2000),
        "reversibility": v.one_of("reversibility", d.reversibility, REVERSIBILITY_LABELS),
        "cost_if_wrong_minor": _cost(d.cost_if_wrong_minor),
        "review_by": _review_by(d),
        "links": v.clean_text("links", d.links),
        **source_columns(d),
        "ask": int(v.flag("ask", d.ask)),
    }


def source_columns(d: Decision) -> dict[str, Any]:
    """What the decision keeps of the file it was imported from."""
    return {
        "status_text": v.clean_text("status_text", d.status_text),
        "kept_text": v.clean_text("kept_text", d.kept_text),
        "source_file": v.line_text("source_file", d.source_file, max_len=MAX_SHORT),
        "source_print": v.line_text("source_print", d.source_print, max_len=100),
        "source_form": v.clean_text("source_form", d.source_form),
        "date_unknown": 1 if d.date_unknown else 0,
    }


def _decided_on(d: Decision) -> str | None:
    """The day stored; a record without a date holds `UNKNOWN_DAY`, never an invented one."""
    if d.date_unknown:
        return UNKNOWN_DAY.isoformat()
    return v.iso_date("decided_on", d.decided_on)


def _cost(value: object) -> int | None:
    if value is None:
        return None
    return v.int_between("cost_if_wrong_minor", value, 0, MAX_MONEY_MINOR)


def _review_by(d: Decision) -> str | None:
    review = v.iso_date("review_by", d.review_by, required=False)
    decided = d.decided_on.isoformat() if isinstance(d.decided_on, dt.date) else str(d.decided_on)
    if review is not None and review < decided:
        raise ValidationError("review_by", "must not be before the decision date")
    return review


def options_columns(options: object) -> dict[str, str]:
    """Both stored forms of the options from one validation, so they can never disagree: `options`
    (JSON, read back into records) and `options_text` (plain text, what the search index reads)."""
    valid = _valid_options(options)
    return {"options": options_json(valid), "options_text": options_text(valid)}


def _valid_options(options: object) -> tuple[DecisionOption, ...]:
    """The options as stored (names stripped), or ValidationError."""
    if isinstance(options, str | bytes) or not isinstance(options, Iterable):
        raise ValidationError("options", "must be a list of options")
    items = list(options)
    if len(items) > MAX_OPTIONS:
        raise ValidationError("options", f"at most {MAX_OPTIONS} options")
    valid = []
    for index, option in enumerate(items, start=1):
        if not isinstance(option, DecisionOption):
            raise ValidationError("options", f"option {index} is not an option")
        name = v.line_text("options", option.name, max_len=MAX_SHORT)
        if not name:
            raise ValidationError("options", f"option {index} needs a name")
        pros = v.clean_text("options", option.pros)
        cons = v.clean_text("options", option.cons)
        about = v.clean_text("options", option.description)
        valid.append(DecisionOption(name, pros, cons, about))
    return tuple(valid)


def options_json(options: Iterable[DecisionOption]) -> str:
    """Validated options as stored: a JSON list of {"name", "pros", "cons"}, non-ASCII kept as is."""
    stored = [
        {"name": o.name, "pros": o.pros, "cons": o.cons}
        | ({"description": o.description} if o.description else {})
        for o in options
    ]
    return json.dumps(stored, ensure_ascii=False)


def options_text(options: Iterable[DecisionOption]) -> str:
    """The options as the search index reads them: each name, pros and cons on lines of their own,
    the person's line breaks kept. Indexing the JSON instead glued the `n` of an escaped line
    break to the next word and matched the keys "name", "pros" and "cons" in every decision."""
    parts = ((o.name, o.description, o.pros, o.cons) for o in options)
    return "\n".join(part for four in parts for part in four if part.strip())


def parse_options(text: str) -> tuple[DecisionOption, ...]:
    """The stored options JSON as records; raises ValueError or TypeError when it is not."""
    return tuple(
        DecisionOption(
            str(o.get("name", "")),
            str(o.get("pros", "")),
            str(o.get("cons", "")),
            str(o.get("description", "")),
        )
        for o in json.loads(text or "[]")
    )


def read_options(text: str) -> tuple[DecisionOption, ...]:
    """The stored options; text that is not a JSON list (written by another tool) is kept,
    whole, as the pros of one option, with a warning in the log, so nothing is lost or hidden."""
    try:
        return parse_options(text)
    except (ValueError, TypeError, AttributeError):
        _log().warning("decision options are not a JSON list of options; shown as stored")
        return (DecisionOption(UNREADABLE_OPTIONS, pros=str(text)),)


_FIELDS = tuple(f.name for f in dataclasses.fields(Decision))
_COLUMNS = ", ".join(_FIELDS)  # in the order of the fields, for `from_values`
COLUMNS_OF_D = ", ".join(f"d.{name}" for name in _FIELDS)  # the same, of the alias `d`
_DECIDED_ON, _OPTIONS, _REVIEW_BY, _ID, _DATE_UNKNOWN, _ASK = (
    _FIELDS.index(n) for n in ("decided_on", "options", "review_by", "id", "date_unknown", "ask")
)


def from_values(values: Sequence[Any]) -> Decision:
    """The record of a row of `read_rows` (or of `SELECT _COLUMNS`)."""
    row = list(values)
    row[_DECIDED_ON] = dt.date.fromisoformat(row[_DECIDED_ON])
    row[_REVIEW_BY] = dt.date.fromisoformat(row[_REVIEW_BY]) if row[_REVIEW_BY] else None
    row[_OPTIONS] = read_options(row[_OPTIONS])
    row[_DATE_UNKNOWN] = bool(row[_DATE_UNKNOWN])
    row[_ASK] = bool(row[_ASK])
    return Decision(*row)


def _take_number(db: Database, engagement_id: int) -> int:
    row = db.execute(
        "SELECT next_decision_number FROM engagement WHERE id = ?", [engagement_id]
    ).fetchone()
    if row is None:
        raise ValidationError("engagement_id", "choose an engagement that exists")
    db.execute(
        "UPDATE engagement SET next_decision_number = next_decision_number + 1 WHERE id = ?",
        [engagement_id],
    )
    return int(row[0])


def record_status(db: Database, decision_id: int, status: str, on: dt.date | None = None) -> None:
    """Append to the status history (the caller holds the transaction)."""
    rows.insert(
        db,
        "decision_status_change",
        {
            "decision_id": decision_id,
            "status": status,
            "changed_on": (on or clock.today()).isoformat(),
        },
    )


def add(db: Database, decision: Decision) -> Decision:
    """Store a new decision under the engagement's next number; its first status is history."""
    row = validate(decision)
    with db.atomic():
        row["number"] = _take_number(db, row["engagement_id"])
        row["created_at"] = now_iso()
        new_id = rows.insert(db, "decision", row)
        record_status(db, new_id, row["status"])
    return get(db, new_id)


def update(db: Database, decision: Decision) -> Decision:
    """Save the fields a person edits; number, engagement and supersede links stay as stored."""
    if decision.id is None:
        raise ValueError("update needs a stored decision")
    row = validate(decision)
    stored = get(db, decision.id)
    if row["engagement_id"] != stored.engagement_id:
        raise ValidationError("engagement_id", "a decision cannot move to another engagement")
    if stored.superseded_by_id is not None and row["status"] != "superseded":
        later = get(db, stored.superseded_by_id).number_label
        raise ValidationError("status", f"stays superseded: {later} replaced it")
    if row["status"] != stored.status:
        row["status_text"] = ""  # the file's words were for the status it had
    if row["decided_on"] != stored.decided_on.isoformat():
        row["date_unknown"] = 0  # a date was given
    with db.atomic():
        rows.update(db, "decision", decision.id, row)
        if row["status"] != stored.status:
            record_status(db, decision.id, row["status"])
    return get(db, decision.id)


def move(
    db: Database, decision_id: int, engagement_id: int, *, number: int | None = None
) -> Decision:
    """Move a decision logged under the wrong engagement to another of the same client. It takes
    that engagement's next number (or `number`, when an undo gives its old one back)."""
    stored = get(db, decision_id)
    if engagement_id == stored.engagement_id:
        return stored
    if stored.supersedes_id is not None or stored.superseded_by_id is not None:
        raise ValidationError("engagement_id", "a decision in a supersede chain stays with it")
    with db.atomic():
        owners = db.execute(
            "SELECT count(DISTINCT client_id), count(*) FROM engagement WHERE id IN (?, ?)",
            [stored.engagement_id, engagement_id],
        ).fetchone()
        if tuple(owners) != (1, 2):
            raise ValidationError(
                "engagement_id", "a decision moves only to another engagement of its client"
            )
        new_number = number if number is not None else _take_number(db, engagement_id)
        db.execute(
            "UPDATE decision SET engagement_id = ?, number = ? WHERE id = ?",
            [engagement_id, new_number, decision_id],
        )
    return get(db, decision_id)


def get(db: Database, decision_id: int) -> Decision:
    found = db.execute(f"SELECT {_COLUMNS} FROM decision WHERE id = ?", [decision_id]).fetchone()
    if found is None:
        raise NotFoundError("decision", decision_id)
    return from_values(found)


def get_many(db: Database, ids: Sequence[int]) -> list[Decision]:
    """The decisions with these ids, in the order given (missing ones are skipped)."""
    found = read_rows(db, ids)
    return [from_values(found[i]) for i in ids if i in found]


def read_rows(db: Database, ids: Sequence[int]) -> dict[int, Sequence[Any]]:
    """The stored rows of these decisions by id, not yet records (`from_values`): a list reads a
    page of rows at once, and makes records only of the rows it shows."""
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    rows = db.execute(f"SELECT {_COLUMNS} FROM decision WHERE id IN ({marks})", list(ids))
    return {int(row[_ID]): row for row in rows}


def status_history(db: Database, decision_id: int) -> list[StatusChange]:
    return [
        StatusChange(r["status"], dt.date.fromisoformat(r["changed_on"]))
        for r in db.query(
            "SELECT status, changed_on FROM decision_status_change WHERE decision_id = ? "
            "ORDER BY changed_on, id",
            [decision_id],
        )
    ]


def delete(db: Database, decision_id: int) -> None:
    """Delete it; the decisions it was linked to keep their status, the links are cleared."""
    get(db, decision_id)
    with db.atomic():
        db.execute("DELETE FROM decision WHERE id = ?", [decision_id])


def restore(db: Database, decision: Decision, history: Sequence[StatusChange] = ()) -> Decision:
    """Put back a deleted decision under its old id and number, with its history and links."""
    if decision.id is None:
        raise ValueError("restore needs the deleted decision's id")
    row = validate(decision)
    links = {
        "supersedes_id": _existing(db, decision.supersedes_id),
        "superseded_by_id": _existing(db, decision.superseded_by_id),
    }
    row.update(id=decision.id, number=decision.number, created_at=decision.created_at or now_iso())
    with db.atomic():
        rows.insert(db, "decision", {**row, **links})
        for change in history or [StatusChange(row["status"], clock.today())]:
            record_status(db, decision.id, change.status, change.changed_on)
        _relink(db, decision.id, links)
    return get(db, decision.id)


def _existing(db: Database, decision_id: int | None) -> int | None:
    if decision_id is None:
        return None
    found = db.execute("SELECT 1 FROM decision WHERE id = ?", [decision_id]).fetchone()
    return decision_id if found else None


def _relink(db: Database, decision_id: int, links: dict[str, int | None]) -> None:
    if links["supersedes_id"] is not None:
        db.execute(
            "UPDATE decision SET superseded_by_id = ? WHERE id = ?",
            [decision_id, links["supersedes_id"]],
        )
    if links["superseded_by_id"] is not None:
        db.execute(
            "UPDATE decision SET supersedes_id = ? WHERE id = ?",
            [decision_id, links["superseded_by_id"]],
        )


# Review: what the Decisions tab highlights and the exit-readiness review counts.

STALE_PROPOSED_DAYS = 30
FLAG_LABELS = {
    "overdue": "Review overdue",
    "no_owner": "Accepted without an owner",
    "stale": f"Proposed more than {STALE_PROPOSED_DAYS} days ago",
}
FLAG_SQL = {
    "overdue": "(d.status IN ('proposed', 'accepted') AND d.review_by < :today)",
    "no_owner": "(d.status = 'accepted' AND d.owner = '')",
    "stale": "(d.status = 'proposed' AND d.date_unknown = 0 AND d.decided_on < :stale_before)",
}


@dataclass(frozen=True)
class ReviewFlags:
    """Each list is ordered by number; a decision may be in more than one."""

    overdue: list[Decision]
    accepted_without_owner: list[Decision]
    stale_proposed: list[Decision]

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.accepted_without_owner) + len(self.stale_proposed)


def flag_params(on: dt.date | None = None) -> dict[str, str]:
    on = on or clock.today()
    stale_before = on - dt.timedelta(days=STALE_PROPOSED_DAYS)
    return {"today": on.isoformat(), "stale_before": stale_before.isoformat()}


def flags_of(d: Decision, on: dt.date | None = None) -> tuple[str, ...]:
    """The review flags of one decision, as keys of FLAG_LABELS (same rules as FLAG_SQL)."""
    on = on or clock.today()
    found = []
    if d.status in OPEN_STATUSES and d.review_by is not None and d.review_by < on:
        found.append("overdue")
    if d.status == "accepted" and not d.owner.strip():
        found.append("no_owner")
    stale_before = on - dt.timedelta(days=STALE_PROPOSED_DAYS)
    if d.status == "proposed" and not d.date_unknown and d.decided_on < stale_before:
        found.append("stale")
    return tuple(found)


def review_flags(db: Database, engagement_id: int, on: dt.date | None = None) -> ReviewFlags:
    """Overdue reviews, accepted decisions without an owner, proposals left open over 30 days."""

    def flagged(key: str) -> list[Decision]:
        sql = f"SELECT {_COLUMNS} FROM decision d WHERE d.engagement_id = :e AND {FLAG_SQL[key]} "
        found = db.execute(sql + "ORDER BY d.number", {"e": engagement_id, **flag_params(on)})
        return [from_values(r) for r in found]

    return ReviewFlags(flagged("overdue"), flagged("no_owner"), flagged("stale"))


def _log() -> logging.Logger:
    """The module's logger, with `logging` loaded only when there is something to warn about
    (it costs a read command 4 ms at start)."""
    import logging

    return logging.getLogger(__name__)
