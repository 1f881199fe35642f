"""Sample decisions: the calls a fractional CTO makes, in every status and category.

About two a month of each engagement, each call (storage.sample.decision_templates) at most once
per engagement, owned by the client's own people, with supersede chains, missing owners, overdue
reviews and stale proposals. Thousands of rows are written in one transaction with executemany,
each row passing `decisions.validate` first, so a ten-year practice takes a second.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storage.decisions.records import Decision, validate
from storage.practice.engagements import Engagement, ended_by
from storage.rules.clock import now_iso
from storage.sample.clients import people_of
from storage.sample.decision_templates import DRIVERS, TEMPLATES, Template

if TYPE_CHECKING:
    from sqlite_utils import Database

PER_MONTH = 2.0
LINKS = "https://wiki.example/adr\n- Board pack, technology section"
REJECTED_SHARE, DEPRECATED_SHARE = 0.1, 0.06
_SUCCESSORS = {t.successor for t in TEMPLATES if t.successor is not None}


@dataclass
class _Planned:
    template: Template
    decided_on: dt.date
    status: str = "accepted"
    supersedes: int | None = None  # index within the engagement's plan
    superseded_by: int | None = None


def populate(
    db: Database, rng: random.Random, engagements: list[Engagement], *, as_of: dt.date, **_: object
) -> None:
    """Write every engagement's decisions in one transaction."""
    next_id = int(db.execute("SELECT coalesce(max(id), 0) FROM decision").fetchone()[0]) + 1
    rows: list[dict[str, Any]] = []
    history: list[tuple[int, str, str]] = []
    numbers: list[tuple[int, int]] = []
    for engagement in engagements:
        if engagement.status == "proposed":
            continue  # nothing decided before the engagement is agreed
        plan = _plan(rng, engagement, as_of)
        ids = list(range(next_id, next_id + len(plan)))
        for index, item in enumerate(plan):
            rows.append(_row(rng, engagement, item, index, ids, as_of))
            history.extend(_history(rng, ids[index], item, plan, as_of))
        numbers.append((len(plan) + 1, engagement.id or 0))
        next_id += len(plan)
    _write(db, rows, history, numbers)


def _write(
    db: Database,
    rows: list[dict[str, Any]],
    history: list[tuple[int, str, str]],
    numbers: list[tuple[int, int]],
) -> None:
    if not rows:
        return
    columns = list(rows[0])
    insert = f"INSERT INTO decision ({', '.join(columns)}) VALUES ({_marks(len(columns))})"
    with db.atomic():
        db.execute("PRAGMA defer_foreign_keys = ON")  # links point forward to later rows
        db.conn.executemany(insert, [[r[c] for c in columns] for r in rows])
        db.conn.executemany(
            "INSERT INTO decision_status_change (decision_id, status, changed_on) VALUES (?, ?, ?)",
            history,
        )
        db.conn.executemany("UPDATE engagement SET next_decision_number = ? WHERE id = ?", numbers)


def _marks(count: int) -> str:
    return ", ".join("?" for _ in range(count))


def _plan(rng: random.Random, e: Engagement, as_of: dt.date) -> list[_Planned]:
    """Dates and templates in date order, with some later slots superseding earlier ones."""
    end = min(as_of, ended_by(e) or e.planned_end_date or as_of)
    start = min(e.start_date, as_of - dt.timedelta(days=3))
    span = max((end - start).days, 1)
    count = max(2, round(span / 30.4 * PER_MONTH * rng.uniform(0.7, 1.3)))
    count = min(count, len(TEMPLATES) - len(_SUCCESSORS))
    dates = sorted(start + dt.timedelta(days=rng.randrange(span)) for _ in range(count))
    plan: list[_Planned] = []
    claimed: dict[int, tuple[int, int]] = {}  # slot -> (template index, predecessor slot)
    fresh = [i for i in range(len(TEMPLATES)) if i not in _SUCCESSORS]
    rng.shuffle(fresh)  # each call at most once per engagement
    for slot, day in enumerate(dates):
        index, before = claimed.get(slot) or (fresh.pop(), None)
        template = TEMPLATES[index]
        plan.append(_Planned(template, day, supersedes=before))
        if before is not None:
            plan[before].superseded_by = slot
        later = slot + rng.randint(2, 9)
        free = later < count and later not in claimed
        if template.successor is not None and free and rng.random() < 0.6:
            claimed[later] = (template.successor, slot)
    for item in plan:
        item.status = _status(rng, item, as_of)
        if item.status == "proposed" and e.status == "ended":
            item.status = rng.choice(("accepted", "accepted", "rejected"))
    return plan


def _status(rng: random.Random, item: _Planned, as_of: dt.date) -> str:
    if item.superseded_by is not None:
        return "superseded"
    age = (as_of - item.decided_on).days
    roll = rng.random()
    if (age < 40 and roll < 0.6) or roll < 0.04:
        return "proposed"
    if item.supersedes is not None:  # a replacement is not rejected after the fact
        return "accepted"
    if roll < 0.04 + REJECTED_SHARE:
        return "rejected"
    if roll < 0.04 + REJECTED_SHARE + DEPRECATED_SHARE and item.supersedes is None:
        return "deprecated"
    return "accepted"


def _row(
    rng: random.Random,
    e: Engagement,
    item: _Planned,
    index: int,
    ids: list[int],
    as_of: dt.date,
) -> dict[str, Any]:
    t = item.template
    review = None
    handed_over = e.status == "ended"  # reviews and owners went to the client at the exit
    if item.status in ("proposed", "accepted") and rng.random() < 0.8 and not handed_over:
        review = item.decided_on + dt.timedelta(days=rng.choice([45, 90, 120, 180, 365]))
        if review < as_of and rng.random() < 0.8:  # reviewed on time, the next review ahead
            review = as_of + dt.timedelta(days=rng.randint(7, 180))
    missing_owner = rng.random() < (0.02 if handed_over else 0.12)
    decision = Decision(
        engagement_id=e.id or 0,
        title=t.title,
        decided_on=item.decided_on,
        category=t.category,
        status=item.status,
        context=t.context,
        drivers=_drivers(rng, t.category),
        options=t.options,
        outcome=t.outcome,
        consequences=t.consequences,
        owner="" if missing_owner else rng.choice(people_of(e.client_name)),
        consulted=_consulted(rng, e.client_name),
        reversibility=t.reversibility,
        cost_if_wrong_minor=rng.choice([None, 500_000, 2_000_000, 5_000_000, 15_000_000]),
        review_by=review,
        links=LINKS if rng.random() < 0.3 else "",
    )
    row = validate(decision)
    row.update(
        id=ids[index],
        number=index + 1,
        created_at=now_iso(),
        supersedes_id=None if item.supersedes is None else ids[item.supersedes],
        superseded_by_id=None if item.superseded_by is None else ids[item.superseded_by],
    )
    return row


def _drivers(rng: random.Random, category: str) -> str:
    """Two or three of the concerns such a decision weighs, as bullets."""
    pool = DRIVERS[category]
    return "\n".join(f"- {d}" for d in rng.sample(pool, min(len(pool), rng.choice((2, 3)))))


def _consulted(rng: random.Random, client_name: str) -> str:
    people = people_of(client_name)
    return "; ".join(rng.sample(people, 2)) + "; the engineering leads"


def _history(
    rng: random.Random, decision_id: int, item: _Planned, plan: list[_Planned], as_of: dt.date
) -> list[tuple[int, str, str]]:
    """Proposed on the decision date, then the later status changes."""
    changes = [(decision_id, "proposed", item.decided_on.isoformat())]
    if item.status == "proposed":
        return changes
    settled = min(item.decided_on + dt.timedelta(days=rng.randint(0, 10)), as_of)
    if item.status == "superseded" and item.superseded_by is not None:
        changes.append((decision_id, "accepted", settled.isoformat()))
        replaced = plan[item.superseded_by].decided_on
        changes.append((decision_id, "superseded", max(replaced, settled).isoformat()))
    else:
        changes.append((decision_id, item.status, settled.isoformat()))
    return changes
